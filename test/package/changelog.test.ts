// Data-based versioning: what a diff contains and which semver bump it requires.
import { describe, expect, test } from 'vitest';
import { bumpBetween, changelogMarkdown, diffData, isBumpEnough, requiredBump } from '../../src/build/changelog.ts';
import { loadRegistry } from '../../src/registry/validate.ts';
import type { ResolvedBoard } from '../../src/schema/resolved-board.ts';

const boards = loadRegistry('contracts').boards;
const pi = boards.find((b) => b.slug === 'raspberrypi4-64')!;
const without = (slug: string) => boards.filter((b) => b.slug !== slug);

describe('diff and required bump', () => {
  test('no change', () => {
    expect(requiredBump(diffData(boards, boards))).toBe('none');
  });

  test('a board added is minor', () => {
    const diff = diffData(without('raspberrypi4-64'), boards);
    expect(diff.added).toEqual(['raspberrypi4-64']);
    expect(requiredBump(diff)).toBe('minor');
  });

  test('a board removed is major', () => {
    const diff = diffData(boards, without('raspberrypi4-64'));
    expect(diff.removed).toEqual(['raspberrypi4-64']);
    expect(requiredBump(diff)).toBe('major');
  });

  test('a slug renamed (old slug kept as alias) is major and reported as a rename', () => {
    const renamed: ResolvedBoard = { ...pi, slug: 'raspberry-pi-4', aliases: ['raspberrypi4-64'] };
    const diff = diffData(boards, [...without('raspberrypi4-64'), renamed]);
    expect(diff.renamed).toEqual([{ from: 'raspberrypi4-64', to: 'raspberry-pi-4' }]);
    expect(diff.removed).toEqual([]);
    expect(requiredBump(diff)).toBe('major');
  });

  test('a corrected fact is a patch', () => {
    const fixed: ResolvedBoard = { ...pi, soc: 'Broadcom BCM2711B0' };
    const diff = diffData(boards, [...without('raspberrypi4-64'), fixed]);
    expect(diff.changed).toEqual([
      { slug: 'raspberrypi4-64', changes: [{ path: 'soc', before: 'Broadcom BCM2711', after: 'Broadcom BCM2711B0' }] },
    ]);
    expect(requiredBump(diff)).toBe('patch');
    expect(changelogMarkdown('1.0.0', '1.0.1', diff)).toContain('- raspberrypi4-64: soc: Broadcom BCM2711 -> Broadcom BCM2711B0');
  });

  test('a new field is minor', () => {
    const extended = { ...pi, weightGrams: 46 } as ResolvedBoard;
    expect(requiredBump(diffData(boards, [...without('raspberrypi4-64'), extended]))).toBe('minor');
  });
});

describe('is the version bump big enough', () => {
  test.each([
    ['1.2.3', '2.0.0', 'major', true],
    ['1.2.3', '1.3.0', 'major', false],
    ['1.2.3', '1.3.0', 'minor', true],
    ['1.2.3', '1.2.4', 'minor', false],
    ['1.2.3', '1.2.4', 'patch', true],
    ['1.2.3', '1.2.3', 'patch', false],
    ['1.2.3', '1.2.2', 'none', false],
    ['0.1.0', '0.2.0', 'major', true],
  ] as const)('%s -> %s for a %s change: %s', (from, to, required, ok) => {
    expect(isBumpEnough(from, to, required)).toBe(ok);
  });

  test('bumpBetween', () => {
    expect(bumpBetween('1.2.3', '1.2.3')).toBe('none');
    expect(bumpBetween('1.2.3', '1.0.9')).toBe('downgrade');
  });
});
