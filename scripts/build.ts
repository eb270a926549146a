// CLI: the main job. Validates the bundled registry, then writes the data package into dist/package atomically.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { validateRegistry } from '../src/registry/validate.ts';
import { formatDiagnostic } from '../src/diagnostics/diagnostic.ts';
import { validationSummary } from '../src/registry/summary.ts';
import { datasetJson } from '../src/build/dataset.ts';
import { writeFolderAtomically } from '../src/build/write-atomically.ts';
import { isMain, run } from './cli.ts';

export function buildCommand(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: { contracts: { type: 'string', default: 'contracts' }, out: { type: 'string', default: 'dist' } },
  });
  const started = performance.now();
  const result = validateRegistry(values.contracts);
  for (const diagnostic of result.diagnostics) console.error(formatDiagnostic(diagnostic));
  console.log(`validate: ${validationSummary(result.counts, result.diagnostics.length, performance.now() - started)}`);
  if (!result.registry) {
    console.error('build refused: fix the errors above; the previous output was left as it was');
    return 1;
  }
  const target = `${values.out}/package`;
  writeFolderAtomically(target, { 'boardhub.json': datasetJson(result.registry) });
  console.log(`package: wrote ${target}/boardhub.json (${result.registry.boards.length} boards)`);
  return 0;
}

if (isMain(import.meta.url)) await run(() => buildCommand(process.argv.slice(2)));
