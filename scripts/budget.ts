// CLI: size budgets of the built site (gzipped): board page HTML+CSS, board page JavaScript (search excluded), home page.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { siteBudgets } from '../src/build/budgets.ts';
import { isMain, run } from './cli.ts';

export function budgetCommand(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { site: { type: 'string', default: 'dist/site' } } });
  if (!existsSync(values.site)) {
    console.error(`no site at ${values.site}: run npm run build first`);
    return 2;
  }
  const results = siteBudgets(values.site);
  for (const r of results)
    console.log(`${r.ok ? '✔' : '✖'} ${r.name}: ${(r.bytes / 1024).toFixed(1)} KiB gzipped (budget ${r.budgetKiB} KiB)`);
  return results.every((r) => r.ok) ? 0 : 1;
}

if (isMain(import.meta.url)) await run(() => budgetCommand(process.argv.slice(2)));
