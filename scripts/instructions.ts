// CLI: print a board's provisioning instructions for one host OS, e.g. `npm run instructions -- raspberrypi4-64 --os macos`.
import { runCli } from '../src/cli/commands.ts';
import { loadRegistry } from '../src/registry/validate.ts';
import { isMain, run } from './cli.ts';

if (isMain(import.meta.url)) {
  await run(() =>
    runCli(['instructions', ...process.argv.slice(2)], () => loadRegistry('contracts'), {
      out: (t) => process.stdout.write(t),
      err: (t) => process.stderr.write(t),
    }),
  );
}
