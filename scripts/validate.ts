// CLI: validate a registry folder (default: ./contracts) and print every located error plus a one-line summary.
import { enableCompileCache } from 'node:module';

// Contributors run this often: Node's compile cache keeps the second run well under half a second.
enableCompileCache?.('node_modules/.cache/node-compile');
const { isMain, run } = await import('./cli.ts');
const { validateCommand } = await import('../src/cli/commands.ts');

if (isMain(import.meta.url))
  await run(() => validateCommand(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }));
