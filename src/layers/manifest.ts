// Reads balenaOS device manifests (<slug>.coffee) as data: a parser for the small CoffeeScript subset they are written in, which never compiles or runs them.

/** A value in a manifest, after the file's own constants are substituted. */
export type ManifestValue = string | number | boolean | null | ManifestValue[] | { [key: string]: ManifestValue } | ManifestReference;

/** A reference to a name the manifest does not define itself (e.g. "commonImg.instructions"); kept as a name, never resolved by running code. */
export interface ManifestReference {
  /** The name as written, e.g. "commonImg.instructions", or a require as written, e.g. "require './network-options'". */
  ref: string;
  /** The module the name comes from, when the file binds it with require (e.g. "@resin.io/device-types/common"). */
  module?: string;
  /** Where the name points inside that module, e.g. "commonImg.instructions"; "" for the module itself. */
  path?: string;
}

export interface ManifestProblem {
  /** 1-based line. */
  line: number;
  /** 1-based column, counting a tab as one column (as CoffeeScript does for indentation). */
  column: number;
  message: string;
}

/** A name the file binds to another module: `x = require 'm'`, or `{ a, b } = x` where x is such a name. */
export interface ManifestImport {
  name: string;
  /** Undefined when the file destructures a name it never imports (reported as a problem). */
  module?: string;
  path: string;
  line: number;
}

/** A top-level `NAME = value` of the file, substituted wherever the file names it. */
export interface ManifestConstant {
  value: ManifestValue;
  line: number;
}

export interface ParsedManifest {
  /** The object assigned to module.exports, with top-level constants of the same file substituted where referenced. */
  exports: { [key: string]: ManifestValue };
  /**
   * 1-based line of every key and list item, by JSON pointer, e.g. "/yocto/machine" -> 31. A key whose value could not be
   * read keeps its line (its problem says why). Items that come from a substituted constant point at the constant's lines.
   */
  lines: Map<string, number>;
  problems: ManifestProblem[];
  constants: Map<string, ManifestConstant>;
  imports: Map<string, ManifestImport>;
}

type ManifestObject = { [key: string]: ManifestValue };
type LineMap = Map<string, number>;

interface KeyAhead {
  name: string;
  /** Offset just after the colon. */
  valueStart: number;
}

const IDENTIFIER = /[A-Za-z_$][\w$]*/y;
const NUMBER = /(?:0x[\da-fA-F]+|0o[0-7]+|0b[01]+|(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)/y;
const QUOTED_KEY = /'([^'\\\n]*)'|"([^"\\\n#]*)"/y;
const BOOLEAN_WORDS: Record<string, boolean> = { true: true, yes: true, on: true, false: false, no: false, off: false };
// Words that make an expression code rather than data; named in the problem instead of being mistaken for a function call.
const CODE_WORDS = new Set([
  'and',
  'or',
  'not',
  'is',
  'isnt',
  'if',
  'unless',
  'then',
  'else',
  'for',
  'in',
  'of',
  'when',
  'by',
  'instanceof',
  'typeof',
  'new',
  'return',
  'throw',
  'while',
  'until',
  'loop',
  'switch',
  'try',
  'class',
  'do',
  'delete',
]);
const NO_CODE = 'Boardhub reads manifests as data and never runs them';

/** Parses a manifest's text. Never throws: what it cannot read becomes a problem, and the rest of the file is still read. */
export function parseManifest(text: string): ParsedManifest {
  const parser = new ManifestParser(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
  try {
    parser.parseFile();
  } catch (error) {
    // A bug in this parser must not take down an import run; report it where the parser stood.
    parser.problem(parser.pos, `internal parser error (please report it): ${error instanceof Error ? error.message : String(error)}`);
  }
  return parser.result();
}

/** True when the value is a reference the parser kept as a name. */
export function isManifestReference(value: ManifestValue | undefined): value is ManifestReference {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return typeof value.ref === 'string' && Object.keys(value).every((key) => key === 'ref' || key === 'module' || key === 'path');
}

function isManifestObject(value: ManifestValue | undefined): value is ManifestObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isManifestReference(value);
}

function setKey(object: ManifestObject, key: string, value: ManifestValue): void {
  // defineProperty, so a key named __proto__ stays a plain key.
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Copies line entries from `source` (pointers relative to its value) to `target` under `prefix`, shifting list indexes by `shift`. */
function graftLines(target: LineMap, prefix: string, source: LineMap, shift = 0, from = ''): void {
  for (const [pointer, line] of source) {
    if (!pointer.startsWith(from) || pointer === from) continue;
    let relative = pointer.slice(from.length);
    if (!relative.startsWith('/')) continue;
    if (shift !== 0) {
      const index = /^\/(\d+)(.*)$/.exec(relative);
      if (!index) continue;
      relative = `/${Number(index[1]) + shift}${index[2] ?? ''}`;
    }
    target.set(prefix + relative, line);
  }
}

/** Joins heredoc lines the way CoffeeScript does: strips the common indentation and one leading and trailing blank line. */
function heredocText(raw: string): string {
  let indent: string | undefined;
  for (const match of raw.matchAll(/\n+([^\n\S]*)(?=\S)/g)) {
    const attempt = match[1] ?? '';
    // CoffeeScript keeps the first indentation it meets unless a later non-empty one is shorter; matching that keeps values identical.
    if (indent === undefined || (attempt.length > 0 && attempt.length < indent.length)) indent = attempt;
  }
  const dedented = indent ? raw.split(`\n${indent}`).join('\n') : raw;
  return removeLineContinuations(dedented.replace(/^[^\n\S]*\n/, '').replace(/\n[^\n\S]*$/, ''));
}

/** Joins a quoted string that spans lines the way CoffeeScript does: each line break and the blanks around it become one space. */
function foldedText(raw: string): string {
  const joined = removeLineContinuations(raw);
  return joined.replace(/\s*\n\s*/g, (match, offset: number) => (offset === 0 || offset + match.length === joined.length ? '' : ' '));
}

function removeLineContinuations(raw: string): string {
  // An escaped backslash is kept whole, so "\\" before a line break is not mistaken for a continuation.
  return raw.replace(/\\(\\)|\\[^\S\n]*\n\s*/g, (match, escapedBackslash: string | undefined) => (escapedBackslash ? match : ''));
}

class ManifestParser {
  readonly text: string;
  pos = 0;
  private readonly lineStarts: number[] = [0];
  private readonly problems: ManifestProblem[] = [];
  private readonly reported = new Set<string>();
  private exportsValue: ManifestObject = {};
  private exportLines: LineMap = new Map();
  private readonly constants = new Map<string, ManifestConstant & { lines: LineMap }>();
  private readonly imports = new Map<string, ManifestImport>();
  /** Names bound to a function (code): what names them has no value. */
  private readonly functions = new Set<string>();
  /** Names whose value could not be read, with the line of the failed definition. */
  private readonly unreadable = new Map<string, number>();
  /** Every name the file assigns at the top level, wherever: tells "defined later" from "never defined". */
  private readonly assignedNames = new Set<string>();
  /** The last quoted (not heredoc) string that spanned lines: a missing closing quote shows up as text after it. */
  private spanningString: { start: number; end: number } | undefined;

  constructor(text: string) {
    this.text = text;
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
    for (const line of text.split('\n')) {
      const chain = /^((?:[A-Za-z_$][\w$.]*\s*=(?![=>])\s*)+)/.exec(line);
      for (const name of chain?.[1]?.split('=') ?? []) if (/^[A-Za-z_$][\w$]*$/.test(name.trim())) this.assignedNames.add(name.trim());
      const destructured = /^\{([^}]*)\}\s*=/.exec(line);
      for (const name of destructured?.[1]?.split(',') ?? []) if (name.trim()) this.assignedNames.add(name.trim());
    }
  }

  result(): ParsedManifest {
    const constants = new Map<string, ManifestConstant>();
    for (const [name, { value, line }] of this.constants) constants.set(name, { value, line });
    const problems = [...this.problems].sort((a, b) => a.line - b.line || a.column - b.column);
    return { exports: this.exportsValue, lines: this.exportLines, problems, constants, imports: this.imports };
  }

  // ---- positions and problems

  private charAt(at = this.pos): string {
    return this.text.charAt(at);
  }

  lineOf(at: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lineStarts[middle] ?? 0) <= at) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }

  /** 0-based column of an offset. */
  private columnIndex(at: number): number {
    return at - (this.lineStarts[this.lineOf(at) - 1] ?? 0);
  }

  private lineEnd(at: number): number {
    const end = this.text.indexOf('\n', at);
    return end < 0 ? this.text.length : end;
  }

  private lineIndent(at: number): number {
    const start = this.lineStarts[this.lineOf(at) - 1] ?? 0;
    return /^[ \t]*/.exec(this.text.slice(start, this.lineEnd(start)))?.[0].length ?? 0;
  }

  problem(at: number, message: string): void {
    const position = Math.min(Math.max(at, 0), this.text.length);
    const line = this.lineOf(position);
    const column = this.columnIndex(position) + 1;
    const key = `${line}:${column}:${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.problems.push({ line, column, message });
  }

  private where(at: number): string {
    return `line ${this.lineOf(at)}, column ${this.columnIndex(at) + 1}`;
  }

  // ---- blanks and comments

  /** Skips spaces, tabs and comments from `at` without crossing a line break (a block comment may). */
  private skipInlineFrom(at: number): number {
    let i = at;
    for (;;) {
      const c = this.text.charAt(i);
      if (c === ' ' || c === '\t') i++;
      else if (c === '#') i = this.skipComment(i);
      else return i;
    }
  }

  /** Skips all blanks, line breaks and comments from `at`: the offset of the next significant character. */
  private nextSignificant(at: number): number {
    let i = at;
    for (;;) {
      const c = this.text.charAt(i);
      if (c === ' ' || c === '\t' || c === '\n') i++;
      else if (c === '#') i = this.skipComment(i);
      else return i;
    }
  }

  private skipComment(at: number): number {
    if (this.text.startsWith('###', at) && this.text.charAt(at + 3) !== '#') {
      const close = this.text.indexOf('###', at + 3);
      if (close < 0) {
        this.problem(at, 'unterminated block comment: the ### opened here is never closed; add a closing ###');
        return this.text.length;
      }
      return close + 3;
    }
    return this.lineEnd(at);
  }

  private skipInline(): void {
    this.pos = this.skipInlineFrom(this.pos);
  }

  private skipBlank(): void {
    this.pos = this.nextSignificant(this.pos);
  }

  private atLineEnd(at = this.pos): boolean {
    const c = this.text.charAt(this.skipInlineFrom(at));
    return c === '\n' || c === '';
  }

  /** Moves to the end of the current line, then past every following line that is blank or indented deeper than `indent`. */
  private skipDeeperLines(indent: number): void {
    let i = this.lineEnd(this.pos);
    while (i < this.text.length) {
      const start = i + 1;
      const end = this.lineEnd(start);
      const content = this.text.slice(start, end);
      const depth = /^[ \t]*/.exec(content)?.[0].length ?? 0;
      if (content.trim() !== '' && depth <= indent) break;
      i = end;
    }
    this.pos = i;
  }

  /** Recovery after a bad value: moves to the next comma, closing bracket or line break at this nesting level. */
  private skipToDelimiter(): void {
    let depth = 0;
    while (this.pos < this.text.length) {
      const c = this.charAt();
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) return;
        depth--;
      } else if ((c === ',' || c === '\n') && depth === 0) return;
      else if (c === "'" || c === '"') {
        const close = this.text.indexOf(c, this.pos + 1);
        this.pos = close < 0 ? this.lineEnd(this.pos) : close;
      }
      this.pos++;
    }
  }

  /** Offset just after the `)` matching the `(` at `open`, skipping quoted text; the end of the text when there is none. */
  private matchingParen(open: number): number {
    let depth = 0;
    for (let i = open; i < this.text.length; i++) {
      const c = this.text.charAt(i);
      if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return i + 1;
      else if (c === "'" || c === '"') {
        const close = this.text.indexOf(c, i + 1);
        if (close < 0) return this.text.length;
        i = close;
      }
    }
    return this.text.length;
  }

  // ---- small tokens

  private identifierAt(at: number): string | undefined {
    IDENTIFIER.lastIndex = at;
    return IDENTIFIER.exec(this.text)?.[0];
  }

  /** `a.b.c` at `at`, as segments. */
  private dottedNameAt(at: number): { segments: string[]; end: number } | undefined {
    const first = this.identifierAt(at);
    if (first === undefined) return undefined;
    const segments = [first];
    let end = at + first.length;
    for (;;) {
      if (this.charAt(end) !== '.') break;
      const next = this.identifierAt(end + 1);
      if (next === undefined) break;
      segments.push(next);
      end += 1 + next.length;
    }
    return { segments, end };
  }

  /** A `key:` at `at` (a name, a number or a simply quoted key), or undefined. */
  private keyAhead(at: number): KeyAhead | undefined {
    let name: string | undefined;
    let end = at;
    const c = this.charAt(at);
    if (c === "'" || c === '"') {
      if (this.text.startsWith(c.repeat(3), at)) return undefined;
      QUOTED_KEY.lastIndex = at;
      const match = QUOTED_KEY.exec(this.text);
      if (!match) return undefined;
      name = match[1] ?? match[2] ?? '';
      end = at + match[0].length;
    } else {
      name = this.identifierAt(at);
      if (name === undefined) {
        NUMBER.lastIndex = at;
        name = NUMBER.exec(this.text)?.[0];
      }
      if (name === undefined) return undefined;
      end = at + name.length;
    }
    let colon = end;
    while (this.charAt(colon) === ' ' || this.charAt(colon) === '\t') colon++;
    if (this.charAt(colon) !== ':' || this.charAt(colon + 1) === ':') return undefined;
    return { name, valueStart: colon + 1 };
  }

  /** A function literal at `at`: `->`, `=>`, or `(params) ->`. */
  private functionAhead(at: number): boolean {
    if (this.text.startsWith('->', at) || this.text.startsWith('=>', at)) return true;
    if (this.charAt(at) !== '(') return false;
    const after = this.skipInlineFrom(this.matchingParen(at));
    return this.text.startsWith('->', after) || this.text.startsWith('=>', after);
  }

  private skipFunction(): void {
    this.problem(this.pos, `function definitions are code, not data: ${NO_CODE}, so this value is left out`);
    this.skipDeeperLines(this.lineIndent(this.pos));
  }

  // ---- the file

  parseFile(): void {
    for (;;) {
      this.skipBlank();
      if (this.pos >= this.text.length) return;
      const start = this.pos;
      if (this.columnIndex(start) > 0) {
        this.problem(
          start,
          'unexpected indentation: a top-level statement starts at column 1; remove the indentation or indent the line under a key',
        );
        this.skipDeeperLines(0);
      } else {
        this.parseStatement();
      }
      if (this.pos <= start) this.pos = this.lineEnd(start) + 1;
    }
  }

  private parseStatement(): void {
    const start = this.pos;
    if (this.charAt() === '{') {
      this.parseDestructuring();
      return;
    }
    const targets: { segments: string[]; at: number }[] = [];
    for (;;) {
      const name = this.dottedNameAt(this.pos);
      if (!name) break;
      const equals = this.skipInlineFrom(name.end);
      if (this.charAt(equals) !== '=' || this.charAt(equals + 1) === '=' || this.charAt(equals + 1) === '>') break;
      targets.push({ segments: name.segments, at: this.pos });
      this.pos = equals + 1;
      while (this.charAt() === ' ' || this.charAt() === '\t') this.pos++;
    }
    if (targets.length === 0) {
      this.pos = start;
      this.problem(
        start,
        'unsupported statement: a manifest holds only `NAME = value`, `{ a, b } = NAME` and `module.exports = ...` at the top level',
      );
      this.skipDeeperLines(0);
      return;
    }
    this.skipInline();
    if (this.atLineEnd()) {
      const next = this.nextSignificant(this.pos);
      if (next >= this.text.length || this.columnIndex(next) === 0) {
        this.problem(
          this.pos,
          `nothing is assigned to ${targets.map((t) => t.segments.join('.')).join(' = ')}: write the value after "=" or on the next lines, indented`,
        );
        return;
      }
      this.pos = next;
    }
    const line = this.lineOf(start);
    if (this.functionAhead(this.pos)) {
      for (const target of targets) if (target.segments.length === 1) this.functions.add(target.segments[0] ?? '');
      this.skipFunction();
      return;
    }
    const valueLines: LineMap = new Map();
    const value = this.parseExpression('', valueLines);
    for (const target of targets) this.assign(target.segments, target.at, value, valueLines, line);
    this.skipInline();
    if (!this.atLineEnd()) {
      this.problem(this.pos, 'unexpected text after the value: end the statement here, or put the rest on its own line');
      this.pos = this.lineEnd(this.pos);
    }
  }

  private assign(segments: string[], at: number, value: ManifestValue | undefined, valueLines: LineMap, line: number): void {
    const [first, second, third] = segments;
    const exportKey =
      first === 'exports' && segments.length === 2
        ? second
        : first === 'module' && second === 'exports' && segments.length === 3
          ? third
          : undefined;
    if (first === 'module' && second === 'exports' && segments.length === 2) {
      if (value === undefined) return;
      if (!isManifestObject(value)) {
        this.problem(at, 'module.exports is not an object: a manifest exports `key: value` lines, indented under `module.exports =`');
        return;
      }
      this.exportsValue = value;
      this.exportLines = new Map([['', line]]);
      graftLines(this.exportLines, '', valueLines);
    } else if (exportKey !== undefined) {
      const pointer = `/${pointerSegment(exportKey)}`;
      this.exportLines.set(pointer, line);
      if (value === undefined) return;
      setKey(this.exportsValue, exportKey, value);
      graftLines(this.exportLines, pointer, valueLines);
    } else if (segments.length === 1 && first !== undefined) {
      this.constants.delete(first);
      this.imports.delete(first);
      this.unreadable.delete(first);
      if (value === undefined) this.unreadable.set(first, line);
      else if (isManifestReference(value) && value.module !== undefined) {
        // A name bound to another module's value stays a name: `x = require 'm'` makes x.y a reference into m.
        this.imports.set(first, { name: first, module: value.module, path: value.path ?? '', line });
      } else this.constants.set(first, { value, line, lines: valueLines });
    } else {
      this.problem(at, `cannot assign to ${segments.join('.')}: only NAME, exports.NAME and module.exports can be assigned in a manifest`);
    }
  }

  private parseDestructuring(): void {
    const open = this.pos;
    const line = this.lineOf(open);
    const names: string[] = [];
    this.pos++;
    for (;;) {
      this.skipBlank();
      const c = this.charAt();
      if (c === '}') {
        this.pos++;
        break;
      }
      if (c === ',') {
        this.pos++;
        continue;
      }
      const name = this.identifierAt(this.pos);
      if (c === '' || name === undefined) {
        this.problem(
          this.pos,
          c === ''
            ? `unterminated destructuring: the { opened at ${this.where(open)} has no matching }`
            : 'expected a name in `{ a, b } = NAME`; renaming and defaults are not supported',
        );
        this.skipDeeperLines(0);
        return;
      }
      names.push(name);
      this.pos += name.length;
    }
    this.skipInline();
    if (this.charAt() !== '=') {
      this.problem(this.pos, 'expected "=" after `{ ... }`: a top-level object is only read as `{ a, b } = NAME`');
      this.skipDeeperLines(0);
      return;
    }
    this.pos++;
    this.skipInline();
    const sourceAt = this.pos;
    const source = this.dottedNameAt(sourceAt);
    if (!source) {
      this.problem(sourceAt, 'expected the name being destructured after "=", e.g. `{ networkOptions } = deviceTypesCommon`');
      this.skipDeeperLines(0);
      return;
    }
    this.pos = source.end;
    const [root = '', ...members] = source.segments;
    const imported = this.imports.get(root);
    const constant = this.constants.get(root);
    for (const name of names) {
      this.constants.delete(name);
      this.imports.delete(name);
      if (imported) {
        const path = [imported.path, ...members, name].filter((part) => part !== '').join('.');
        this.imports.set(name, imported.module === undefined ? { name, path, line } : { name, module: imported.module, path, line });
      } else if (constant) {
        const value = this.resolveName([root, ...members, name], sourceAt, '', new Map());
        if (value !== undefined) this.constants.set(name, { value, line, lines: new Map() });
      } else {
        this.imports.set(name, { name, path: name, line });
      }
    }
    if (!imported && !constant)
      this.problem(
        sourceAt,
        `${root} is not defined in this file: bind it first, e.g. \`${root} = require '@resin.io/device-types/common'\``,
      );
  }

  // ---- values

  private parseExpression(pointer: string, lines: LineMap): ManifestValue | undefined {
    let value = this.parsePostfix(pointer, lines);
    for (;;) {
      const plus = this.skipInlineFrom(this.pos);
      if (this.charAt(plus) !== '+' || this.charAt(plus + 1) === '+' || this.charAt(plus + 1) === '=') return value;
      this.pos = plus + 1;
      this.skipBlank();
      const right = this.parsePostfix(pointer, new Map());
      if (typeof value === 'string' && typeof right === 'string') value += right;
      else if (value !== undefined && right !== undefined) {
        this.problem(plus, `"+" is read only between two strings here; ${NO_CODE}, so this value is left out`);
        value = undefined;
      } else value = undefined;
    }
  }

  private parsePostfix(pointer: string, lines: LineMap): ManifestValue | undefined {
    let value = this.parsePrimary(pointer, lines);
    for (;;) {
      if (this.text.startsWith('.concat(', this.pos)) {
        value = this.parseConcat(value, pointer, lines);
      } else if (
        (this.charAt() === '.' && this.identifierAt(this.pos + 1) !== undefined) ||
        this.charAt() === '(' ||
        this.charAt() === '['
      ) {
        this.problem(this.pos, `member access and calls on a value are code (only list.concat(...) is read); ${NO_CODE}`);
        this.skipToDelimiter();
        return undefined;
      } else return value;
    }
  }

  private parsePrimary(pointer: string, lines: LineMap): ManifestValue | undefined {
    const start = this.pos;
    const c = this.charAt();
    if (c === '') {
      this.problem(start, 'expected a value, found the end of the file');
      return undefined;
    }
    if (this.keyAhead(start)) return this.parseImplicitObject(pointer, lines);
    if (c === "'" || c === '"') return this.readString();
    if (c === '[') return this.parseList(pointer, lines);
    if (c === '{') return this.parseBraceObject(pointer, lines);
    if (this.functionAhead(start)) {
      this.skipFunction();
      return undefined;
    }
    if (c === '(') return this.parseParenthesised(pointer, lines);
    const negative = c === '-' && /[\d.]/.test(this.charAt(start + 1));
    NUMBER.lastIndex = negative ? start + 1 : start;
    const number = NUMBER.exec(this.text)?.[0];
    if (number !== undefined) {
      this.pos = NUMBER.lastIndex;
      if (/[\w$]/.test(this.charAt())) {
        this.problem(start, `"${this.text.slice(start, this.pos + 1)}" is not a number or a name: separate them, or quote the text`);
        this.skipToDelimiter();
        return undefined;
      }
      return negative ? -Number(number) : Number(number);
    }
    if (this.identifierAt(start) !== undefined) return this.parseName(pointer, lines);
    this.problem(start, `unexpected "${c}": expected a value (a 'string', a number, true or false, null, a [list], an {object} or a name)`);
    this.skipToDelimiter();
    if (this.pos === start) this.pos++;
    return undefined;
  }

  private parseParenthesised(pointer: string, lines: LineMap): ManifestValue | undefined {
    const open = this.pos;
    this.pos++;
    this.skipBlank();
    const value = this.parseExpression(pointer, lines);
    this.skipBlank();
    if (this.charAt() !== ')') {
      this.problem(open, `unterminated parenthesis: the ( opened here is not closed after its value; add a )`);
      return undefined;
    }
    this.pos++;
    return value;
  }

  private parseName(pointer: string, lines: LineMap): ManifestValue | undefined {
    const start = this.pos;
    const name = this.dottedNameAt(start);
    if (!name) return undefined;
    this.pos = name.end;
    const [word = ''] = name.segments;
    if (name.segments.length === 1) {
      if (word in BOOLEAN_WORDS) return BOOLEAN_WORDS[word];
      if (word === 'null') return null;
      if (word === 'undefined') {
        this.problem(start, '`undefined` has no place in data: use null, or leave the key out');
        return undefined;
      }
      if (CODE_WORDS.has(word)) {
        this.problem(start, `"${word}" makes this an expression, which is code: ${NO_CODE}`);
        this.skipToDelimiter();
        return undefined;
      }
    }
    const after = this.charAt();
    if (after === '?' || after === '[' || (after === ':' && this.charAt(this.pos + 1) === ':')) {
      this.problem(this.pos, `"${after}" after ${name.segments.join('.')} is computed access, which is code: write the name as a.b.c`);
      this.skipToDelimiter();
      return undefined;
    }
    const operator = this.skipInlineFrom(this.pos);
    const operatorWord = this.identifierAt(operator);
    if (operator > this.pos && operatorWord !== undefined && CODE_WORDS.has(operatorWord) && !this.keyAhead(operator)) {
      this.problem(operator, `"${operatorWord}" makes this an expression, which is code: ${NO_CODE}`);
      this.skipToDelimiter();
      return undefined;
    }
    if (after === '(' || this.implicitCallAhead()) return this.parseCall(name.segments, start, pointer, lines);
    return this.resolveName(name.segments, start, pointer, lines);
  }

  /** `f 'x'`, CoffeeScript's call without parentheses: a name, a space, then something that starts a value. */
  private implicitCallAhead(): boolean {
    if (this.charAt() !== ' ' && this.charAt() !== '\t') return false;
    let at = this.pos;
    while (this.charAt(at) === ' ' || this.charAt(at) === '\t') at++;
    const c = this.charAt(at);
    if (c === "'" || c === '"' || c === '[' || c === '{' || c === '(' || c === '@' || /\d/.test(c)) return true;
    const word = this.identifierAt(at);
    return word !== undefined && this.keyAhead(at) === undefined;
  }

  private parseCall(segments: string[], start: number, pointer: string, lines: LineMap): ManifestValue | undefined {
    const callee = segments.join('.');
    if (callee === 'require') return this.parseRequire(start);
    const last = segments[segments.length - 1];
    if (last === 'concat' && segments.length > 1 && this.charAt() === '(') {
      const base = this.resolveName(segments.slice(0, -1), start, pointer, lines);
      this.pos -= '.concat'.length; // back onto the dot: parseConcat reads ".concat(" itself
      return this.parseConcat(base, pointer, lines);
    }
    const own = this.functions.has(segments[0] ?? '');
    this.problem(
      start,
      own
        ? `calls ${callee}, a function this file defines: ${NO_CODE}, so this value is left out`
        : `calls ${callee}: function calls are code; ${NO_CODE}, so this value is left out`,
    );
    if (this.charAt() === '(') this.pos = this.matchingParen(this.pos);
    else this.skipToDelimiter();
    return undefined;
  }

  private parseRequire(start: number): ManifestValue | undefined {
    const parenthesised = this.charAt() === '(';
    this.pos = parenthesised ? this.nextSignificant(this.pos + 1) : this.skipInlineFrom(this.pos);
    const quote = this.charAt();
    const module = quote === "'" || quote === '"' ? this.readString() : undefined;
    if (module === undefined) {
      if (quote !== "'" && quote !== '"')
        this.problem(this.pos, "require needs a quoted module name, e.g. require '@resin.io/device-types/common'");
      this.skipToDelimiter();
      return undefined;
    }
    if (parenthesised) {
      this.skipBlank();
      if (this.charAt() !== ')') {
        this.problem(start, 'unterminated require(: add the closing )');
        return undefined;
      }
      this.pos++;
    }
    const members: string[] = [];
    while (this.charAt() === '.' && this.identifierAt(this.pos + 1) !== undefined) {
      const member = this.identifierAt(this.pos + 1) ?? '';
      members.push(member);
      this.pos += 1 + member.length;
    }
    return { ref: this.text.slice(start, this.pos), module, path: members.join('.') };
  }

  /** What a name stands for: an import stays a reference, a constant of this file is substituted (with its lines). */
  private resolveName(segments: string[], at: number, pointer: string, lines: LineMap): ManifestValue | undefined {
    const [root = '', ...members] = segments;
    const written = segments.join('.');
    const imported = this.imports.get(root);
    if (imported) {
      if (imported.module === undefined) return { ref: written };
      return { ref: written, module: imported.module, path: [imported.path, ...members].filter((part) => part !== '').join('.') };
    }
    const constant = this.constants.get(root);
    if (constant) {
      let value: ManifestValue | undefined = constant.value;
      let from = '';
      for (const [index, member] of members.entries()) {
        if (isManifestReference(value)) {
          const rest = members.slice(index).join('.');
          if (value.module === undefined) return { ref: `${value.ref}.${rest}` };
          return { ref: `${value.ref}.${rest}`, module: value.module, path: [value.path, rest].filter((part) => part).join('.') };
        }
        if (!isManifestObject(value) || !Object.hasOwn(value, member)) {
          this.problem(at, `${written}: ${[root, ...members.slice(0, index)].join('.')} (line ${constant.line}) has no key "${member}"`);
          return undefined;
        }
        value = value[member];
        from += `/${pointerSegment(member)}`;
      }
      graftLines(lines, pointer, constant.lines, 0, from);
      return structuredClone(value);
    }
    if (this.functions.has(root)) {
      this.problem(at, `${written} names a function this file defines: ${NO_CODE}, so this value is left out`);
      return undefined;
    }
    const failedLine = this.unreadable.get(root);
    if (failedLine !== undefined) {
      this.problem(at, `${root} has no readable value (see the problem on line ${failedLine})`);
      return undefined;
    }
    if (this.assignedNames.has(root)) {
      this.problem(
        at,
        `${root} is used before it is defined, so CoffeeScript would read undefined here: move its definition above this line`,
      );
    } else {
      this.problem(
        at,
        `${root} is not defined in this file and not imported: define it above (${root} = ...) or import it ({ ${root} } = deviceTypesCommon)`,
      );
    }
    return { ref: written };
  }

  /** `list.concat(a, b)`: the one method the manifests call, joining lists; the pointer stands on ".concat(". */
  private parseConcat(base: ManifestValue | undefined, pointer: string, lines: LineMap): ManifestValue | undefined {
    const at = this.pos;
    this.pos += '.concat('.length;
    const parts: { value: ManifestValue | undefined; lines: LineMap; at: number }[] = [];
    for (;;) {
      this.skipBlank();
      const c = this.charAt();
      if (c === ')') {
        this.pos++;
        break;
      }
      if (c === '') {
        this.problem(at, 'unterminated .concat(: add the closing )');
        return undefined;
      }
      if (c === ',') {
        this.pos++;
        continue;
      }
      const partAt = this.pos;
      const partLines: LineMap = new Map();
      parts.push({ value: this.parseExpression('', partLines), lines: partLines, at: partAt });
      if (this.pos === partAt) this.pos++;
    }
    if (base === undefined) return undefined;
    if (!Array.isArray(base)) {
      this.problem(
        at,
        `.concat() is read only on a list written in this file; ${isManifestReference(base) ? `${base.ref} is defined elsewhere` : 'this value is not a list'}`,
      );
      return undefined;
    }
    const joined = [...base];
    for (const part of parts) {
      if (part.value === undefined) continue;
      if (isManifestReference(part.value)) {
        this.problem(
          part.at,
          `cannot join ${part.value.ref} into this list: it is defined outside this file, so its items are unknown here`,
        );
        continue;
      }
      if (Array.isArray(part.value)) {
        graftLines(lines, pointer, part.lines, joined.length);
        joined.push(...part.value);
      } else {
        lines.set(`${pointer}/${joined.length}`, this.lineOf(part.at));
        graftLines(lines, `${pointer}/${joined.length}`, part.lines);
        joined.push(part.value);
      }
    }
    return joined;
  }

  private readString(): string | undefined {
    const start = this.pos;
    const quote = this.charAt(start);
    const triple = this.text.startsWith(quote.repeat(3), start);
    const delimiter = triple ? quote.repeat(3) : quote;
    const interpolations: number[] = [];
    let close = -1;
    for (let i = start + delimiter.length; i < this.text.length;) {
      if (this.text[i] === '\\') i += 2;
      else if (quote === '"' && this.text.startsWith('#{', i)) {
        interpolations.push(i);
        i = this.skipInterpolation(i + 2);
      } else if (this.text.startsWith(delimiter, i)) {
        close = i;
        break;
      } else i++;
    }
    if (close < 0) {
      this.problem(start, `unterminated string: the ${delimiter} opened here is never closed; add the closing ${delimiter}`);
      this.pos = this.lineEnd(start);
      return undefined;
    }
    this.pos = close + delimiter.length;
    if (!triple && this.lineOf(start) !== this.lineOf(close)) this.spanningString = { start, end: this.pos };
    for (const at of interpolations) this.problem(at, `string interpolation #{...} is kept as literal text: ${NO_CODE}`);
    const raw = this.text.slice(start + delimiter.length, close);
    return this.decodeEscapes(triple ? heredocText(raw) : foldedText(raw), start);
  }

  private skipInterpolation(from: number): number {
    let depth = 1;
    for (let i = from; i < this.text.length; i++) {
      const c = this.text.charAt(i);
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) return i + 1;
      else if (c === "'" || c === '"') {
        const close = this.text.indexOf(c, i + 1);
        if (close < 0) return this.text.length;
        i = close;
      }
    }
    return this.text.length;
  }

  /** JavaScript's escapes, which CoffeeScript strings keep: \n, \t, \xHH, \uHHHH, \u{H..}, and "\c" for any other c. */
  private decodeEscapes(text: string, stringStart: number): string {
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text.charAt(i);
      if (c !== '\\') {
        out += c;
        continue;
      }
      const next = text.charAt(++i);
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v' };
      if (next in simple) out += simple[next];
      else if (next === '0' && !/\d/.test(text.charAt(i + 1))) out += '\0';
      else if (/\d/.test(next)) {
        this.problem(stringStart, `octal escape \\${next} in this string: write it as \\x or \\u with hex digits`);
        out += next;
      } else if (next === 'x' || next === 'u') {
        const match = (next === 'x' ? /^[\da-fA-F]{2}/ : /^\{[\da-fA-F]+\}|^[\da-fA-F]{4}/).exec(text.slice(i + 1));
        const codePoint = match ? parseInt(match[0].replace(/[{}]/g, ''), 16) : NaN;
        if (!match || codePoint > 0x10ffff) {
          this.problem(stringStart, `invalid \\${next} escape in this string: write \\xHH, \\uHHHH or \\u{H...} with hex digits`);
          out += next;
        } else {
          out += String.fromCodePoint(codePoint);
          i += match[0].length;
        }
      } else out += next;
    }
    return out;
  }

  /** `[ a, b ]`, or items one per line; an item may be an object written as indented `key: value` lines. */
  private parseList(pointer: string, lines: LineMap): ManifestValue[] {
    const open = this.pos;
    const items: ManifestValue[] = [];
    let expectingItem = true;
    let separatorLine = this.lineOf(open);
    let itemEndLine = -1;
    this.pos++;
    for (;;) {
      this.skipBlank();
      const c = this.charAt();
      const line = this.lineOf(this.pos);
      if (c === '') {
        this.problem(open, 'unterminated list: the [ opened here has no matching ]');
        return items;
      }
      if (c === ']') {
        this.pos++;
        return items;
      }
      if (c === ',') {
        // A comma after an item's line, or on a line of its own between indented items, only separates; two on one line leave a hole.
        if (expectingItem && separatorLine === line) this.problem(this.pos, 'empty list item: remove the extra comma');
        expectingItem = true;
        separatorLine = line;
        this.pos++;
        continue;
      }
      if (c === '}' || c === ')') {
        this.problem(this.pos, `unexpected "${c}" in the list opened at ${this.where(open)}: close the list with ]`);
        this.pos++;
        continue;
      }
      if (!expectingItem && itemEndLine === line) this.problem(this.pos, 'expected "," or "]" between list items');
      const itemAt = this.pos;
      const itemPointer = `${pointer}/${items.length}`;
      const itemLines: LineMap = new Map();
      const value = this.parseExpression(itemPointer, itemLines);
      if (value !== undefined) {
        lines.set(itemPointer, this.lineOf(itemAt));
        for (const [key, itemLine] of itemLines) lines.set(key, itemLine);
        items.push(value);
      }
      if (this.pos === itemAt) this.pos++;
      expectingItem = false;
      itemEndLine = this.lineOf(this.pos);
    }
  }

  /** `{ a: 1, b: 2 }`, on one line or many; indentation inside braces does not matter except under a key ending in ":". */
  private parseBraceObject(pointer: string, lines: LineMap): ManifestObject {
    const open = this.pos;
    const object: ManifestObject = {};
    this.pos++;
    for (;;) {
      this.skipBlank();
      const c = this.charAt();
      if (c === '') {
        this.problem(open, 'unterminated object: the { opened here has no matching }');
        return object;
      }
      if (c === '}') {
        this.pos++;
        return object;
      }
      if (c === ',') {
        this.pos++;
        continue;
      }
      const start = this.pos;
      const key = this.keyAhead(start);
      const shorthand = key ? undefined : this.identifierAt(start);
      if (key) this.parsePair(object, key, pointer, lines);
      else if (shorthand !== undefined && /^[\s,}]/.test(this.charAt(start + shorthand.length) || '}')) {
        // `{ a }` is CoffeeScript for `{ a: a }`.
        const childPointer = `${pointer}/${pointerSegment(shorthand)}`;
        lines.set(childPointer, this.lineOf(start));
        this.pos = start + shorthand.length;
        const value = this.resolveName([shorthand], start, childPointer, lines);
        if (value !== undefined) setKey(object, shorthand, value);
      } else {
        this.problem(start, `expected "key: value" in the object opened at ${this.where(open)}`);
        this.skipToDelimiter();
      }
      this.skipInline();
      const after = this.charAt();
      if (after !== ',' && after !== '}' && after !== '\n' && after !== '') {
        this.problem(this.pos, `expected "," or "}" after the value, in the object opened at ${this.where(open)}`);
        this.skipToDelimiter();
      }
      if (this.pos === start) this.pos++;
    }
  }

  /** `key: value` lines that start at the same column: CoffeeScript's object without braces. The pointer stands on the first key. */
  private parseImplicitObject(pointer: string, lines: LineMap): ManifestObject {
    const column = this.columnIndex(this.pos);
    const object: ManifestObject = {};
    for (;;) {
      const key = this.keyAhead(this.pos);
      if (!key) return object;
      this.parsePair(object, key, pointer, lines);
      this.skipInline();
      if (this.charAt() === ',') {
        const afterComma = this.skipInlineFrom(this.pos + 1);
        if (this.lineOf(afterComma) === this.lineOf(this.pos) && this.keyAhead(afterComma)) {
          this.pos = afterComma;
          continue;
        }
        if (!this.atLineEnd(this.pos + 1)) return object;
        this.pos++; // a trailing comma before the line break
      }
      const c = this.charAt(this.skipInlineFrom(this.pos));
      if (c === ']' || c === '}' || c === ')') return object;
      if (!this.atLineEnd()) {
        const spanning = this.spanningString;
        const hint =
          spanning && this.lineOf(spanning.end) === this.lineOf(this.pos)
            ? ` (the string opened on line ${this.lineOf(spanning.start)} runs to this line: is its closing quote missing?)`
            : '';
        this.problem(this.pos, `unexpected text after the value of "${key.name}": put it on its own line, or quote the whole value${hint}`);
        this.pos = this.lineEnd(this.pos);
      }
      let next = this.nextSignificant(this.pos);
      while (next < this.text.length && this.columnIndex(next) > column && !/[\]}),]/.test(this.charAt(next))) {
        this.problem(
          next,
          `unexpected indentation: this line starts at column ${this.columnIndex(next) + 1}, but the keys of this object start at column ${column + 1}; line it up with its sibling keys, or put it under a key ending in ":"`,
        );
        this.pos = next;
        this.skipDeeperLines(column);
        next = this.nextSignificant(this.pos);
      }
      if (next >= this.text.length || this.columnIndex(next) !== column || !this.keyAhead(next)) return object;
      this.pos = next;
    }
  }

  private parsePair(object: ManifestObject, key: KeyAhead, pointer: string, lines: LineMap): void {
    const keyAt = this.pos;
    const childPointer = `${pointer}/${pointerSegment(key.name)}`;
    const earlier = lines.get(childPointer);
    if (Object.hasOwn(object, key.name) || earlier !== undefined) {
      this.problem(
        keyAt,
        `duplicate key "${key.name}" (also on line ${earlier ?? '?'}): the later value wins, as in CoffeeScript; remove one of them`,
      );
    }
    lines.set(childPointer, this.lineOf(keyAt));
    this.pos = key.valueStart;
    this.skipInline();
    if (this.atLineEnd()) {
      const next = this.nextSignificant(this.pos);
      if (next >= this.text.length || this.columnIndex(next) <= this.columnIndex(keyAt)) {
        this.problem(this.pos, `"${key.name}" has no value: write it after the colon, or on the next lines indented deeper than the key`);
        return;
      }
      this.pos = next;
    }
    const value = this.parseExpression(childPointer, lines);
    if (value !== undefined) setKey(object, key.name, value);
  }
}

/** The facts Boardhub reads from a manifest, typed; missing keys stay undefined. */
export interface ManifestFacts {
  slug?: string;
  name?: string;
  arch?: string;
  state?: string;
  aliases?: string[];
  yocto?: {
    machine?: string;
    image?: string;
    fstype?: string;
    version?: string;
    deployArtifact?: string;
    deployFlasherArtifact?: string;
    compressed?: boolean;
    archive?: boolean;
  };
  /** configuration.config.partition as written: a number, or { primary, logical? } */
  configPartition?: number | { primary?: number; logical?: number };
  configPath?: string;
  /** Names of option groups referenced (e.g. "networkOptions.group") and inline options. */
  options?: ManifestValue[];
  /** The instructions value as written: a reference (e.g. "commonImg.instructions") or a list of strings/references. */
  instructions?: ManifestValue;
  supportsBlink?: boolean;
}

function stringOf(value: ManifestValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function booleanOf(value: ManifestValue | undefined): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

function numberOf(value: ManifestValue | undefined): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function objectOf(value: ManifestValue | undefined): ManifestObject | undefined {
  return isManifestObject(value) ? value : undefined;
}

/** Drops keys whose value is undefined, so a missing fact is absent rather than present-and-undefined. */
function defined<T extends object>(facts: T): T {
  return Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined)) as T;
}

export function manifestFacts(parsed: ParsedManifest): ManifestFacts {
  const root = parsed.exports;
  const yocto = objectOf(root.yocto);
  const config = objectOf(objectOf(root.configuration)?.config);
  const partition = config?.partition;
  const partitionObject = objectOf(partition);
  return defined<ManifestFacts>({
    slug: stringOf(root.slug),
    name: stringOf(root.name),
    arch: stringOf(root.arch),
    state: stringOf(root.state),
    aliases: Array.isArray(root.aliases) ? root.aliases.filter((alias): alias is string => typeof alias === 'string') : undefined,
    yocto: yocto
      ? defined({
          machine: stringOf(yocto.machine),
          image: stringOf(yocto.image),
          fstype: stringOf(yocto.fstype),
          version: stringOf(yocto.version),
          deployArtifact: stringOf(yocto.deployArtifact),
          deployFlasherArtifact: stringOf(yocto.deployFlasherArtifact),
          compressed: booleanOf(yocto.compressed),
          archive: booleanOf(yocto.archive),
        })
      : undefined,
    configPartition: partitionObject
      ? defined({ primary: numberOf(partitionObject.primary), logical: numberOf(partitionObject.logical) })
      : numberOf(partition),
    configPath: stringOf(config?.path),
    options: Array.isArray(root.options) ? root.options : undefined,
    instructions: root.instructions,
    supportsBlink: booleanOf(root.supportsBlink),
  });
}

/** The option groups a shared options module exports (its values with `isGroup: true`), e.g. "group" in network-options.coffee. */
export function listOptionGroups(parsed: ParsedManifest): { key: string; name?: string; line?: number }[] {
  return Object.entries(parsed.exports)
    .filter(([, value]) => objectOf(value)?.isGroup === true)
    .map(([key, value]) => defined({ key, name: stringOf(objectOf(value)?.name), line: parsed.lines.get(`/${pointerSegment(key)}`) }));
}
