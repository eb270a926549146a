// CLI: import balena's public contracts (facts only) into contracts/, then report what could not be mapped.
import { parseArgs } from 'node:util';
import { importBalenaContracts, summariseUnmapped } from '../src/import/run-import.ts';
import { isMain, run } from './cli.ts';

export function importCommand(argv: string[]): number {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { into: { type: 'string', default: 'contracts' }, verbose: { type: 'boolean' } },
  });
  const upstream = positionals[0];
  if (!upstream) {
    console.error('usage: npm run import:balena -- <path to balena contracts/ folder> [--into contracts] [--verbose]');
    return 2;
  }
  const report = importBalenaContracts(upstream, values.into);
  console.log(
    `Imported ${Object.entries(report.written)
      .map(([type, n]) => `${n} ${type}`)
      .join(', ')} into ${values.into}/`,
  );
  for (const failure of report.failed) console.error(`could not read ${failure}`);
  console.log('Not mapped (count × upstream path: reason):');
  for (const line of summariseUnmapped(report)) console.log(line);
  if (values.verbose)
    for (const [contract, reasons] of Object.entries(report.unmapped)) console.log(`${contract}\n  ${reasons.join('\n  ')}`);
  console.log('Next: npm run validate');
  return report.failed.length === 0 ? 0 : 1;
}

if (isMain(import.meta.url)) await run(() => importCommand(process.argv.slice(2)));
