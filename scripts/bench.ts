// CLI: benchmarks. `npm run bench -- validate` times validating the bundled registry (first run includes module warm-up).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { validateRegistry } from '../src/registry/validate.ts';
import { measure, timingTable, withinBudget, type Timing } from '../src/bench/measure.ts';
import { renderInstructions, INSTRUCTION_FORMATS } from '../src/instructions/render.ts';
import { loadRegistry } from '../src/registry/validate.ts';
import { HOST_OSES } from '../src/schema/vocabulary.ts';
import { isMain, run } from './cli.ts';

const BENCHMARKS: Record<string, (contracts: string) => Timing[]> = {
  validate: (contracts) => {
    const check = validateRegistry(contracts);
    if (check.diagnostics.length > 0) throw new Error(`${contracts} does not validate: run npm run validate`);
    const boards = check.registry!.boards.length;
    return [
      measure(`validateRegistry(${contracts}), ${boards} boards, in process`, 20, () => validateRegistry(contracts), 500),
      // What a contributor waits for: a fresh Node process, module loading included.
      measure(
        `node scripts/validate.ts ${contracts}, new process`,
        5,
        () => {
          const child = spawnSync(process.execPath, ['scripts/validate.ts', contracts], { encoding: 'utf8' });
          if (child.status !== 0) throw new Error(child.stderr);
        },
        1000,
      ),
    ];
  },
  instructions: (contracts) => {
    const { boards } = loadRegistry(contracts);
    const renderAll = (formats: readonly (typeof INSTRUCTION_FORMATS)[number][]) => () => {
      for (const board of boards) for (const host of HOST_OSES) for (const format of formats) renderInstructions(board, host, format);
    };
    return [
      measure(`render ${boards.length} boards × ${HOST_OSES.length} hosts as Markdown`, 20, renderAll(['md']), 50),
      measure(
        `render ${boards.length} boards × ${HOST_OSES.length} hosts in all ${INSTRUCTION_FORMATS.length} formats`,
        20,
        renderAll(INSTRUCTION_FORMATS),
      ),
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
  const over = timings.filter((t) => !withinBudget(t));
  for (const t of over) console.error(`✖ over budget: ${t.name}: median ${t.medianMs} ms > ${t.budgetMs} ms`);
  return over.length === 0 ? 0 : 1;
}

if (isMain(import.meta.url)) await run(() => benchCommand(process.argv.slice(2)));
