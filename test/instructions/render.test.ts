// Rendering: every board reads as clean English on every host, in every format; text is escaped and links are safe.
import { describe, expect, test } from 'vitest';
import { loadRegistry } from '../../src/registry/validate.ts';
import { instructionsFor, renderInstructions, toHtml, toMarkdown } from '../../src/instructions/render.ts';
import { HOST_OSES } from '../../src/schema/vocabulary.ts';
import type { ResolvedBoard } from '../../src/schema/resolved-board.ts';

const registry = loadRegistry('contracts');

/** Problems a reader would notice in one rendered sentence. */
function sentenceProblems(text: string): string[] {
  const problems: string[] = [];
  if (text.trim() === '' || text.trim() === '.') problems.push('empty step');
  if (/\{\{?[^}]*\}?\}/.test(text)) problems.push('template leftover or unknown variable');
  if (/[.,;:!?]\s*[.,;:!?]/.test(text.replace(/\.\.\./g, '').replace(/https?:\/\/\S+/g, 'URL'))) problems.push('doubled punctuation');
  // " ./flashall.sh" is a path, not a stray full stop.
  if (/\s[,;:]|\s\.(?![\w/])/.test(text)) problems.push('space before punctuation');
  if (/<[a-z/!]/i.test(text)) problems.push('raw HTML');
  if (/\b(undefined|null|NaN|\[object Object\])\b/.test(text)) problems.push('leaked value');
  if (!/^[A-Z0-9"']/.test(text)) problems.push('does not start with a capital');
  if (!/[.!?]$/.test(text)) problems.push('no full stop');
  if (/\b(\w+) \1\b/i.test(text)) problems.push('doubled word');
  if (/\.\s+[a-z]/.test(text.replace(/https?:\/\/\S+/g, 'URL').replace(/\b(e\.g|i\.e|etc|vs)\./g, '')))
    problems.push('fragments joined without a capital');
  return problems;
}

describe('every board, every host', () => {
  test.each(registry.boards.map((b) => [b.slug, b] as const))('%s', (_slug, board) => {
    for (const host of HOST_OSES) {
      const rendered = instructionsFor(board, host);
      expect(rendered.steps.length, `${board.slug} on ${host}`).toBeGreaterThan(0);
      const issues = rendered.steps.flatMap((s) => sentenceProblems(s.text).map((p) => `${host} step ${s.number} "${s.text}": ${p}`));
      expect(issues).toEqual([]);
      for (const format of ['json', 'md', 'text', 'html'] as const)
        expect(renderInstructions(board, host, format).length).toBeGreaterThan(0);
    }
  });
});

describe('escaping', () => {
  const hostile = {
    ...registry.board('raspberrypi4-64')!,
    name: '<img src=x onerror=alert(1)> *Pi* [x](javascript:alert(1))',
    instructions: {
      unverified: true,
      steps: {
        'first-boot': [
          { kind: 'note' as const, text: 'See [the guide](https://example.com/a?b=1&c=2) and [bad](javascript:alert(1)) for {board}.' },
        ],
      },
    },
  } satisfies ResolvedBoard;

  test('HTML escapes every character of contract text and only links http(s)', () => {
    const html = toHtml(instructionsFor(hostile, 'linux'));
    expect(html).not.toMatch(/<img|<script|href="javascript/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer">the guide</a>');
    // A link-shaped board name filled into a note stays text.
    expect(html.match(/<a /g)).toHaveLength(2);
    expect(html).toContain('[bad](javascript:alert(1))');
    expect(html).toContain('<p class="unverified">');
  });

  test('Markdown escapes contract text so it cannot inject links or markup', () => {
    const markdown = toMarkdown(instructionsFor(hostile, 'linux'));
    expect(markdown).toContain('\\<img src=x onerror=alert(1)\\> \\*Pi\\* \\[x\\](javascript:alert(1))');
    expect(markdown).toContain('[the guide](https://example.com/a?b=1&c=2)');
    expect(markdown).toMatch(/^> These steps follow the standard procedure/);
  });

  test('the OS name and the writer are settings', () => {
    const text = renderInstructions(registry.board('raspberrypi4-64')!, 'linux', 'text', {
      osName: 'AcmeOS',
      writer: { name: 'dd', url: 'https://example.com/dd' },
    });
    expect(text).toContain('Write the AcmeOS image to the SD card with dd (https://example.com/dd).');
    expect(text).not.toMatch(/balena/i);
  });
});
