// The PR report's content: validation results with line links, a semantic diff of every changed board, its instructions and layout.
import { formatDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { diffData, type FieldChange } from '../build/changelog.ts';
import { renderInstructions } from '../instructions/render.ts';
import type { Registry } from '../registry/registry.ts';
import type { ResolvedBoard } from '../schema/resolved-board.ts';

export const REPORT_MARKER = '<!-- boardhub-pr-report -->';
export const LABELS = ['new-board', 'board-update', 'schema', 'invalid'] as const;
export type Label = (typeof LABELS)[number];

export interface PrReport {
  /** Comment body, starting with the hidden marker. */
  body: string;
  labels: Label[];
  /** `::error file=...::` workflow commands, one per diagnostic. */
  annotations: string[];
  valid: boolean;
}

export interface ReportInput {
  /** owner/name, for links. */
  repository: string;
  /** The PR head commit, so line links point at the reviewed version. */
  sha: string;
  changedFiles: string[];
  diagnostics: Diagnostic[];
  base: Registry | undefined;
  head: Registry | undefined;
  previewUrl?: string;
}

/** A diagnostic's file relative to the repository (diagnostics name the registry folder first: "contracts/..."). */
function blobLink(input: ReportInput, d: Diagnostic): string {
  return `https://github.com/${input.repository}/blob/${input.sha}/${d.file}#L${d.line}`;
}

/** GitHub workflow command escaping for annotation messages and properties. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function annotationsFor(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map(
    (d) =>
      `::error file=${escapeProperty(d.file)},line=${d.line},col=${d.column},title=${escapeProperty(d.rule)}::${escapeData(formatDiagnostic(d))}`,
  );
}

/** Markdown text: contract values are escaped so a PR cannot inject markup into the comment. */
function md(text: string): string {
  return text.replace(/([\\`*_[\]<>|#~])/g, '\\$1');
}

const show = (value: unknown) =>
  value === undefined ? '_(none)_' : `\`${String(typeof value === 'string' ? value : JSON.stringify(value)).replace(/`/g, "'")}\``;

function layoutText(board: ResolvedBoard): string {
  if (!board.partitions) return '_no disk image_';
  const rows = board.partitions.partitions.map(
    (p, i) =>
      `| ${i + 1} | \`${p.label}\` | ${p.role} | ${p.filesystem} | ${p.size === 'fill' ? 'rest' : p.size === 'content' ? 'content' : `${p.size} MiB`} |`,
  );
  return [
    `${md(board.partitions.layout.name)} (${board.partitions.scheme}); config.json at \`${board.partitions.config.path}\` on \`${board.partitions.config.partition}\``,
    '',
    '| # | label | role | filesystem | size |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

function boardSection(title: string, board: ResolvedBoard, changes?: FieldChange[]): string {
  const parts = [`### ${title}: ${md(board.name)} (\`${board.slug}\`)`, ''];
  if (changes) {
    parts.push(
      changes.length
        ? changes
            .slice(0, 40)
            .map((c) => `- \`${c.path}\`: ${show(c.before)} → ${show(c.after)}`)
            .join('\n')
        : '_No change in the resolved board._',
      '',
    );
  }
  parts.push(`Install method: **${board.installMethod.method}**${board.installMethod.tool ? ` (${board.installMethod.tool})` : ''}`, '');
  for (const host of ['windows', 'macos', 'linux'] as const) {
    parts.push(`<details><summary>Instructions on ${host}</summary>`, '', renderInstructions(board, host, 'md'), '</details>', '');
  }
  parts.push('<details><summary>Partition layout</summary>', '', layoutText(board), '', '</details>', '');
  return parts.join('\n');
}

export function buildReport(input: ReportInput): PrReport {
  const valid = input.diagnostics.length === 0;
  const lines = [REPORT_MARKER, '## Boardhub check', ''];
  if (valid) lines.push(`✅ The registry is valid (${input.head?.boards.length ?? 0} boards).`, '');
  else {
    lines.push(`❌ ${input.diagnostics.length} error${input.diagnostics.length === 1 ? '' : 's'}:`, '');
    for (const d of input.diagnostics.slice(0, 100))
      lines.push(
        `- [${md(d.file)}:${d.line}:${d.column}](${blobLink(input, d)}) \`${d.pointer || '/'}\`: expected ${md(d.expected)}, found ${md(d.found)}${d.hint ? ` (${md(d.hint)})` : ''}`,
      );
    if (input.diagnostics.length > 100) lines.push(`- …and ${input.diagnostics.length - 100} more; run \`npm run validate\` locally.`);
    lines.push('');
  }
  const labels = new Set<Label>();
  if (!valid) labels.add('invalid');
  if (input.changedFiles.some((f) => f.startsWith('src/schema/') || f.startsWith('schemas/'))) labels.add('schema');
  if (input.base && input.head) {
    const diff = diffData(input.base.boards, input.head.boards);
    if (diff.added.length) labels.add('new-board');
    if (diff.changed.length || diff.removed.length || diff.renamed.length) labels.add('board-update');
    for (const slug of diff.added) lines.push(boardSection('New board', input.head.board(slug)!));
    for (const { from, to } of diff.renamed) lines.push(`### Renamed: \`${from}\` → \`${to}\` (the old slug stays an alias)`, '');
    for (const slug of diff.removed) lines.push(`### Removed: \`${slug}\` (a major change: see VERSIONING.md)`, '');
    for (const { slug, changes } of diff.changed) lines.push(boardSection('Changed', input.head.board(slug)!, changes));
    if (!diff.added.length && !diff.changed.length && !diff.removed.length && !diff.renamed.length)
      lines.push('No resolved board changes.', '');
  }
  if (input.previewUrl) lines.push(`[Preview of the site](${input.previewUrl})`, '');
  return { body: lines.join('\n'), labels: [...labels].sort(), annotations: annotationsFor(input.diagnostics), valid };
}
