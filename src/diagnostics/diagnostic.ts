// A located validation problem and its one-line rendering: file:line:column pointer: expected ..., found ... (hint).
export interface Diagnostic {
  /** Path of the file, relative to the folder that holds the registry (e.g. "contracts/hw.device-type/x/contract.json"). */
  file: string;
  line: number;
  column: number;
  /** JSON pointer of the offending value ("" for the whole file). */
  pointer: string;
  /** The schema rule or registry check that raised it. */
  rule: string;
  expected: string;
  found: string;
  /** How to fix it, when there is something better to say than "change it". */
  hint?: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = `${d.file}:${d.line}:${d.column}`;
  const hint = d.hint ? ` (${d.hint})` : '';
  return `${where} ${d.pointer || '/'}: expected ${d.expected}, found ${d.found}${hint}`;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file < b.file
    ? -1
    : a.file > b.file
      ? 1
      : a.line - b.line || a.column - b.column || (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0);
}

export function toPointer(path: readonly PropertyKey[]): string {
  return path.map((part) => '/' + String(part).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}

/** A short, safe description of a JSON value for "found ...". */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    // Invisible and direction-changing characters are spelled out, so the message shows what the file really holds.
    const visible = JSON.stringify(shown).replace(
      /[\u007F-\u009F\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
    );
    return `${visible}${value.length > 60 ? ` (${value.length} characters)` : ''}`;
  }
  return JSON.stringify(value);
}
