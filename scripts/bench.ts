// CLI: benchmarks. `npm run bench -- validate` times validating the bundled registry (first run includes module warm-up).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { validateRegistry } from '../src/registry/validate.ts';
import { budgetedValue, measure, settleDisk, timingOf, timingTable, withinBudget, type Timing } from '../src/bench/measure.ts';
import { siteBudgets } from '../src/build/budgets.ts';
import { scaleComparison, scaleRowsOf, type ScaleRow } from '../src/bench/compare.ts';
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
  console.log(
    `one-board browser bundle: ${figures.bundle.bytes} bytes from ${figures.bundle.inputs.length} inputs; board files: ${figures.bundle.boardFiles.join(', ')}; whole dataset included: ${figures.bundle.containsDataset}`,
  );
  console.log(`tarball: ${(figures.tarballBytes / 1024).toFixed(1)} KiB`);
  const fixed = (name: string, value: number, budget: number, unit: string) => singleFigure(`${name} (${unit})`, value, budget, unit);
  return [
    timingOf('cold import + getBoard() in a new process', figures.coldImportMs, { ms: 30, on: 'median' }),
    fixed(
      'board JSON files in a one-board bundle (the whole dataset counts 1000)',
      figures.bundle.boardFiles.length + (figures.bundle.containsDataset ? 1000 : 0),
      1,
      'files',
    ),
    fixed('one-board bundle size', Math.round(figures.bundle.bytes / 1024), 40, 'KiB'),
    fixed('tarball size', Math.round(figures.tarballBytes / 1024), 450, 'KiB'),
  ];
}

type TaskResult = { ms: number; maxRssMiB: number; editsMs?: number[]; astroMs?: number; pagefindMs?: number };

function runTask(task: string, contracts: string, out: string): TaskResult {
  const child = spawnSync(process.execPath, ['scripts/bench-task.ts', task, contracts, out], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`${task} on ${contracts} failed:\n${child.stderr.slice(-2000)}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!);
}

/** Queries typed into the home page's search box at the largest size: short and long, rare and common words. */
const SEARCH_QUERIES = ['jetson orin', 'raspberry', 'imx8', 'beaglebone black', 'intel nuc', 'rockchip'];
/** Fresh-process validate runs per registry: the first (compile caches empty) and the steady state both count. */
const VALIDATE_RUNS = 3;

/**
 * Synthetic registries of (by default) 150, 1,000 and 10,000 boards, and the real one: validate, re-validate after one
 * edit, package build, site build with its search-index share, and the full build, each in a fresh process with peak
 * memory; at the largest size also search latency in Chromium and the page-weight budgets.
 */
async function scaleBenchmark(contracts: string, sizes: number[]): Promise<{ rows: ScaleRow[]; timings: Timing[] }> {
  const rows: ScaleRow[] = [];
  const largest = Math.max(...sizes);
  const timings: Timing[] = [];
  const targets: [number | 'real', string][] = [['real', contracts]];
  const work = mkdtempSync(join(tmpdir(), 'boardhub-scale-'));
  try {
    for (const size of sizes) {
      const dir = join(work, `r${size}`, 'contracts');
      writeSyntheticRegistry(contracts, dir, size);
      targets.push([size, dir]);
    }
    // The synthetic files go to disk before anything is timed, so the first validation does not race their write-back.
    settleDisk();
    for (const [boards, dir] of targets) {
      const dist = join(dir, '..', 'dist');
      const record = (task: string, ms: number, maxRssMiB: number, detail?: string, runsMs?: number[]) => {
        rows.push({ boards, task, ms, maxRssMiB, ...(detail ? { detail } : {}), ...(runsMs ? { runsMs } : {}) });
        console.error(`  ${boards} boards, ${task}: ${ms} ms${detail ? ` (${detail})` : ''}`);
      };
      const validateRuns = Array.from({ length: VALIDATE_RUNS }, () => runTask('validate', dir, dist));
      const validateMs = validateRuns.map((r) => r.ms);
      record(
        'validate',
        Math.max(...validateMs),
        Math.max(...validateRuns.map((r) => r.maxRssMiB)),
        `runs ${validateMs.join(', ')} ms`,
        validateMs,
      );
      const revalidate = runTask('revalidate', dir, dist);
      const edits = revalidate.editsMs!;
      record('revalidate', Math.max(...edits), revalidate.maxRssMiB, `${edits.length} edits, ${edits.join(', ')} ms`, edits);
      const pkg = runTask('package', dir, dist);
      record('package', pkg.ms, pkg.maxRssMiB);
      const site = runTask('site', dir, dist);
      record('site', site.ms, site.maxRssMiB, `astro ${site.astroMs} ms, pagefind ${site.pagefindMs} ms`);
      const full = runTask('full', dir, dist);
      record('full', full.ms, full.maxRssMiB);
      if (boards !== largest) continue;
      timings.push(
        timingOf(
          `validate ${largest} boards, new process each run`,
          validateMs,
          { ms: 3000, on: 'max' },
          Math.max(...validateRuns.map((r) => r.maxRssMiB)),
        ),
      );
      timings.push(timingOf(`re-validate ${largest} boards after a one-file edit`, edits, { ms: 100, on: 'max' }, revalidate.maxRssMiB));
      timings.push({ ...singleFigure(`full build of ${largest} boards (ms)`, full.ms, 90_000, 'ms'), peakRssMiB: full.maxRssMiB });
      timings.push(singleFigure(`full build of ${largest} boards, peak memory (MiB)`, full.maxRssMiB, 2048, 'MiB'));
      const search = await searchLatency(join(dist, 'site'), SEARCH_QUERIES);
      timings.push(
        timingOf(`search: keystroke to first results, ${largest} boards, Chromium (${SEARCH_QUERIES.join(' / ')})`, search, {
          ms: 300,
          on: 'max',
        }),
      );
      for (const budget of siteBudgets(join(dist, 'site')))
        timings.push(
          singleFigure(`${largest} boards: ${budget.name} (KiB gz)`, Math.round(budget.bytes / 102.4) / 10, budget.budgetKiB, 'KiB'),
        );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  // Linear growth: each task at the largest size within 12 times its cost at a tenth of that size; repeated tasks
  // compare medians, so one slow run does not decide. Re-validation is left out: a few milliseconds at 1,000 boards
  // make its ratio noise, and it has its own absolute budget.
  const at = (boards: number, task: string) => {
    const row = rows.find((r) => r.boards === boards && r.task === task);
    if (!row?.runsMs) return row?.ms;
    const sorted = [...row.runsMs].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  };
  for (const task of ['validate', 'package', 'site', 'full']) {
    const small = at(largest / 10, task);
    const large = at(largest, task);
    if (small !== undefined && large !== undefined && small > 0)
      timings.push(singleFigure(`${task} growth ${largest / 10} -> ${largest} boards (×)`, Math.round((large / small) * 10) / 10, 12, '×'));
  }
  return { rows, timings };
}

export async function benchCommand(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      contracts: { type: 'string', default: 'contracts' },
      out: { type: 'string', default: 'bench-results' },
      sizes: { type: 'string', default: '150,1000,10000' },
      compare: { type: 'string' },
    },
  });
  const sizes = values.sizes.split(',').map((size) => Number(size.trim()));
  if (sizes.some((size) => !Number.isInteger(size) || size < 1) || sizes.length === 0) {
    console.error(`--sizes: expected board counts separated by commas (e.g. 150,1000,10000), found "${values.sizes}"`);
    return 2;
  }
  // With no names, everything runs, scale included.
  const names = positionals.length > 0 ? positionals : [...Object.keys(BENCHMARKS), 'scale'];
  const unknown = names.filter((name) => !(name in BENCHMARKS) && name !== 'scale');
  if (unknown.length) {
    console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${[...Object.keys(BENCHMARKS), 'scale'].join(', ')}`);
    return 2;
  }
  // One result file per set of benchmarks run; a scale run is compared with the previous file of the same name.
  const resultFile = `${values.out}/${names.join('-')}.json`;
  let earlier: ScaleRow[] | null = null;
  if (names.includes('scale')) {
    const earlierFile = values.compare ?? resultFile;
    if (existsSync(earlierFile)) {
      try {
        earlier = scaleRowsOf(JSON.parse(readFileSync(earlierFile, 'utf8')));
      } catch {
        earlier = null;
      }
      if (!earlier) console.error(`${earlierFile} holds no scale rows written by this benchmark; nothing to compare with`);
      else console.error(`comparing with ${earlierFile}`);
    } else if (values.compare) {
      console.error(`--compare: ${values.compare} does not exist`);
      return 2;
    }
  }
  const timings: Timing[] = [];
  for (const name of names.filter((n) => n !== 'scale')) timings.push(...(await BENCHMARKS[name]!(values.contracts)));
  let rows: ScaleRow[] | undefined;
  if (names.includes('scale')) {
    const scale = await scaleBenchmark(values.contracts, sizes);
    rows = scale.rows;
    console.log('| boards | task | time (ms) | peak RSS (MiB) | detail |\n| --- | --- | --- | --- | --- |');
    for (const r of rows) console.log(`| ${r.boards} | ${r.task} | ${r.ms} | ${r.maxRssMiB} | ${r.detail ?? ''} |`);
    if (earlier) console.log(`\nCompared with the previous run:\n\n${scaleComparison(earlier, rows)}\n`);
    timings.push(...scale.timings);
  }
  console.log(timingTable(timings));
  mkdirSync(values.out, { recursive: true });
  writeFileSync(resultFile, `${JSON.stringify({ node: process.version, timings, ...(rows ? { rows } : {}) }, null, 2)}\n`);
  console.log(`wrote ${resultFile}`);
  const over = timings.filter((t) => !withinBudget(t));
  for (const t of over) console.error(`✖ over budget: ${t.name}: ${budgetedValue(t)} > ${t.budgetMs} ${t.unit ?? 'ms'}`);
  return over.length === 0 ? 0 : 1;
}

if (isMain(import.meta.url)) await run(() => benchCommand(process.argv.slice(2)));
