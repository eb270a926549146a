// `npm run validate -- --watch` sees every save, including editors that save by renaming a fresh copy over the file.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { BOARD, fixtureRegistry, removeFixture } from '../helpers/fixture-registry.ts';

let child: ChildProcess | undefined;
let root: string | undefined;

afterEach(() => {
  child?.kill();
  if (root) removeFixture(root);
});

/** Output so far, and a wait for the next output line that matches. */
function follow(process: ChildProcess) {
  let out = '';
  let err = '';
  process.stdout!.on('data', (chunk) => (out += chunk));
  process.stderr!.on('data', (chunk) => (err += chunk));
  return {
    output: () => ({ out, err }),
    async next(pattern: RegExp, after: number): Promise<string> {
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const line = out
          .slice(after)
          .split('\n')
          .find((l) => pattern.test(l));
        if (line) return line;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`no line matching ${pattern} after ${after}; stdout:\n${out}\nstderr:\n${err}`);
    },
  };
}

test('every save is validated: rename-over saves (twice in a row), a broken file, its fix and an in-place write', async () => {
  root = fixtureRegistry();
  const board = join(root, BOARD);
  const original = JSON.parse(readFileSync(board, 'utf8'));
  child = spawn(process.execPath, ['scripts/validate.ts', root, '--watch'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const watcher = follow(child);
  await watcher.next(/^watching /, 0);

  // Save by writing a copy beside the file and renaming it over the original, as vim and JetBrains IDEs do.
  const saveByRename = (text: string) => {
    const copy = join(dirname(board), '.contract.json.tmp');
    writeFileSync(copy, text);
    renameSync(copy, board);
  };
  let mark = watcher.output().out.length;
  saveByRename(JSON.stringify({ ...original, name: 'Acme One Mk2' }, null, 2));
  expect(await watcher.next(/^✔ .* 0 errors after \d+ changes?$/, mark)).toBeTruthy();

  mark = watcher.output().out.length;
  saveByRename('{ "type": "hw.device-type", ');
  expect(await watcher.next(/^✖ .* 1 error after \d+ changes?$/, mark)).toBeTruthy();
  expect(watcher.output().err).toMatch(/contracts\/hw\.device-type\/acme-one\/contract\.json:1:\d+ /);

  mark = watcher.output().out.length;
  saveByRename(JSON.stringify(original, null, 2));
  expect(await watcher.next(/^✔ .* 0 errors after \d+ changes?$/, mark)).toBeTruthy();

  mark = watcher.output().out.length;
  writeFileSync(board, JSON.stringify({ ...original, family: 'no-such-family' }, null, 2));
  expect(await watcher.next(/^✖ .* errors? after \d+ changes?$/, mark)).toBeTruthy();
  expect(watcher.output().err).toContain('no-such-family');
});
