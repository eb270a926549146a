// Compares two versions of the resolved data: boards added, removed or renamed, fields changed, and the semver bump they need.
import type { ResolvedBoard } from '../schema/resolved-board.ts';

export type Bump = 'none' | 'patch' | 'minor' | 'major';
const ORDER: Bump[] = ['none', 'patch', 'minor', 'major'];

export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

export interface DataDiff {
  added: string[];
  removed: string[];
  /** Removed slugs that live on as an alias of another board. */
  renamed: { from: string; to: string }[];
  changed: { slug: string; changes: FieldChange[] }[];
  /** Field paths (array indexes as []) that no board had before. */
  newFields: string[];
}

type Flat = Map<string, unknown>;

function flatten(value: unknown, prefix = '', out: Flat = new Map()): Flat {
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) out.set(prefix, JSON.stringify(value));
  else if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else out.set(prefix, value);
  return out;
}

const shape = (path: string) => path.replace(/\[\d+\]/g, '[]');

export function diffData(previous: readonly ResolvedBoard[], current: readonly ResolvedBoard[]): DataDiff {
  const before = new Map(previous.map((b) => [b.slug, b]));
  const after = new Map(current.map((b) => [b.slug, b]));
  const aliasOwner = new Map(current.flatMap((b) => b.aliases.map((a) => [a, b.slug] as const)));
  const removedSlugs = [...before.keys()].filter((slug) => !after.has(slug)).sort();
  const renamed = removedSlugs.filter((slug) => aliasOwner.has(slug)).map((from) => ({ from, to: aliasOwner.get(from)! }));
  const changed: DataDiff['changed'] = [];
  for (const [slug, board] of after) {
    const old = before.get(slug);
    if (!old) continue;
    const a = flatten(old);
    const b = flatten(board);
    const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
    const changes = paths.filter((p) => a.get(p) !== b.get(p)).map((path) => ({ path, before: a.get(path), after: b.get(path) }));
    if (changes.length) changed.push({ slug, changes });
  }
  const shapesBefore = new Set(previous.flatMap((b) => [...flatten(b).keys()].map(shape)));
  const newFields = [...new Set(current.flatMap((b) => [...flatten(b).keys()].map(shape)))].filter((p) => !shapesBefore.has(p)).sort();
  return {
    added: [...after.keys()].filter((slug) => !before.has(slug)).sort(),
    removed: removedSlugs.filter((slug) => !aliasOwner.has(slug)),
    renamed,
    changed: changed.sort((x, y) => (x.slug < y.slug ? -1 : 1)),
    newFields,
  };
}

/** Versioning in data terms: a board removed or renamed is major; a board or field added is minor; a data fix is patch. */
export function requiredBump(diff: DataDiff): Bump {
  if (diff.removed.length || diff.renamed.length) return 'major';
  if (diff.added.length || diff.newFields.length) return 'minor';
  if (diff.changed.length) return 'patch';
  return 'none';
}

export function bumpBetween(from: string, to: string): Bump | 'downgrade' {
  const [a, b] = [from, to].map((v) => v.split('.').map(Number)) as [number[], number[]];
  for (let i = 0; i < 3; i++) {
    if (b[i]! > a[i]!) return (['major', 'minor', 'patch'] as const)[i]!;
    if (b[i]! < a[i]!) return 'downgrade';
  }
  return 'none';
}

/** Before 1.0.0, semver lets a minor bump carry breaking changes. */
export function isBumpEnough(from: string, to: string, required: Bump): boolean {
  const bump = bumpBetween(from, to);
  if (bump === 'downgrade') return false;
  const effective = to.startsWith('0.') && bump === 'minor' ? 'major' : bump;
  return ORDER.indexOf(effective) >= ORDER.indexOf(required);
}

const show = (value: unknown) => (value === undefined ? '(none)' : typeof value === 'string' ? value : JSON.stringify(value));

export function changelogMarkdown(fromVersion: string, toVersion: string, diff: DataDiff): string {
  const lines = [
    `# Changelog`,
    '',
    `Data changes between ${fromVersion} and ${toVersion} (required bump: ${requiredBump(diff)}). See VERSIONING.md.`,
    '',
  ];
  const section = (title: string, items: string[]) => {
    if (items.length) lines.push(`## ${title}`, '', ...items.map((i) => `- ${i}`), '');
  };
  section('Boards added', diff.added);
  section('Boards removed', diff.removed);
  section(
    'Boards renamed (the old slug stays as an alias)',
    diff.renamed.map((r) => `${r.from} -> ${r.to}`),
  );
  section('New fields', diff.newFields);
  section(
    'Boards changed',
    diff.changed.map(
      (c) =>
        `${c.slug}: ${c.changes
          .slice(0, 20)
          .map((f) => `${f.path}: ${show(f.before)} -> ${show(f.after)}`)
          .join('; ')}${c.changes.length > 20 ? `; and ${c.changes.length - 20} more` : ''}`,
    ),
  );
  if (lines.length === 4) lines.push('No data changes.', '');
  return lines.join('\n');
}
