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
import { writeSyntheticRegistry } from '../src/bench/synthetic.ts';
import { searchLatency } from '../src/bench/search-latency.ts';
import { buildCommand } from './build.ts';
import { isMain, run } from './cli.ts';

/** A figure measured once (a size, a count, a ratio), shown in the timing table with its budget. */
function singleFigure(name: string, value: number, budget: number, unit: string): Timing {
  return { name, runs: 1, firstMs: value, medianMs: value, minMs: value, peakRssMiB: 0, budgetMs: budget, unit };
}

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
  const fixed = (name: string, value: number, budget: number, unit: string) => singleFigure(`${name} (${unit})`, value, budget, unit);
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

interface ScaleRow {
  boards: number | 'real';
  task: string;
  ms: number;
  maxRssMiB: number;
  detail?: string;
}

function runTask(task: string, contracts: string, out: string): Record<string, number> {
  const child = spawnSync(process.execPath, ['scripts/bench-task.ts', task, contracts, out], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`${task} on ${contracts} failed:\n${child.stderr.slice(-2000)}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!);
}

/**
 * Synthetic registries of 150, 1,000 and 10,000 boards (and the real one): validate, re-validate after one edit,
 * package build, site build with its search-index share, and the full build, each in a fresh process with peak memory.
 */
async function scaleBenchmark(contracts: string, sizes: number[]): Promise<{ rows: ScaleRow[]; timings: Timing[] }> {
  const rows: ScaleRow[] = [];
  let searchTimes: number[] = [];
  const targets: [number | 'real', string][] = [['real', contracts]];
  const work = mkdtempSync(join(tmpdir(), 'boardhub-scale-'));
  try {
    for (const size of sizes) {
      const dir = join(work, `r${size}`, 'contracts');
      writeSyntheticRegistry(contracts, dir, size);
      targets.push([size, dir]);
    }
    for (const [boards, dir] of targets) {
      const dist = join(dir, '..', 'dist');
      for (const task of ['validate', 'revalidate', 'package', 'site', 'full']) {
        const result = runTask(task, dir, dist);
        const detail = task === 'site' ? `astro ${result.astroMs} ms, pagefind ${result.pagefindMs} ms` : undefined;
        rows.push({
          boards,
          task,
          ms: task === 'revalidate' ? result.medianMs! : result.ms!,
          maxRssMiB: result.maxRssMiB!,
          ...(detail ? { detail } : {}),
        });
        console.error(`  ${boards} boards, ${task}: ${rows.at(-1)!.ms} ms`);
      }
      if (boards === Math.max(...sizes))
        searchTimes = await searchLatency(join(dist, 'site'), ['jetson orin', 'raspberry', 'imx8', 'beaglebone black']);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const row = (boards: number, task: string) => rows.find((r) => r.boards === boards && r.task === task);
  const fixed = singleFigure;
  const largest = Math.max(...sizes);
  const timings: Timing[] = [];
  if (row(largest, 'validate')) timings.push(fixed(`validate ${largest} boards (ms)`, row(largest, 'validate')!.ms, 3000, 'ms'));
  if (row(largest, 'revalidate'))
    timings.push(fixed(`re-validate ${largest} boards after one edit (ms)`, row(largest, 'revalidate')!.ms, 100, 'ms'));
  if (row(largest, 'full')) {
    timings.push(fixed(`full build of ${largest} boards (ms)`, row(largest, 'full')!.ms, 90_000, 'ms'));
    timings.push(fixed(`full build of ${largest} boards, peak memory (MiB)`, row(largest, 'full')!.maxRssMiB, 2048, 'MiB'));
  }
  if (searchTimes.length) {
    const sorted = [...searchTimes].sort((a, b) => a - b);
    timings.push({
      name: `search: keystroke to first results, ${largest} boards, Chromium (${searchTimes.join(', ')} ms)`,
      runs: searchTimes.length,
      firstMs: searchTimes[0]!,
      medianMs: sorted[Math.floor(sorted.length / 2)]!,
      minMs: sorted[0]!,
      peakRssMiB: 0,
      budgetMs: 300,
    });
  }
  const tenth = row(largest / 10, 'full');
  if (tenth && row(largest, 'full'))
    timings.push(
      fixed(
        `full build growth ${largest / 10} -> ${largest} boards (×)`,
        Math.round((row(largest, 'full')!.ms / tenth.ms) * 10) / 10,
        12,
        '×',
      ),
    );
  return { rows, timings };
}

export async function benchCommand(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      contracts: { type: 'string', default: 'contracts' },
      out: { type: 'string', default: 'bench-results' },
      sizes: { type: 'string', default: '1000,10000' },
    },
  });
  // With no names, everything runs, scale included.
  const names = positionals.length > 0 ? positionals : [...Object.keys(BENCHMARKS), 'scale'];
  const unknown = names.filter((name) => !(name in BENCHMARKS) && name !== 'scale');
  if (unknown.length) {
    console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${[...Object.keys(BENCHMARKS), 'scale'].join(', ')}`);
    return 2;
  }
  const timings: Timing[] = [];
  for (const name of names.filter((n) => n !== 'scale')) timings.push(...(await BENCHMARKS[name]!(values.contracts)));
  mkdirSync(values.out, { recursive: true });
  if (names.includes('scale')) {
    const scale = await scaleBenchmark(values.contracts, values.sizes.split(',').map(Number));
    console.log('| boards | task | time (ms) | peak RSS (MiB) | detail |\n| --- | --- | --- | --- | --- |');
    for (const r of scale.rows) console.log(`| ${r.boards} | ${r.task} | ${r.ms} | ${r.maxRssMiB} | ${r.detail ?? ''} |`);
    writeFileSync(
      `${values.out}/scale.json`,
      `${JSON.stringify({ node: process.version, rows: scale.rows, timings: scale.timings }, null, 2)}\n`,
    );
    timings.push(...scale.timings);
  }
  console.log(timingTable(timings));
  writeFileSync(`${values.out}/${names.join('-')}.json`, `${JSON.stringify({ node: process.version, timings }, null, 2)}\n`);
  console.log(`wrote ${values.out}/${names.join('-')}.json`);
  const over = timings.filter((t) => !withinBudget(t));
  for (const t of over) console.error(`✖ over budget: ${t.name}: ${t.medianMs} > ${t.budgetMs} ${t.unit ?? 'ms'}`);
  return over.length === 0 ? 0 : 1;
}

if (isMain(import.meta.url)) await run(() => benchCommand(process.argv.slice(2)));
