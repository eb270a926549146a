// The bad-input corpus (test/corpus/bad-input): every case gets located errors, nothing throws, and the build leaves old output alone.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { validateRegistry } from '../../src/registry/validate.ts';
import { buildCommand } from '../../scripts/build.ts';
import type { BadInputCase } from '../corpus/generate-bad-input.ts';

const CORPUS = 'test/corpus/bad-input';
const cases = readdirSync(CORPUS)
  .sort()
  .map((file) => [file, JSON.parse(readFileSync(join(CORPUS, file), 'utf8')) as BadInputCase] as const);
const work = mkdtempSync(join(tmpdir(), 'boardhub-bad-input-'));
const root = join(work, 'contracts');
const out = join(work, 'dist');
cpSync('contracts', root, { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

function content(value: BadInputCase['files'][string]): string | Buffer {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if ('base64' in value) return Buffer.from(value.base64, 'base64');
  return `${value.prefix ?? ''}${value.repeat.repeat(value.times)}${value.suffix ?? ''}`;
}

/** Applies a case, runs `body`, then restores the registry exactly. */
function withCase<T>(c: BadInputCase, body: () => T): T {
  const saved = new Map<string, Buffer | undefined>();
  for (const path of Object.keys(c.files)) {
    const full = join(root, path);
    saved.set(path, existsSync(full) ? readFileSync(full) : undefined);
  }
  try {
    for (const [path, value] of Object.entries(c.files)) {
      const full = join(root, path);
      if (value === null) rmSync(full, { force: true });
      else {
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, content(value));
      }
    }
    return body();
  } finally {
    for (const [path, original] of saved) {
      const full = join(root, path);
      if (original === undefined) {
        rmSync(full, { force: true });
        // Remove folders the case created.
        let dir = dirname(full);
        while (dir !== root && existsSync(dir) && readdirSync(dir).length === 0) {
          rmSync(dir, { recursive: true });
          dir = dirname(dir);
        }
      } else writeFileSync(full, original);
    }
  }
}

function treeHash(dir: string): string {
  const hash = createHash('sha256');
  for (const path of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const full = join(dir, path);
    hash.update(path);
    if (statSync(full).isFile()) hash.update(readFileSync(full));
  }
  return hash.digest('hex');
}

test('the corpus has at least 200 cases and the untouched registry is valid', () => {
  expect(cases.length).toBeGreaterThanOrEqual(200);
  expect(validateRegistry(root).diagnostics).toEqual([]);
});

describe('every case', () => {
  // A previous build's output, which a refused build must leave exactly as it was.
  mkdirSync(join(out, 'package'), { recursive: true });
  mkdirSync(join(out, 'site'), { recursive: true });
  writeFileSync(join(out, 'package', 'boardhub.json'), '{"previous": true}\n');
  writeFileSync(join(out, 'site', 'index.html'), '<p>previous</p>\n');
  const before = treeHash(out);

  test.each(cases)('%s is rejected with located errors and the build refuses', async (_file, c) => {
    await withCase(c, async () => {
      let result: ReturnType<typeof validateRegistry> | undefined;
      expect(() => (result = validateRegistry(root))).not.toThrow();
      expect(result!.diagnostics.length, c.description).toBeGreaterThan(0);
      for (const d of result!.diagnostics) {
        expect(d.file).toMatch(/^contracts\//);
        expect(d.line).toBeGreaterThanOrEqual(1);
        expect(d.column).toBeGreaterThanOrEqual(1);
        expect(d.expected && d.found).toBeTruthy();
      }
      const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
      const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        expect(await buildCommand(['--contracts', root, '--out', out])).toBe(1);
      } finally {
        log.mockRestore();
        error.mockRestore();
      }
      expect(treeHash(out)).toBe(before);
    });
  });
});

test('the validate CLI exits 1 with one located line per error and no stack trace (a sample of cases)', () => {
  for (const [file, c] of cases.filter((_, i) => i % 25 === 0)) {
    withCase(c, () => {
      const run = spawnSync(process.execPath, ['scripts/validate.ts', root], { encoding: 'utf8' });
      expect(run.status, file).toBe(1);
      expect(run.stderr, file).not.toMatch(/^\s+at /m);
      for (const line of run.stderr.trim().split('\n'))
        expect(line, file).toMatch(/^contracts\/\S*:\d+:\d+ \/\S* ?.*: expected .+, found .+/);
    });
  }
});
