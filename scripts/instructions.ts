// CLI: print a board's provisioning instructions for one host OS, e.g. `npm run instructions -- raspberrypi4-64 --os macos`.
import { enableCompileCache } from 'node:module';

enableCompileCache?.('node_modules/.cache/node-compile');
const { isMain, run } = await import('./cli.ts');
const { runCli } = await import('../src/cli/commands.ts');
const { loadRegistry } = await import('../src/registry/validate.ts');

if (isMain(import.meta.url)) {
  await run(() =>
    runCli(['instructions', ...process.argv.slice(2)], () => loadRegistry('contracts'), {
      out: (t) => process.stdout.write(t),
      err: (t) => process.stderr.write(t),
    }),
  );
}
