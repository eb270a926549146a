// The published package's runtime dependencies: only what its code imports, and `npm audit --omit=dev` finds nothing.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { packageManifest, RUNTIME_DEPENDENCIES } from '../../src/build/package-files.ts';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const published = packageManifest(manifest, Object.fromEntries(RUNTIME_DEPENDENCIES.map((n) => [n, manifest.dependencies[n]])));

/** Every source file the compiled library holds: the folders tsconfig.build.json includes, and whatever they import. */
function librarySources(): string[] {
  const { include } = JSON.parse(readFileSync('tsconfig.build.json', 'utf8')) as { include: string[] };
  const pending = include.flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(dir, f)),
  );
  const seen = new Set<string>();
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, target] of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+\.ts)'/g))
      pending.push(join(dirname(file), target!));
  }
  return [...seen].map((file) => readFileSync(file, 'utf8'));
}

test('every runtime dependency of the package is imported by the library, and nothing else is', () => {
  const imported = new Set(
    librarySources()
      .flatMap((source) => [...source.matchAll(/from '([^'.][^']*)'/g)].map((m) => m[1]!.split('/')[0]!))
      .filter((name) => !name.startsWith('node:')),
  );
  expect([...imported].sort()).toEqual(Object.keys(published.dependencies as object).sort());
});

test('npm audit --omit=dev reports no vulnerability in the runtime dependencies', () => {
  let report: { metadata?: { vulnerabilities?: Record<string, number> } };
  try {
    report = JSON.parse(execFileSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch (error) {
    report = JSON.parse(String((error as { stdout?: string }).stdout || '{}'));
  }
  const counts = report.metadata?.vulnerabilities ?? {};
  expect(
    Object.values(counts).reduce((a, b) => a + b, 0),
    JSON.stringify(counts),
  ).toBe(0);
});
