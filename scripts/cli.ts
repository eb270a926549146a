// Helpers shared by the command-line entry points: main-module guard and fatal-error reporting without stack traces.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { exitQuietlyOnClosedPipe } from '../src/cli/closed-pipe.ts';

/** True when the module at `url` is the script node was started with (so tests can import scripts safely). */
export function isMain(url: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(fileURLToPath(url)) === realpathSync(entry);
  } catch {
    return false;
  }
}

/** Runs a CLI body; any unexpected error prints one line and exits 2, never a stack trace. */
export async function run(main: () => Promise<number> | number): Promise<void> {
  exitQuietlyOnClosedPipe();
  try {
    process.exitCode = await main();
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.BOARDHUB_DEBUG) console.error(error);
    process.exitCode = 2;
  }
}
