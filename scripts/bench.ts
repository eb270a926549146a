// CLI: benchmarks. `npm run bench -- validate` times validating the bundled registry (first run includes module warm-up).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { validateRegistry } from '../src/registry/validate.ts';
import { measure, timingTable, type Timing } from '../src/bench/measure.ts';
import { isMain, run } from './cli.ts';

const BENCHMARKS: Record<string, (contracts: string) => Timing[]> = {
  validate: (contracts) => {
    const check = validateRegistry(contracts);
    if (check.diagnostics.length > 0) throw new Error(`${contracts} does not validate: run npm run validate`);
    const boards = check.registry!.boards.length;
    return [
      measure(`validateRegistry(${contracts}), ${boards} boards, in process`, 20, () => validateRegistry(contracts)),
      // What a contributor waits for: a fresh Node process, module loading included.
      measure(`node scripts/validate.ts ${contracts}, new process`, 5, () => {
        const child = spawnSync(process.execPath, ['scripts/validate.ts', contracts], { encoding: 'utf8' });
        if (child.status !== 0) throw new Error(child.stderr);
      }),
    ];
  },
};

export function benchCommand(argv: string[]): number {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { contracts: { type: 'string', default: 'contracts' }, out: { type: 'string', default: 'bench-results' } },
  });
  const names = positionals.length > 0 ? positionals : Object.keys(BENCHMARKS);
  const unknown = names.filter((name) => !(name in BENCHMARKS));
  if (unknown.length) {
    console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(BENCHMARKS).join(', ')}`);
    return 2;
  }
  const timings = names.flatMap((name) => BENCHMARKS[name]!(values.contracts));
  console.log(timingTable(timings));
  mkdirSync(values.out, { recursive: true });
  writeFileSync(`${values.out}/${names.join('-')}.json`, `${JSON.stringify({ node: process.version, timings }, null, 2)}\n`);
  console.log(`wrote ${values.out}/${names.join('-')}.json`);
  return 0;
}

if (isMain(import.meta.url)) await run(() => benchCommand(process.argv.slice(2)));
