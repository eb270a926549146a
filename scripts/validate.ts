// CLI: validate a registry folder (default: ./contracts) and print every located error plus a one-line summary.
import { validateCommand } from '../src/cli/commands.ts';
import { isMain, run } from './cli.ts';

if (isMain(import.meta.url))
  await run(() => validateCommand(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }));
