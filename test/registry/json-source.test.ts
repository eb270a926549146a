// Repeated keys are found wherever they hide (nested, in lists, behind colons and escaped quotes in strings), and only there.
import { describe, expect, test } from 'vitest';
import { parseJsonText } from '../../src/registry/json-source.ts';

const problems = (text: string) => {
  const parsed = parseJsonText(text);
  return parsed.ok ? [] : parsed.problems.map((p) => `${p.line}:${p.column} ${p.pointer} ${p.found}`);
};

describe('repeated keys', () => {
  test.each([
    ['top level', '{"a": 1, "a": 2}', ['1:10 /a a second "a"']],
    ['in an object in a list', '{"xs": [{"k": 1}, {"k": 1, "k": 2}]}', ['1:28 /xs/1/k a second "k"']],
    ['deep inside', '{"a": {"b": {"c": 1, "c": {}}}}', ['1:22 /a/b/c a second "c"']],
    ['the same key twice in a row, one an empty object', '{"o": {}, "o": {}}', ['1:11 /o a second "o"']],
    ['__proto__', '{"__proto__": 1, "__proto__": 2}', ['1:18 /__proto__ a second "__proto__"']],
    ['after a string holding colons and escaped quotes', '{"s": "a:b \\": c", "s": 1}', ['1:20 /s a second "s"']],
  ])('%s', (_name, text, expected) => {
    expect(problems(text)).toEqual(expected);
  });

  test.each([
    ['colons inside strings', '{"url": "https://example.com:8080/a:b", "t": "x\\":y"}'],
    ['the same key in sibling objects', '{"a": {"k": 1}, "b": {"k": 2}, "c": [{"k": 1}, {"k": 2}]}'],
    ['keys that differ only by an escape', '{"a\\"b": 1, "a\\\\b": 2}'],
  ])('no false alarm: %s', (_name, text) => {
    expect(problems(text)).toEqual([]);
  });
});
