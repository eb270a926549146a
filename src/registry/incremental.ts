// Re-validation after edits: keeps the parsed tree and results in memory and re-reads only the files that changed.
import { existsSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { readRegistryTree, CONTRACT_FILE, type RegistryTree } from './read-tree.ts';
import { readJsonFile } from './json-file.ts';
import { createValidationCache, validateTrees, type ValidationResult } from './validate.ts';

export interface IncrementalValidator {
  /** Validates, re-reading only `changed` paths (absolute or relative to the working folder); a full rescan when a folder appears or goes. */
  validate(changed?: readonly string[]): ValidationResult;
}

export function createIncrementalValidator(root: string): IncrementalValidator {
  const cache = createValidationCache();
  let tree: RegistryTree;
  /** Absolute path -> position in tree.files, built with each read so the first edit does not pay for it. */
  let positions: Map<string, number>;
  const reread = () => {
    tree = readRegistryTree(root);
    positions = new Map(tree.files.map((f, i) => [resolve(f.path), i]));
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
            const read = readJsonFile(path, tree.files[index]!.file);
            if (read.ok) tree.files[index] = { ...tree.files[index]!, source: read.source };
            else reread();
          } else {
            // A new, removed or non-contract file changes the tree's shape: read it again (cached results still apply).
            reread();
            break;
          }
        }
      }
      return validateTrees([tree], cache);
    },
  };
}

/** Whether a path reported by a file watcher belongs to a contract folder (not an editor's temporary file). */
export function isRegistryPath(root: string, path: string): boolean {
  const parts = relative(root, path).split(sep);
  return parts.length <= 3 && !parts.some((p) => p.startsWith('.') || p.endsWith('~')) && !dirname(path).includes('node_modules');
}
