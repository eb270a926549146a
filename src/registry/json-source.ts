// Parses JSON text strictly (nesting, syntax, duplicate keys) and maps JSON pointers to line:column; no I/O, so browsers can use it.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { toPointer, type Diagnostic } from '../diagnostics/diagnostic.ts';

export const MAX_NESTING = 32;

export interface JsonSource {
  text: string;
  value: unknown;
  /** Line and column (1-based) of the value at `path`, or of its deepest existing ancestor. */
  locate(path: readonly PropertyKey[], at?: 'key' | 'value'): { line: number; column: number };
}

export type JsonReadResult = { ok: true; source: JsonSource } | { ok: false; diagnostics: Diagnostic[] };

export type Problem = Omit<Diagnostic, 'file'>;

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function positionOf(lineStarts: number[], offset: number) {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - lineStarts[low]! + 1 };
}

/**
 * Deepest nesting of arrays and objects and the number of object members (colons), ignoring brackets and colons inside
 * strings; stops early past the nesting limit.
 */
function scanStructure(text: string, limit: number): { depth: number; offset: number; members: number } {
  let depth = 0;
  let members = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \\ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 58 /* : */) members++;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return { depth, offset: i, members };
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return { depth, offset: -1, members };
}

/** Object members in a parsed value; fewer than the text's colons means JSON.parse merged a repeated key. */
function memberCount(value: unknown): number {
  if (Array.isArray(value)) {
    let sum = 0;
    for (const item of value) if (item !== null && typeof item === 'object') sum += memberCount(item);
    return sum;
  }
  if (value === null || typeof value !== 'object') return 0;
  let sum = 0;
  for (const key in value) {
    sum++;
    const child = (value as Record<string, unknown>)[key];
    if (child !== null && typeof child === 'object') sum += memberCount(child);
  }
  return sum;
}

function describeSyntaxError(text: string, error: ParseError): Pick<Problem, 'expected' | 'found' | 'hint'> {
  const at = text.slice(error.offset, error.offset + Math.max(error.length, 1));
  const before = text.slice(0, error.offset).trimEnd();
  const found = error.offset >= text.length ? 'the end of the file' : JSON.stringify(at);
  const trailingComma = before.endsWith(',') && /^[}\]]/.test(at);
  const hints: Partial<Record<string, string>> = {
    InvalidCommentToken: 'JSON has no comments: remove it',
    InvalidSymbol: 'strings need double quotes, keys too',
    UnexpectedEndOfString: 'close the string with a double quote',
    UnexpectedEndOfComment: 'JSON has no comments: remove it',
    InvalidEscapeCharacter: 'escape a backslash as \\\\',
    InvalidCharacter: 'control characters must be escaped inside strings',
  };
  const expectations: Record<string, string> = {
    PropertyNameExpected: 'a property name in double quotes',
    ValueExpected: 'a JSON value',
    ColonExpected: 'a colon after the property name',
    CommaExpected: 'a comma between items',
    CloseBraceExpected: 'a closing brace',
    CloseBracketExpected: 'a closing bracket',
    EndOfFileExpected: 'the end of the file after the top-level value',
  };
  const code = printParseErrorCode(error.error);
  return {
    expected: expectations[code] ?? 'valid JSON',
    found,
    hint: trailingComma
      ? 'remove the trailing comma'
      : error.offset >= text.length
        ? 'the file looks truncated: close every open brace and bracket'
        : hints[code],
  };
}

function duplicateKeys(node: Node, path: PropertyKey[], problems: Problem[], lineStarts: number[]) {
  // The path is pushed and popped in place: this runs over every value of every file.
  if (node.type === 'object') {
    const seen = new Set<string>();
    for (const property of node.children ?? []) {
      const key = property.children?.[0];
      const value = property.children?.[1];
      if (!key || typeof key.value !== 'string') continue;
      if (seen.has(key.value)) {
        problems.push({
          ...positionOf(lineStarts, key.offset),
          pointer: toPointer([...path, key.value]),
          rule: 'json-syntax',
          expected: 'each key once per object',
          found: `a second ${JSON.stringify(key.value)}`,
          hint: 'merge the two entries into one',
        });
      }
      seen.add(key.value);
      if (value && (value.type === 'object' || value.type === 'array')) {
        path.push(key.value);
        duplicateKeys(value, path, problems, lineStarts);
        path.pop();
      }
    }
  } else if (node.type === 'array') {
    node.children?.forEach((child, index) => {
      if (child.type !== 'object' && child.type !== 'array') return;
      path.push(index);
      duplicateKeys(child, path, problems, lineStarts);
      path.pop();
    });
  }
}

function childAt(node: Node, part: PropertyKey): { property?: Node; value?: Node } {
  if (node.type === 'object') {
    const property = node.children?.find((p) => p.children?.[0]?.value === String(part));
    return { property, value: property?.children?.[1] };
  }
  if (node.type === 'array' && typeof part === 'number') return { value: node.children?.[part] };
  return {};
}

/** Parses JSON text; `problems` are positioned but not yet tied to a file name. */
export function parseJsonText(text: string): { ok: true; source: JsonSource } | { ok: false; problems: Problem[] } {
  const fail = (offset: number, rest: Omit<Problem, 'line' | 'column' | 'pointer' | 'rule'>) => ({
    ok: false as const,
    problems: [{ ...positionOf(lineStartsOf(text), offset), pointer: '', rule: 'json-syntax', ...rest }],
  });
  if (text.trim() === '')
    return fail(0, { expected: 'a JSON object', found: 'an empty file', hint: 'start from an existing contract or run `npm run new`' });
  const depth = scanStructure(text, MAX_NESTING);
  if (depth.offset >= 0) {
    return fail(depth.offset, {
      expected: `at most ${MAX_NESTING} levels of nested objects and lists`,
      found: 'deeper nesting',
      hint: 'contracts are shallow: check for a runaway bracket',
    });
  }
  // Fast path: the native parser for the value; jsonc-parser's tree only for broken files, for repeated keys (found by
  // counting members) and when a diagnostic needs a line and column.
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const errors: ParseError[] = [];
    parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0] ?? { error: 0, offset: 0, length: 0 };
    return fail(first.offset, describeSyntaxError(text, first as ParseError));
  }
  if (memberCount(value) !== depth.members) {
    const duplicates: Problem[] = [];
    duplicateKeys(parseTree(text)!, [], duplicates, lineStartsOf(text));
    if (duplicates.length > 0) return { ok: false, problems: duplicates };
  }
  let tree: { root: Node; lineStarts: number[] } | undefined;
  const locate = (path: readonly PropertyKey[], at: 'key' | 'value' = 'value') => {
    tree ??= { root: parseTree(text)!, lineStarts: lineStartsOf(text) };
    let node: Node = tree.root;
    let offset = node.offset;
    for (const part of path) {
      const { property, value: child } = childAt(node, part);
      if (!child) break;
      offset = at === 'key' && property ? property.offset : child.offset;
      node = child;
    }
    return positionOf(tree.lineStarts, offset);
  };
  return { ok: true, source: { text, value, locate } };
}
