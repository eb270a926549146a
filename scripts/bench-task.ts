// One benchmark task in a fresh process (so memory and start-up are honest); prints {ms, maxRssMiB, ...} as JSON.
import { performance } from 'node:perf_hooks';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMain } from './cli.ts';

// Each task loads only the modules it needs, so a task's time and memory are its own.
const validateRegistry = async (dir: string) => (await import('../src/registry/validate.ts')).validateRegistry(dir);
const createIncrementalValidator = async (dir: string) => (await import('../src/registry/incremental.ts')).createIncrementalValidator(dir);
const buildSite = async (target: string, dir: string) => (await import('../src/build/site.ts')).buildSite(target, dir);
const buildCommand = async (argv: string[]) => (await import('./build.ts')).buildCommand(argv);

export async function benchTask(task: string, contracts: string, out: string): Promise<Record<string, number>> {
  const started = performance.now();
  const extra: Record<string, number> = {};
  const quiet = console.log;
  console.log = () => undefined;
  try {
    if (task === 'validate') {
      if ((await validateRegistry(contracts)).diagnostics.length) throw new Error('invalid registry');
    } else if (task === 'revalidate') {
      // One board edited, then validated again by the incremental validator: the median of five edits.
      const validator = await createIncrementalValidator(contracts);
      validator.validate();
      const board = join(contracts, 'hw.device-type', readdirSync(join(contracts, 'hw.device-type')).sort()[0]!, 'contract.json');
      const original = readFileSync(board, 'utf8');
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        writeFileSync(board, original.replace(/"name": "([^"]*)"/, `"name": "$1 (edit ${i})"`));
        const t = performance.now();
        if (validator.validate([board]).diagnostics.length) throw new Error('invalid after edit');
        times.push(performance.now() - t);
      }
      writeFileSync(board, original);
      extra.medianMs = times.sort((a, b) => a - b)[2]!;
    } else if (task === 'package') {
      if ((await buildCommand(['--contracts', contracts, '--out', out, '--no-site'])) !== 0) throw new Error('build failed');
    } else if (task === 'site') {
      const result = await buildSite(join(out, 'site'), contracts);
      extra.astroMs = result.astroMs;
      extra.pagefindMs = result.pagefindMs;
    } else if (task === 'full') {
      if ((await buildCommand(['--contracts', contracts, '--out', out])) !== 0) throw new Error('build failed');
    } else throw new Error(`unknown task ${task}`);
  } finally {
    console.log = quiet;
  }
  return { ms: Math.round(performance.now() - started), maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), ...extra };
}

if (isMain(import.meta.url)) {
  const [task, contracts, out] = process.argv.slice(2);
  console.log(JSON.stringify(await benchTask(task!, contracts!, out ?? 'dist-bench')));
}
