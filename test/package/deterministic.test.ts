// Two clean builds write byte-identical packages and sites: stable key order, no timestamps, no random names.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';

function treeHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const path of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (statSync(join(dir, path)).isFile())
      out[path] = createHash('sha256')
        .update(readFileSync(join(dir, path)))
        .digest('hex');
  }
  return out;
}

test('two builds produce identical package and site files', () => {
  const work = mkdtempSync(join(tmpdir(), 'boardhub-deterministic-'));
  try {
    for (const out of ['a', 'b']) execFileSync(process.execPath, ['scripts/build.ts', '--out', join(work, out)], { stdio: 'ignore' });
    const a = treeHashes(join(work, 'a'));
    expect(Object.keys(a).filter((p) => p.startsWith('package/')).length).toBeGreaterThan(300);
    expect(Object.keys(a).filter((p) => p.startsWith('site/')).length).toBeGreaterThan(300);
    expect(treeHashes(join(work, 'b'))).toEqual(a);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}, 240_000);
