// One benchmark task in a fresh process (so memory and start-up are honest); prints {ms, maxRssMiB, ...} as JSON.
import { performance } from 'node:perf_hooks';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { enableCompileCache } from 'node:module';
import { isMain } from './cli.ts';

// Each task loads only the modules it needs, so a task's time and memory are its own.
// Validation runs as `npm run validate` does: its command, with Node's compile cache (cold on the first run).
const validateLikeTheCli = async (dir: string) => {
  enableCompileCache?.('node_modules/.cache/node-compile');
  const { validateCommand } = await import('../src/cli/commands.ts');
  return validateCommand([dir], { out: () => undefined, err: (text) => process.stderr.write(text) });
};
const createIncrementalValidator = async (dir: string) => (await import('../src/registry/incremental.ts')).createIncrementalValidator(dir);
const buildSite = async (target: string, dir: string) => (await import('../src/build/site.ts')).buildSite(target, dir);
const buildCommand = async (argv: string[]) => (await import('./build.ts')).buildCommand(argv);

export async function benchTask(task: string, contracts: string, out: string): Promise<Record<string, number | number[]>> {
  const started = performance.now();
  const extra: Record<string, number | number[]> = {};
  const quiet = console.log;
  console.log = () => undefined;
  try {
    if (task === 'validate') {
      if ((await validateLikeTheCli(contracts)) !== 0) throw new Error('invalid registry');
    } else if (task === 'revalidate') {
      // Ten boards across the registry edited one at a time, each validated again by the incremental validator.
      const validator = await createIncrementalValidator(contracts);
      validator.validate();
      const folders = readdirSync(join(contracts, 'hw.device-type')).sort();
      const times: number[] = [];
      for (let i = 0; i < 10; i++) {
        const board = join(contracts, 'hw.device-type', folders[Math.floor((i * (folders.length - 1)) / 9)]!, 'contract.json');
        const original = readFileSync(board, 'utf8');
        writeFileSync(board, original.replace(/"name": "([^"]*)"/, `"name": "$1 (edit ${i})"`));
        const t = performance.now();
        const failed = validator.validate([board]).diagnostics.length > 0;
        times.push(Math.round((performance.now() - t) * 10) / 10);
        writeFileSync(board, original);
        if (failed) throw new Error(`invalid after editing ${board}`);
      }
      extra.editsMs = times;
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
  // Validation is timed from the process's own start, Node's start-up included: what `npm run validate` costs.
  const ms = task === 'validate' ? performance.now() : performance.now() - started;
  return { ms: Math.round(ms), maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), ...extra };
}

if (isMain(import.meta.url)) {
  const [task, contracts, out] = process.argv.slice(2);
  console.log(JSON.stringify(await benchTask(task!, contracts!, out ?? 'dist-bench')));
}
