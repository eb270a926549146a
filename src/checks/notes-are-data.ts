// Check: a board's notes.md is a small regular file of YAML front matter and bounded Markdown, validated like a contract.
import { lstatSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isUtf8 } from 'node:buffer';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { MAX_NOTES_BYTES, parseNotesFile } from '../notes/notes-file.ts';
import type { RegistryCheck } from './check.ts';

const RULE = 'notes-are-data';
export const NOTES_FILE = 'notes.md';

export const notesAreData: RegistryCheck = {
  name: RULE,
  description: `A board's ${NOTES_FILE} is a regular file of at most ${MAX_NOTES_BYTES / 1024} KiB with YAML front matter ("title", "verified") and Markdown nested at most a few levels deep.`,
  check({ boards }) {
    const out: Diagnostic[] = [];
    for (const { file } of boards) {
      if (!file.extraFiles.includes(NOTES_FILE)) continue;
      const path = join(dirname(file.path), NOTES_FILE);
      const shown = file.file.replace(/contract\.json$/, NOTES_FILE);
      const at = (line: number, column: number, pointer: string, expected: string, found: string, hint?: string) =>
        out.push({ file: shown, line, column, pointer, rule: RULE, expected, found, ...(hint ? { hint } : {}) });
      const stat = lstatSync(path);
      // A second name for a file elsewhere (a hard link) would publish that file's content on the site and in the package.
      if (!stat.isFile() || stat.nlink !== 1) {
        at(
          1,
          1,
          '',
          'a regular file with a single name',
          stat.isFile() ? `a file with ${stat.nlink} hard links` : 'not a regular file',
          'replace it with a plain copy of the notes',
        );
        continue;
      }
      if (stat.size > MAX_NOTES_BYTES) {
        at(
          1,
          1,
          '',
          `notes of at most ${MAX_NOTES_BYTES / 1024} KiB`,
          `${Math.ceil(stat.size / 1024)} KiB`,
          'shorten them; link to longer documents',
        );
        continue;
      }
      const bytes = readFileSync(path);
      if (!isUtf8(bytes)) {
        at(1, 1, '', 'UTF-8 text', 'bytes that are not UTF-8', 'save the file as UTF-8');
        continue;
      }
      for (const problem of parseNotesFile(bytes.toString('utf8')).problems)
        at(problem.line, problem.column, problem.pointer, problem.expected, problem.found, problem.hint);
    }
    return out;
  },
};
