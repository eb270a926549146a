// Mutation test: real contracts with many random mutations; every invalid result gets located errors, and nothing throws.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { validateRegistry } from '../../src/registry/validate.ts';
import { contractSchemas } from '../../src/schema/index.ts';
import { mutations, random } from '../helpers/mutations.ts';

// A slice of the real registry: every family, layout, stage, manufacturer and architecture, and every fifth board.
const work = mkdtempSync(join(tmpdir(), 'boardhub-mutation-'));
const root = join(work, 'contracts');
cpSync('contracts', root, { recursive: true, filter: (source) => !/hw\.device-type\/[^/]+$/.test(source) || keepBoard(source) });
afterAll(() => rmSync(work, { recursive: true, force: true }));

function keepBoard(source: string): boolean {
  const slug = source.split('/').at(-1)!;
  return readdirSync('contracts/hw.device-type').indexOf(slug) % 5 === 0;
}

const boards = readdirSync(join(root, 'hw.device-type'));
const targets = [
  ...boards.map((slug) => ['hw.device-type', slug] as const),
  ...readdirSync(join(root, 'hw.device-family')).map((slug) => ['hw.device-family', slug] as const),
  ...readdirSync(join(root, 'sw.partition-layout')).map((slug) => ['sw.partition-layout', slug] as const),
];

function checkOutcome(what: string, mustFail: boolean) {
  let result: ReturnType<typeof validateRegistry>;
  try {
    result = validateRegistry(root);
  } catch (error) {
    throw new Error(`${what}: validateRegistry threw ${(error as Error).stack}`);
  }
  if (mustFail) expect(result.diagnostics.length, what).toBeGreaterThan(0);
  for (const d of result.diagnostics) {
    expect(d.file, what).toMatch(/^contracts\//);
    expect(d.line, what).toBeGreaterThanOrEqual(1);
    expect(d.column, what).toBeGreaterThanOrEqual(1);
    expect(typeof d.pointer, what).toBe('string');
    expect(d.expected.length, what).toBeGreaterThan(0);
    expect(d.found.length, what).toBeGreaterThan(0);
  }
  return result;
}

test('the slice itself is valid', () => {
  expect(checkOutcome('unmutated', false).diagnostics).toEqual([]);
});

test('400 structural mutations (drop a key, change a type, misspell an enum, add a key)', () => {
  const next = random(2);
  for (let i = 0; i < 400; i++) {
    const [type, slug] = targets[Math.floor(next() * targets.length)]!;
    const path = join(root, type, slug, 'contract.json');
    const original = readFileSync(path, 'utf8');
    const [mutation] = mutations(JSON.parse(original), 1, i * 7919 + 1);
    writeFileSync(path, JSON.stringify(mutation!.value, null, 2));
    const schemaInvalid = !contractSchemas[type].safeParse(mutation!.value).success;
    checkOutcome(`${type}/${slug} ${mutation!.description}`, schemaInvalid);
    writeFileSync(path, original);
  }
});

test('150 text mutations (truncate, insert bytes, flip a character)', () => {
  const next = random(3);
  for (let i = 0; i < 150; i++) {
    const [type, slug] = targets[Math.floor(next() * targets.length)]!;
    const path = join(root, type, slug, 'contract.json');
    const original = readFileSync(path);
    const at = Math.floor(next() * original.length);
    const kind = i % 3;
    const mutated =
      kind === 0
        ? original.subarray(0, at)
        : kind === 1
          ? Buffer.concat([original.subarray(0, at), Buffer.from([0xff, 0x00, 0x7b]), original.subarray(at)])
          : Buffer.from(original.toString('utf8').slice(0, at) + '"' + original.toString('utf8').slice(at + 1));
    writeFileSync(path, mutated);
    checkOutcome(`${type}/${slug} text mutation ${kind} at ${at}`, kind !== 2);
    writeFileSync(path, original);
  }
});

test('a duplicated board (same slug in a second folder)', () => {
  const copy = join(root, 'hw.device-type', `${boards[0]}-copy`);
  mkdirSync(copy);
  cpSync(join(root, 'hw.device-type', boards[0]!, 'contract.json'), join(copy, 'contract.json'));
  const result = checkOutcome('duplicate board', true);
  expect(result.diagnostics.map((d) => d.rule)).toEqual(expect.arrayContaining(['folder-matches-slug', 'unique-board-slugs']));
  rmSync(copy, { recursive: true });
});
