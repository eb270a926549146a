// Timing helpers for benchmark scripts: repeated runs, median and min, peak memory, and budgets.
import { performance } from 'node:perf_hooks';

export interface Timing {
  name: string;
  runs: number;
  firstMs: number;
  medianMs: number;
  minMs: number;
  peakRssMiB: number;
  /** The median must stay at or under this many milliseconds (or units). */
  budgetMs?: number;
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
    peakRssMiB: Math.round(peak / 1024 / 1024),
    ...(budgetMs !== undefined ? { budgetMs } : {}),
  };
}

export function withinBudget(t: Timing): boolean {
  return t.budgetMs === undefined || t.medianMs <= t.budgetMs;
}

export function timingTable(timings: Timing[]): string {
  const header =
    '| benchmark | runs | first (ms) | median (ms) | min (ms) | peak RSS (MiB) | budget |\n| --- | --- | --- | --- | --- | --- | --- |';
  const budget = (t: Timing) => (t.budgetMs === undefined ? '' : `${withinBudget(t) ? '✔' : '✖'} ≤ ${t.budgetMs} ${t.unit ?? 'ms'}`);
  return [
    header,
    ...timings.map((t) => `| ${t.name} | ${t.runs} | ${t.firstMs} | ${t.medianMs} | ${t.minMs} | ${t.peakRssMiB} | ${budget(t)} |`),
  ].join('\n');
}
