// CLI: validate a registry folder (default: ./contracts) and print every located error plus a one-line summary.
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { validateRegistry } from '../src/registry/validate.ts';
import { formatDiagnostic } from '../src/diagnostics/diagnostic.ts';
import { validationSummary } from '../src/registry/summary.ts';
import { isMain, run } from './cli.ts';

export function validateCommand(argv: string[]): number {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' } } });
  const root = positionals[0] ?? 'contracts';
  const started = performance.now();
  const result = validateRegistry(root);
  const elapsed = performance.now() - started;
  if (values.json) {
    console.log(JSON.stringify({ counts: result.counts, diagnostics: result.diagnostics }, null, 2));
  } else {
    for (const diagnostic of result.diagnostics) console.error(formatDiagnostic(diagnostic));
    console.log(validationSummary(result.counts, result.diagnostics.length, elapsed));
  }
  return result.diagnostics.length === 0 ? 0 : 1;
}

if (isMain(import.meta.url)) await run(() => validateCommand(process.argv.slice(2)));
