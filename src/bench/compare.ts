// Compares a scale run with an earlier one (its scale.json): for each registry size and task, the time then and now.

export interface ScaleRow {
  boards: number | 'real';
  task: string;
  ms: number;
  maxRssMiB: number;
  detail?: string;
  /** Every run of a repeated task (validate runs, re-validation edits); `ms` is then the slowest. */
  runsMs?: number[];
}

/** Rows of an earlier scale.json, or null when the file's content is not a scale run. */
export function scaleRowsOf(json: unknown): ScaleRow[] | null {
  const rows = (json as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) return null;
  const valid = rows.filter(
    (r): r is ScaleRow =>
      typeof r === 'object' &&
      r !== null &&
      (typeof r.boards === 'number' || r.boards === 'real') &&
      typeof r.task === 'string' &&
      typeof r.ms === 'number' &&
      typeof r.maxRssMiB === 'number',
  );
  return valid.length === rows.length ? valid : null;
}

const percent = (before: number, now: number) => {
  if (before === 0) return now === 0 ? '0%' : 'new';
  const change = Math.round(((now - before) / before) * 100);
  return `${change > 0 ? '+' : change < 0 ? '−' : '±'}${Math.abs(change)}%`;
};

/** A Markdown table: each current row beside the earlier row for the same size and task (if any). */
export function scaleComparison(earlier: readonly ScaleRow[], current: readonly ScaleRow[]): string {
  const lines = [
    '| boards | task | before (ms) | now (ms) | time | before (MiB) | now (MiB) | memory |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of current) {
    const before = earlier.find((e) => e.boards === row.boards && e.task === row.task);
    lines.push(
      before
        ? `| ${row.boards} | ${row.task} | ${before.ms} | ${row.ms} | ${percent(before.ms, row.ms)} | ${before.maxRssMiB} | ${row.maxRssMiB} | ${percent(before.maxRssMiB, row.maxRssMiB)} |`
        : `| ${row.boards} | ${row.task} | | ${row.ms} | new | | ${row.maxRssMiB} | new |`,
    );
  }
  return lines.join('\n');
}
