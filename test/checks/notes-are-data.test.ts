// The notes-are-data check: notes.md front matter is YAML data (never run), the file is bounded, messages pinned.
import { linkSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { parseNotesFile } from '../../src/notes/notes-file.ts';
import { markdownToSafeHtml } from '../../src/notes/board-notes.ts';
import { fixtureRegistry, messagesFor } from '../helpers/fixture-registry.ts';
import { validateRegistry } from '../../src/registry/validate.ts';
import { formatDiagnostic } from '../../src/diagnostics/diagnostic.ts';

const NOTES = 'hw.device-type/acme-one/notes.md';

test('good notes pass and render; dates stay text', () => {
  expect(messagesFor({ [NOTES]: '---\ntitle: Tested\nverified: [rev 1.2, 2024-05-01]\n---\nWorks *fine*.\n' })).toEqual([]);
  const { notes } = parseNotesFile('---\nverified: [2024-05-01]\n---\nok\n');
  expect(notes?.front.verified).toEqual(['2024-05-01']);
  expect(markdownToSafeHtml(notes!.markdown)).toBe('<p>ok</p>\n');
});

test('front matter in another language is refused and never run', () => {
  (globalThis as Record<string, unknown>).notesRan = false;
  const code = '---js\n{ title: (globalThis.notesRan = true, "x") }\n---\nbody\n';
  expect(messagesFor({ [NOTES]: code })).toMatchInlineSnapshot(`
    [
      "contracts/hw.device-type/acme-one/notes.md:1:1 /: expected YAML front matter opened by a line of exactly "---", found "---js" (remove what follows "---": front matter is YAML only)",
    ]
  `);
  expect((globalThis as Record<string, unknown>).notesRan).toBe(false);
  expect(parseNotesFile('---coffee\ntitle: x\n---\n').problems).toHaveLength(1);
});

test('a JavaScript tag, an unknown key, a date and deep nesting are located errors, not crashes', () => {
  expect(
    messagesFor({ [NOTES]: '---\ntitle: !!js/function "function () { return 1 }"\n---\n' }).map((m) =>
      m.replace(/found .*? \(/, 'found … ('),
    ),
  ).toEqual([
    'contracts/hw.device-type/acme-one/notes.md:2:48 /: expected YAML front matter (plain keys and values, no tags), found … (quote the value, or remove the tag)',
  ]);
  expect(messagesFor({ [NOTES]: '---\ntitle: ok\ncolour: red\n---\n' })).toMatchInlineSnapshot(`
    [
      "contracts/hw.device-type/acme-one/notes.md:3:1 /: expected only the front matter keys "title" and "verified", found unknown key "colour" (remove it)",
    ]
  `);
  expect(messagesFor({ [NOTES]: `---\ntitle: ${'['.repeat(50_000)}\n---\n` })[0]).toContain('front matter nested at most 8 levels deep');
  expect(messagesFor({ [NOTES]: `---\ntitle: x\n---\n${'- '.repeat(40)}deep\n` })[0]).toMatch(
    /notes\.md:4:1 \/: expected lists and quotes nested at most 16 levels deep, found 40 levels/,
  );
});

test('an oversized file and a hard link are refused before they are read', () => {
  expect(messagesFor({ [NOTES]: 'x'.repeat(70 * 1024) })).toMatchInlineSnapshot(`
    [
      "contracts/hw.device-type/acme-one/notes.md:1:1 /: expected notes of at most 64 KiB, found 70 KiB (shorten them; link to longer documents)",
    ]
  `);
  const outside = join(mkdtempSync(join(tmpdir(), 'boardhub-secret-')), 'secret.txt');
  writeFileSync(outside, 'a local secret\n');
  const root = fixtureRegistry();
  linkSync(outside, join(root, NOTES));
  const messages = validateRegistry(root).diagnostics.map(formatDiagnostic);
  expect(
    messages.some((m) => m.includes('notes.md:1:1 /: expected a regular file with a single name, found a file with 2 hard links')),
  ).toBe(true);
});
