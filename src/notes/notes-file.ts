// Reads notes.md as data: YAML-only front matter (JSON types, no code engine, no tags) checked by zod, and bounded Markdown.
import { JSON_SCHEMA, load } from 'js-yaml';
import { z } from 'zod';
import { SAFE_TEXT } from '../schema/vocabulary.ts';

/** Notes are a few paragraphs; the limit keeps a hostile file from exhausting memory or time in the Markdown parser. */
export const MAX_NOTES_BYTES = 64 * 1024;
/** Lists and quotes nested deeper than this cost the Markdown parser time out of proportion to the text. */
export const MAX_MARKDOWN_NESTING = 16;
/** Brackets nested deeper than this in front matter are refused before YAML parsing, which recurses on them. */
const MAX_FRONT_MATTER_NESTING = 8;

const noteText = (max: number, description: string) => z.string().min(1).max(max).regex(SAFE_TEXT).describe(description);

export const notesFrontMatterSchema = z
  .strictObject({
    title: noteText(120, 'Heading shown above the notes.').optional(),
    verified: z
      .array(noteText(60, 'A hardware revision.'))
      .max(20)
      .describe('Hardware revisions the instructions were verified on.')
      .optional(),
  })
  .describe('Front matter of a board notes.md file.');

export type NotesFrontMatter = z.infer<typeof notesFrontMatterSchema>;

/** What is wrong with a notes file, located in it. */
export interface NotesProblem {
  line: number;
  column: number;
  pointer: string;
  expected: string;
  found: string;
  hint?: string;
}

/** The deepest run of list markers and quote markers that opens a line, with the line it is on. */
function deepestNesting(markdown: string, firstLine: number): { depth: number; line: number } {
  let deepest = { depth: 0, line: firstLine };
  markdown.split('\n').forEach((text, index) => {
    const opening = /^(?:\s*(?:[-*+]|\d{1,9}[.)]|>)(?=\s|$))+/.exec(text)?.[0] ?? '';
    const depth = (opening.match(/[-*+>]|\d{1,9}[.)]/g) ?? []).length + Math.floor((/^\s*/.exec(text)?.[0].length ?? 0) / 4);
    if (depth > deepest.depth) deepest = { depth, line: firstLine + index };
  });
  return deepest;
}

function bracketDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (const character of text) {
    if (character === '[' || character === '{') deepest = Math.max(deepest, ++depth);
    else if (character === ']' || character === '}') depth = Math.max(0, depth - 1);
  }
  return deepest;
}

/** Parses notes.md text. Front matter is YAML with JSON types only: no code engine, no custom tags, dates stay text. */
export function parseNotesFile(text: string): { notes?: { front: NotesFrontMatter; markdown: string }; problems: NotesProblem[] } {
  const problems: NotesProblem[] = [];
  const problem = (line: number, expected: string, found: string, hint?: string, pointer = '') =>
    problems.push({ line, column: 1, pointer, expected, found, ...(hint ? { hint } : {}) });
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let body = lines;
  let bodyLine = 1;
  let data: unknown = {};
  let keyLines = new Map<string, number>();
  if (lines[0]?.startsWith('---')) {
    const opening = lines[0].trimEnd();
    if (opening !== '---') {
      problem(
        1,
        'YAML front matter opened by a line of exactly "---"',
        JSON.stringify(opening),
        'remove what follows "---": front matter is YAML only',
      );
      return { problems };
    }
    const end = lines.findIndex((line, i) => i > 0 && (line.trimEnd() === '---' || line.trimEnd() === '...'));
    if (end < 0) {
      problem(1, 'front matter closed by a line of "---"', 'no closing line', 'add a line "---" after the front matter');
      return { problems };
    }
    const yaml = lines.slice(1, end).join('\n');
    keyLines = new Map(
      lines.slice(1, end).flatMap((line, i) => (/^([A-Za-z_][\w-]*):/.exec(line) ? [[/^([A-Za-z_][\w-]*):/.exec(line)![1]!, i + 2]] : [])),
    );
    if (bracketDepth(yaml) > MAX_FRONT_MATTER_NESTING) {
      problem(
        2,
        `front matter nested at most ${MAX_FRONT_MATTER_NESTING} levels deep`,
        'deeper nesting',
        'front matter holds only "title" and "verified"',
      );
      return { problems };
    }
    try {
      data = load(yaml, { schema: JSON_SCHEMA }) ?? {};
    } catch (error) {
      const mark = (error as { mark?: { line?: number; column?: number } }).mark;
      const reason = (error as { reason?: string }).reason ?? 'unreadable YAML';
      problems.push({
        line: 2 + (mark?.line ?? 0),
        column: 1 + (mark?.column ?? 0),
        pointer: '',
        expected: 'YAML front matter (plain keys and values, no tags)',
        found: reason,
        hint: 'quote the value, or remove the tag',
      });
      return { problems };
    }
    body = lines.slice(end + 1);
    bodyLine = end + 2;
  }
  const front = notesFrontMatterSchema.safeParse(data);
  if (!front.success)
    for (const issue of front.error.issues) {
      const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path[0];
      problem(
        keyLines.get(String(key)) ?? 1,
        issue.code === 'unrecognized_keys' ? 'only the front matter keys "title" and "verified"' : issue.message,
        issue.code === 'unrecognized_keys'
          ? `unknown key ${JSON.stringify(issue.keys[0])}`
          : JSON.stringify(issue.input ?? null).slice(0, 80),
        issue.code === 'unrecognized_keys' ? 'remove it' : 'write a short line of plain text',
        `/${issue.path.map(String).join('/')}`,
      );
    }
  const markdown = body.join('\n');
  const nesting = deepestNesting(markdown, bodyLine);
  if (nesting.depth > MAX_MARKDOWN_NESTING)
    problem(
      nesting.line,
      `lists and quotes nested at most ${MAX_MARKDOWN_NESTING} levels deep`,
      `${nesting.depth} levels`,
      'flatten the list',
    );
  if (problems.length || !front.success) return { problems };
  return { notes: { front: front.data, markdown }, problems };
}
