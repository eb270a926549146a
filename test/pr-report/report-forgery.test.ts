// The PR report cannot be forged by what a PR contains: no new sections, links, HTML, mentions or references, and it fits GitHub's limit.
import { expect, test } from 'vitest';
import { buildReport, code, MAX_BODY_CHARACTERS, md } from '../../src/pr-report/report.ts';
import { createRegistry, registryData } from '../../src/registry/registry.ts';
import { loadRegistry } from '../../src/registry/validate.ts';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.ts';

const input = { repository: 'boardhub/boardhub', sha: 'a'.repeat(40), changedFiles: [], base: undefined, head: undefined };
const diagnostic = (fields: Partial<Diagnostic>): Diagnostic => ({
  file: 'contracts/hw.device-type/x/contract.json',
  line: 1,
  column: 1,
  pointer: '/x',
  rule: 'schema',
  expected: 'something',
  found: 'something else',
  ...fields,
});

test('a key with newlines cannot forge a "valid" section or hide the rest in an HTML comment', () => {
  const pointer = '/a\n\n## Boardhub check\n\n✅ The registry is valid (1 boards).\n\n<!--';
  const { body } = buildReport({ ...input, diagnostics: [diagnostic({ pointer, found: 'x\n✅ fine -->' })] });
  expect(body.split('\n').filter((line) => line.startsWith('✅'))).toEqual([]);
  expect(body.split('\n').filter((line) => line.startsWith('## '))).toEqual(['## Boardhub check']);
  // Outside code spans (where Markdown shows text as it is) only the report's own marker opens an HTML comment.
  const outsideCode = body.replace(/`[^`\n]*`/g, '');
  expect(outsideCode.match(/<!--/g)).toHaveLength(1);
});

test('a file name cannot break out of its link into HTML, and mentions and references stay text', () => {
  const file = 'contracts/hw.device-type/x)<img src=x onerror=alert(1)>/contract.json';
  const { body } = buildReport({ ...input, diagnostics: [diagnostic({ file, found: '@octocat see #1 and https://evil.example' })] });
  expect(body).not.toMatch(/<img/);
  expect(body).toContain('x%29%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E/contract.json#L1');
  expect(body).not.toMatch(/(^|[^&\w])@octocat/);
  expect(body).not.toMatch(/(^|[^&\w])#1\b/);
  expect(md('a @b #1 <c> [d](e) `f` &amp;')).toBe('a &#64;b &#35;1 &lt;c&gt; \\[d\\]\\(e\\) \\`f\\` &amp;amp;');
  expect(code('a`b\nc')).toBe("`a'b c`");
});

test('a PR adding many boards still gets a comment under GitHub’s 65,536-character limit', () => {
  const head = loadRegistry('contracts');
  const base = createRegistry({ ...registryData(head), boards: head.boards.slice(60) });
  const { body, labels } = buildReport({ ...input, diagnostics: [], base, head });
  expect(labels).toContain('new-board');
  expect(body.length).toBeLessThanOrEqual(MAX_BODY_CHARACTERS);
  expect(body).toMatch(/more sections? left out to stay within GitHub's comment limit/);
  expect(body).toContain('### New board: '); // the first boards are still shown
});
