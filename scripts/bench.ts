// CLI: benchmarks. `npm run bench -- validate` times validating the bundled registry (first run includes module warm-up).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { validateRegistry } from '../src/registry/validate.ts';
import { measure, timingTable, withinBudget, type Timing } from '../src/bench/measure.ts';
import { renderInstructions, INSTRUCTION_FORMATS } from '../src/instructions/render.ts';
import { loadRegistry } from '../src/registry/validate.ts';
import { HOST_OSES } from '../src/schema/vocabulary.ts';
import { packageFigures } from '../src/bench/package-bench.ts';
import { buildCommand } from './build.ts';
import { isMain, run } from './cli.ts';

type Benchmark = (contracts: string) => Timing[] | Promise<Timing[]>;

const BENCHMARKS: Record<string, Benchmark> = {
  validate: (contracts) => {
    const check = validateRegistry(contracts);
    if (check.diagnostics.length > 0) throw new Error(`${contracts} does not validate: run npm run validate`);
    const boards = check.registry!.boards.length;
    return [
      measure(`validateRegistry(${contracts}), ${boards} boards, in process`, 20, () => validateRegistry(contracts), 300),
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
  package: packageBenchmark,
  build: (contracts) => {
    // Full build in new processes (validate, package, site, search index); the first run starts with no tsc cache.
    const out = mkdtempSync(join(tmpdir(), 'boardhub-bench-build-'));
    const buildOnce = () => {
      const child = spawnSync(process.execPath, ['scripts/build.ts', '--contracts', contracts, '--out', out], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(child.stderr || child.stdout);
    };
    rmSync('node_modules/.cache/boardhub', { recursive: true, force: true });
    const cold = measure(`full build of ${contracts}, empty compile cache`, 1, buildOnce, 10_000);
    const warm = measure(`full build of ${contracts}, library unchanged`, 3, buildOnce, 10_000);
    rmSync(out, { recursive: true, force: true });
    return [cold, warm];
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

/** Builds the package, then times a cold import and checks the one-board bundle and tarball size against their budgets. */
async function packageBenchmark(contracts: string): Promise<Timing[]> {
  if ((await buildCommand(['--contracts', contracts, '--out', 'dist', '--no-site'])) !== 0) throw new Error('the build failed');
  const figures = await packageFigures('dist/package');
  const sorted = [...figures.coldImportMs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  console.log(
    `one-board browser bundle: ${figures.bundle.bytes} bytes from ${figures.bundle.inputs.length} inputs; board files: ${figures.bundle.boardFiles.join(', ')}; whole dataset included: ${figures.bundle.containsDataset}`,
  );
  console.log(`tarball: ${(figures.tarballBytes / 1024).toFixed(1)} KiB`);
  const fixed = (name: string, value: number, budget: number, unit: string): Timing => ({
    name: `${name} (${unit})`,
    runs: 1,
    firstMs: value,
    medianMs: value,
    minMs: value,
    peakRssMiB: 0,
    budgetMs: budget,
    unit,
  });
  return [
    {
      name: 'cold import + getBoard() in a new process',
      runs: figures.coldImportMs.length,
      firstMs: figures.coldImportMs[0]!,
      medianMs: median,
      minMs: sorted[0]!,
      peakRssMiB: 0,
      budgetMs: 30,
    },
    fixed(
      'board JSON files in a one-board bundle (the whole dataset counts 1000)',
      figures.bundle.boardFiles.length + (figures.bundle.containsDataset ? 1000 : 0),
      1,
      'files',
    ),
    fixed('one-board bundle size', Math.round(figures.bundle.bytes / 1024), 40, 'KiB'),
    fixed('tarball size', Math.round(figures.tarballBytes / 1024), 300, 'KiB'),
  ];
}

export async function benchCommand(argv: string[]): Promise<number> {
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
  const timings: Timing[] = [];
  for (const name of names) timings.push(...(await BENCHMARKS[name]!(values.contracts)));
  console.log(timingTable(timings));
  mkdirSync(values.out, { recursive: true });
  writeFileSync(`${values.out}/${names.join('-')}.json`, `${JSON.stringify({ node: process.version, timings }, null, 2)}\n`);
  console.log(`wrote ${values.out}/${names.join('-')}.json`);
  const over = timings.filter((t) => !withinBudget(t));
  for (const t of over) console.error(`✖ over budget: ${t.name}: median ${t.medianMs} ms > ${t.budgetMs} ms`);
  return over.length === 0 ? 0 : 1;
}

if (isMain(import.meta.url)) await run(() => benchCommand(process.argv.slice(2)));
