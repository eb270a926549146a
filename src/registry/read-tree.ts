// Walks a registry folder (<type>/<slug>/contract.json), reads every contract and reports stray or missing files.
import { readdirSync, type Dirent } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { CONTRACT_TYPES, type ContractType } from '../schema/common.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { didYouMean } from '../diagnostics/did-you-mean.ts';
import type { JsonSource } from './json-source.ts';
import { readJsonFile } from './json-file.ts';

export const CONTRACT_FILE = 'contract.json';
/** Besides contract.json, a board folder may hold its logo and a notes file; nothing else. */
const BOARD_EXTRA_FILE = /^(?:notes\.md|[a-z0-9][a-z0-9_.-]*\.svg)$/;

export interface ContractFile {
  type: ContractType;
  /** Folder name, which must equal the contract's slug. */
  folder: string;
  /** Absolute path of contract.json. */
  path: string;
  /** Path shown in diagnostics, relative to the folder that holds the registry. */
  file: string;
  source: JsonSource;
  /** Other files in the contract's folder (logo, notes). */
  extraFiles: string[];
}

export interface RegistryTree {
  root: string;
  files: ContractFile[];
  /** Slug folders found per type, readable or not: a broken contract still "exists" for references. */
  folders: Record<ContractType, Set<string>>;
  diagnostics: Diagnostic[];
}

/** Folder entries sorted by name; Dirents describe links as links, so nothing is ever followed. */
function entries(path: string): Dirent[] {
  return readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function kindOf(entry: Dirent): string {
  return entry.isSymbolicLink() ? 'symbolic link' : entry.isDirectory() ? 'folder' : 'file';
}

export function readRegistryTree(root: string): RegistryTree {
  const shown = (path: string) => relative(dirname(root), path).split('\\').join('/') || basename(path);
  const diagnostics: Diagnostic[] = [];
  const stray = (path: string, expected: string, found: string, hint?: string) =>
    diagnostics.push({
      file: shown(path),
      line: 1,
      column: 1,
      pointer: '',
      rule: 'registry-layout',
      expected,
      found,
      ...(hint ? { hint } : {}),
    });
  const files: ContractFile[] = [];
  const folders = Object.fromEntries(CONTRACT_TYPES.map((type) => [type, new Set<string>()])) as Record<ContractType, Set<string>>;

  let top: Dirent[];
  try {
    top = entries(root);
  } catch {
    stray(
      root,
      'a registry folder',
      'nothing readable at this path',
      'pass the folder that holds hw.device-type/ and the other contract folders',
    );
    return { root, files, folders, diagnostics };
  }
  for (const typeEntry of top) {
    const typeName = typeEntry.name;
    const typePath = join(root, typeName);
    if (!(CONTRACT_TYPES as readonly string[]).includes(typeName) || !typeEntry.isDirectory()) {
      stray(
        typePath,
        `only contract-type folders (${CONTRACT_TYPES.join(', ')})`,
        `${kindOf(typeEntry)} "${typeName}"`,
        didYouMean(typeName, CONTRACT_TYPES) ?? 'move or remove it',
      );
      continue;
    }
    const type = typeName as ContractType;
    // Composed rather than computed with path.relative per file: at 10,000 boards that adds up.
    const shownTypePath = shown(typePath);
    for (const folderEntry of entries(typePath)) {
      const folder = folderEntry.name;
      const folderPath = join(typePath, folder);
      if (!folderEntry.isDirectory()) {
        stray(
          folderPath,
          `one folder per ${type} contract`,
          `${kindOf(folderEntry)} "${folder}"`,
          `move it to ${typeName}/<slug>/${CONTRACT_FILE}`,
        );
        continue;
      }
      folders[type].add(folder);
      const extraFiles: string[] = [];
      let contractEntry: Dirent | undefined;
      for (const entry of entries(folderPath)) {
        const name = entry.name;
        if (name === CONTRACT_FILE) contractEntry = entry;
        else if (type === 'hw.device-type' && entry.isFile() && BOARD_EXTRA_FILE.test(name)) extraFiles.push(name);
        else
          stray(
            join(folderPath, name),
            type === 'hw.device-type' ? `only ${CONTRACT_FILE}, notes.md and .svg logos` : `only ${CONTRACT_FILE}`,
            `${kindOf(entry)} "${name}"`,
            'move or remove it',
          );
      }
      const contractPath = join(folderPath, CONTRACT_FILE);
      if (!contractEntry) {
        stray(folderPath, `a ${CONTRACT_FILE} in every contract folder`, 'none', `add ${shown(contractPath)} or remove the folder`);
        continue;
      }
      if (!contractEntry.isFile()) {
        stray(contractPath, 'a regular file', `a ${kindOf(contractEntry)}`, 'replace it with a plain file');
        continue;
      }
      const file = `${shownTypePath}/${folder}/${CONTRACT_FILE}`;
      const read = readJsonFile(contractPath, file);
      if (!read.ok) {
        diagnostics.push(...read.diagnostics);
        continue;
      }
      files.push({ type, folder, path: contractPath, file, source: read.source, extraFiles });
    }
  }
  return { root, files, folders, diagnostics };
}
