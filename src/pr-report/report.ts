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

/** GitHub refuses comments longer than this; the report stays under it with room to spare. */
export const MAX_BODY_CHARACTERS = 65_536;
const BODY_BUDGET = MAX_BODY_CHARACTERS - 2_000;

/** A diagnostic's file relative to the repository (diagnostics name the registry folder first: "contracts/..."). */
function blobLink(input: ReportInput, d: Diagnostic): string {
  // Every segment is percent-encoded, so no file name can close the link or open markup.
  const path = d.file
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
  return `https://github.com/${encodeURI(input.repository)}/blob/${encodeURIComponent(input.sha)}/${path}#L${d.line}`;
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

/** Line breaks and other controls in PR-supplied text would start new Markdown blocks (a forged section); they become spaces. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g, ' ');
}

/** As entities, these can neither open markup nor notify anyone (@user) nor link an issue (#1). */
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '@': '&#64;', '#': '&#35;' };

/**
 * Markdown text: PR-supplied strings are escaped so they cannot inject markup, links, HTML, mentions or issue
 * references into the comment, and stay on their line.
 */
export function md(text: string): string {
  return oneLine(text)
    .replace(/[&<>@#]/g, (c) => HTML_ENTITIES[c]!)
    .replace(/([\\`*_[\]|~!()])/g, '\\$1');
}

/** Inline code from PR-supplied text: on one line, without the backticks that would end the span. */
export function code(text: string): string {
  return `\`${oneLine(text).replace(/`/g, "'")}\``;
}

const show = (value: unknown) => (value === undefined ? '_(none)_' : code(typeof value === 'string' ? value : JSON.stringify(value)));

function layoutText(board: ResolvedBoard): string {
  if (!board.partitions) return '_no disk image_';
  const rows = board.partitions.partitions.map(
    (p, i) =>
      `| ${i + 1} | ${code(p.label)} | ${p.role} | ${p.filesystem} | ${p.size === 'fill' ? 'rest' : p.size === 'content' ? 'content' : `${p.size} MiB`} |`,
  );
  return [
    `${md(board.partitions.layout.name)} (${board.partitions.scheme}); config.json at ${code(board.partitions.config.path)} on ${code(board.partitions.config.partition)}`,
    '',
    '| # | label | role | filesystem | size |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

function boardSection(title: string, board: ResolvedBoard, changes?: FieldChange[]): string {
  const parts = [`### ${title}: ${md(board.name)} (${code(board.slug)})`, ''];
  if (changes) {
    parts.push(
      changes.length
        ? changes
            .slice(0, 40)
            .map((c) => `- ${code(c.path)}: ${show(c.before)} → ${show(c.after)}`)
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

/** Drops whole board sections from the end until the body fits GitHub's limit, saying how many were left out. */
function trimToBudget(lines: string[], firstSection: number): void {
  const length = () => lines.reduce((n, line) => n + line.length + 1, 0);
  let dropped = 0;
  while (length() > BODY_BUDGET && lines.length > firstSection) if (lines.pop()) dropped++;
  if (dropped)
    lines.push(
      `_${dropped} more section${dropped === 1 ? '' : 's'} left out to stay within GitHub's comment limit: run \`npm run pr-report\` locally for all of them._`,
      '',
    );
}

export function buildReport(input: ReportInput): PrReport {
  const valid = input.diagnostics.length === 0;
  const lines = [REPORT_MARKER, '## Boardhub check', ''];
  if (valid) lines.push(`✅ The registry is valid (${input.head?.boards.length ?? 0} boards).`, '');
  else {
    lines.push(`❌ ${input.diagnostics.length} error${input.diagnostics.length === 1 ? '' : 's'}:`, '');
    for (const d of input.diagnostics.slice(0, 100))
      lines.push(
        `- [${md(d.file)}:${d.line}:${d.column}](${blobLink(input, d)}) ${code(d.pointer || '/')}: expected ${md(d.expected)}, found ${md(d.found)}${d.hint ? ` (${md(d.hint)})` : ''}`,
      );
    if (input.diagnostics.length > 100) lines.push(`- …and ${input.diagnostics.length - 100} more; run \`npm run validate\` locally.`);
    lines.push('');
  }
  const labels = new Set<Label>();
  if (!valid) labels.add('invalid');
  if (input.changedFiles.some((f) => f.startsWith('src/schema/') || f.startsWith('schemas/'))) labels.add('schema');
  const firstBoardSection = lines.length;
  if (input.base && input.head) {
    const diff = diffData(input.base.boards, input.head.boards);
    if (diff.added.length) labels.add('new-board');
    if (diff.changed.length || diff.removed.length || diff.renamed.length) labels.add('board-update');
    for (const slug of diff.added) lines.push(boardSection('New board', input.head.board(slug)!));
    for (const { from, to } of diff.renamed) lines.push(`### Renamed: ${code(from)} → ${code(to)} (the old slug stays an alias)`, '');
    for (const slug of diff.removed) lines.push(`### Removed: ${code(slug)} (a major change: see VERSIONING.md)`, '');
    for (const { slug, changes } of diff.changed) lines.push(boardSection('Changed', input.head.board(slug)!, changes));
    trimToBudget(lines, firstBoardSection);
    if (!diff.added.length && !diff.changed.length && !diff.removed.length && !diff.renamed.length)
      lines.push('No resolved board changes.', '');
  }
  if (input.previewUrl) lines.push(`[Preview of the site](${input.previewUrl})`, '');
  return { body: lines.join('\n'), labels: [...labels].sort(), annotations: annotationsFor(input.diagnostics), valid };
}
