// Writes an output folder all at once: files go to a temporary sibling that replaces the old folder only when complete.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** `files` maps paths relative to `target` to their content; on any error the previous `target` is left untouched. */
export function writeFolderAtomically(target: string, files: Record<string, string>): void {
  const staging = `${target}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    // One mkdir per folder, not per file: a package of 10,000 boards has over 20,000 files in few folders.
    const made = new Set<string>();
    for (const [path, content] of Object.entries(files)) {
      const file = join(staging, path);
      const folder = dirname(file);
      if (!made.has(folder)) {
        mkdirSync(folder, { recursive: true });
        made.add(folder);
      }
      writeFileSync(file, content);
    }
    swapIntoPlace(staging, target);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Replaces `target` with the complete folder `staging` by renames, so readers see the old or the new, never half. */
export function swapIntoPlace(staging: string, target: string): void {
  const previous = `${target}.old-${process.pid}`;
  mkdirSync(dirname(target), { recursive: true });
  let hadPrevious = true;
  try {
    renameSync(target, previous);
  } catch {
    hadPrevious = false;
  }
  renameSync(staging, target);
  if (hadPrevious) rmSync(previous, { recursive: true, force: true });
}
