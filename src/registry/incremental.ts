// Re-validation after edits: keeps the parsed tree and results in memory and re-reads only the files that changed.
import { existsSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { readRegistryTree, CONTRACT_FILE, type RegistryTree } from './read-tree.ts';
import { readJsonFile } from './json-file.ts';
import { createValidationCache, validateTrees, type ValidationResult } from './validate.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';

export interface IncrementalValidator {
  /** Validates, re-reading only `changed` paths (absolute or relative to the working folder); a full rescan when a folder appears or goes. */
  validate(changed?: readonly string[]): ValidationResult;
}

export function createIncrementalValidator(root: string): IncrementalValidator {
  const cache = createValidationCache();
  let tree: RegistryTree;
  /** Absolute path -> position in tree.files, built with each read so the first edit does not pay for it. */
  let positions: Map<string, number>;
  /** Positions of listed files that an edit broke (unreadable or not JSON), with why; they count as absent until fixed. */
  const broken = new Map<number, Diagnostic[]>();
  /** Every folder and file the tree knows of, so a temporary file that came and went changes nothing. */
  let known: Set<string>;
  const reread = () => {
    tree = readRegistryTree(root);
    positions = new Map(tree.files.map((f, i) => [resolve(f.path), i]));
    known = new Set(
      tree.files.flatMap((f) => [resolve(f.path), resolve(dirname(f.path)), ...f.extraFiles.map((name) => resolve(dirname(f.path), name))]),
    );
    for (const [type, folders] of Object.entries(tree.folders)) {
      known.add(resolve(root, type));
      for (const folder of folders) known.add(resolve(root, type, folder));
    }
    broken.clear();
  };
  reread();
  const positionOf = (path: string) => positions.get(resolve(path)) ?? -1;
  return {
    validate(changed) {
      if (changed?.length) {
        for (const path of changed) {
          const index = positionOf(path);
          const isContract = basename(path) === CONTRACT_FILE;
          if (index >= 0 && isContract && existsSync(path)) {
            // A file broken mid-edit is set aside rather than the whole tree read again: saving it fixed is as quick.
            const read = readJsonFile(path, tree.files[index]!.file);
            if (read.ok) {
              tree.files[index] = { ...tree.files[index]!, source: read.source };
              broken.delete(index);
            } else broken.set(index, read.diagnostics);
          } else if (!existsSync(path) && !known.has(resolve(path)) && !tree.diagnostics.some((d) => d.rule === 'registry-layout')) {
            // An editor's temporary file (vim writes and deletes "4913" to test a folder): nothing to read. (Stray files
            // are not in `known`, so while any is reported, every removal reads the tree again.)
            continue;
          } else {
            // A new, removed or non-contract file changes the tree's shape: read it again (cached results still apply).
            reread();
            break;
          }
        }
      }
      // What a full read would give: broken files are not listed and their problems are reported.
      const current =
        broken.size === 0
          ? tree
          : {
              ...tree,
              files: tree.files.filter((_, i) => !broken.has(i)),
              diagnostics: [...tree.diagnostics, ...[...broken.values()].flat()],
            };
      return validateTrees([current], cache);
    },
  };
}

/** Whether a path reported by a file watcher belongs to a contract folder (not an editor's temporary file). */
export function isRegistryPath(root: string, path: string): boolean {
  const parts = relative(root, path).split(sep);
  return parts.length <= 3 && !parts.some((p) => p.startsWith('.') || p.endsWith('~')) && !dirname(path).includes('node_modules');
}
