// Timing helpers for benchmark scripts: repeated runs, median and min, and peak memory.
import { performance } from 'node:perf_hooks';

export interface Timing {
  name: string;
  runs: number;
  firstMs: number;
  medianMs: number;
  minMs: number;
  peakRssMiB: number;
}

export function measure(name: string, runs: number, body: () => unknown): Timing {
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
  };
}

export function timingTable(timings: Timing[]): string {
  const header = '| benchmark | runs | first (ms) | median (ms) | min (ms) | peak RSS (MiB) |\n| --- | --- | --- | --- | --- | --- |';
  return [header, ...timings.map((t) => `| ${t.name} | ${t.runs} | ${t.firstMs} | ${t.medianMs} | ${t.minMs} | ${t.peakRssMiB} |`)].join(
    '\n',
  );
}
