// Timing helpers for benchmark scripts: repeated runs, median and min, peak memory, and budgets.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** Lets pending file writes reach the disk, so what is timed next does not compete with their write-back. */
export function settleDisk(): void {
  if (process.platform !== 'win32') spawnSync('sync');
}

export interface Timing {
  name: string;
  runs: number;
  firstMs: number;
  medianMs: number;
  minMs: number;
  /** Slowest run; absent for figures measured once. */
  maxMs?: number;
  peakRssMiB: number;
  /** The median (or, with `budgetOn: 'max'`, every run) must stay at or under this many milliseconds (or units). */
  budgetMs?: number;
  budgetOn?: 'median' | 'max';
  /** Unit of the figures when they are not milliseconds. */
  unit?: string;
}

export function measure(name: string, runs: number, body: () => unknown, budgetMs?: number): Timing {
  const samples: number[] = [];
  let peak = process.memoryUsage().rss;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    body();
    samples.push(performance.now() - started);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    name,
    runs,
    firstMs: round(samples[0]!),
    medianMs: round(sorted[Math.floor(sorted.length / 2)]!),
    minMs: round(sorted[0]!),
    maxMs: round(sorted.at(-1)!),
    peakRssMiB: Math.round(peak / 1024 / 1024),
    ...(budgetMs !== undefined ? { budgetMs } : {}),
  };
}

/** Runs already measured (e.g. in other processes or in a browser) as a timing row. */
export function timingOf(name: string, samples: number[], budget?: { ms: number; on: 'median' | 'max' }, peakRssMiB = 0): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    name,
    runs: samples.length,
    firstMs: samples[0]!,
    medianMs: sorted[Math.floor(sorted.length / 2)]!,
    minMs: sorted[0]!,
    maxMs: sorted.at(-1)!,
    peakRssMiB,
    ...(budget ? { budgetMs: budget.ms, budgetOn: budget.on } : {}),
  };
}

/** The figure a budget is checked against: the median, or the slowest run. */
export function budgetedValue(t: Timing): number {
  return t.budgetOn === 'max' ? (t.maxMs ?? t.medianMs) : t.medianMs;
}

export function withinBudget(t: Timing): boolean {
  return t.budgetMs === undefined || budgetedValue(t) <= t.budgetMs;
}

export function timingTable(timings: Timing[]): string {
  const header =
    '| benchmark | runs | first (ms) | median (ms) | min (ms) | max (ms) | peak RSS (MiB) | budget |\n| --- | --- | --- | --- | --- | --- | --- | --- |';
  const budget = (t: Timing) =>
    t.budgetMs === undefined
      ? ''
      : `${withinBudget(t) ? '✔' : '✖'} ${t.runs === 1 ? '' : t.budgetOn === 'max' ? 'every run ' : 'median '}≤ ${t.budgetMs} ${t.unit ?? 'ms'}`;
  return [
    header,
    ...timings.map(
      (t) =>
        `| ${t.name} | ${t.runs} | ${t.firstMs} | ${t.medianMs} | ${t.minMs} | ${t.maxMs ?? ''} | ${t.peakRssMiB || ''} | ${budget(t)} |`,
    ),
  ].join('\n');
}
