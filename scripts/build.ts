// CLI: the main job. Validates the bundled registry, writes the npm data package into dist/package, then the site into dist/site.
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { validateRegistry } from '../src/registry/validate.ts';
import { formatDiagnostic } from '../src/diagnostics/diagnostic.ts';
import { validationSummary } from '../src/registry/summary.ts';
import { compileLibrary } from '../src/build/compile-library.ts';
import { packageFiles } from '../src/build/package-files.ts';
import { writeFolderAtomically } from '../src/build/write-atomically.ts';
import { buildSite } from '../src/build/site.ts';
import { isMain, run } from './cli.ts';

export const BASELINE = 'release/baseline.json';

async function step<T>(describe: (result: T) => string, body: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await body();
  console.log(`${describe(result)} (${Math.round(performance.now() - started)} ms)`);
  return result;
}

export async function buildCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      contracts: { type: 'string', default: 'contracts' },
      out: { type: 'string', default: 'dist' },
      'no-site': { type: 'boolean' },
    },
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
  // The library compiles (tsc, a child process) while the site renders; the package needs both data and library.
  const library = step(
    (l) => `library: ${l.cached ? 'unchanged since the last build' : 'compiled src/ with tsc'}`,
    () => compileLibrary(),
  );
  const site = values['no-site']
    ? Promise.resolve()
    : step(
        (r) => `site: built ${values.out}/site and indexed ${r.indexed} pages with Pagefind`,
        () => buildSite(`${values.out}/site`, values.contracts),
      );
  const [lib] = await Promise.all([library, site]);
  const files = await step(
    (f) => `package: assembled ${Object.keys(f).length} files`,
    () =>
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
  await step(
    () => `package: wrote ${target}/ (${registry.boards.length} boards)`,
    () => writeFolderAtomically(target, files),
  );
  console.log(`done in ${Math.round(performance.now() - started)} ms${values['no-site'] ? '' : '; preview the site with npm run preview'}`);
  return 0;
}

if (isMain(import.meta.url)) await run(() => buildCommand(process.argv.slice(2)));
