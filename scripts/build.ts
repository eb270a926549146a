// CLI: the main job. Validates the bundled registry, then writes the npm data package into dist/package atomically.
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { validateRegistry } from '../src/registry/validate.ts';
import { formatDiagnostic } from '../src/diagnostics/diagnostic.ts';
import { validationSummary } from '../src/registry/summary.ts';
import { compileLibrary } from '../src/build/compile-library.ts';
import { packageFiles } from '../src/build/package-files.ts';
import { writeFolderAtomically } from '../src/build/write-atomically.ts';
import { isMain, run } from './cli.ts';

export const BASELINE = 'release/baseline.json';

function step<T>(name: string, body: () => T): T {
  const started = performance.now();
  const result = body();
  console.log(`${name} (${Math.round(performance.now() - started)} ms)`);
  return result;
}

export function buildCommand(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: { contracts: { type: 'string', default: 'contracts' }, out: { type: 'string', default: 'dist' } },
  });
  const started = performance.now();
  const result = validateRegistry(values.contracts);
  for (const diagnostic of result.diagnostics) console.error(formatDiagnostic(diagnostic));
  console.log(`validate: ${validationSummary(result.counts, result.diagnostics.length, performance.now() - started)}`);
  const registry = result.registry;
  if (!registry) {
    console.error('build refused: fix the errors above; the previous output was left as it was');
    return 1;
  }
  const lib = step('library: compiled src/ with tsc', () => compileLibrary());
  const files = step('package: assembled files', () =>
    packageFiles({
      registry,
      manifest: JSON.parse(readFileSync('package.json', 'utf8')),
      contractsDir: values.contracts,
      libDir: lib.dir,
      baseline: existsSync(BASELINE) ? JSON.parse(readFileSync(BASELINE, 'utf8')) : undefined,
      docs: Object.fromEntries(['LICENSE', 'NOTICE', 'VERSIONING.md'].map((name) => [name, readFileSync(name, 'utf8')])),
    }),
  );
  const target = `${values.out}/package`;
  step(`package: wrote ${Object.keys(files).length} files to ${target}/ (${registry.boards.length} boards)`, () =>
    writeFolderAtomically(target, files),
  );
  return 0;
}

if (isMain(import.meta.url)) await run(() => buildCommand(process.argv.slice(2)));
