// A command whose reader stops early (`boardhub list | head -1`) ends quietly with its own exit code: no EPIPE, no stack trace.
import { spawn } from 'node:child_process';
import { expect, test } from 'vitest';

/** Starts a child that prints many lines, reads its first chunk, then closes the pipe like `head` does. */
function readFirstChunkThenClose(source: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', source], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdout.once('data', () => child.stdout.destroy());
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

const printForever = (handler: boolean) => `
  ${
    handler
      ? `const { exitQuietlyOnClosedPipe } = await import(${JSON.stringify(new URL('../../src/cli/closed-pipe.ts', import.meta.url).href)});
  exitQuietlyOnClosedPipe();`
      : ''
  }
  const line = 'raspberrypi4-64  Raspberry Pi 4 (64-bit)  aarch64\\n'.repeat(200);
  const tick = () => { process.stdout.write(line); setImmediate(tick); };
  tick();
`;

test('with the handler, a closed pipe exits 0 without a word on stderr', async () => {
  const { code, stderr } = await readFirstChunkThenClose(printForever(true));
  expect(stderr).toBe('');
  expect(code).toBe(0);
});

test('without it, the same child dies with EPIPE (so the test above can fail)', async () => {
  const { code, stderr } = await readFirstChunkThenClose(printForever(false));
  expect(code).not.toBe(0);
  expect(stderr).toContain('EPIPE');
});
