// Validates a registry folder: every file against its schema, then the registry-wide checks, then the resolved boards again.
import { contractSchemas, resolvedBoardSchema, CONTRACT_TYPES, type ContractType } from '../schema/index.ts';
import { compareDiagnostics, formatDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { schemaDiagnostics } from '../diagnostics/schema-issues.ts';
import { registryChecks } from '../checks/index.ts';
import type { CheckContext, ContractIndex, Entry } from '../checks/check.ts';
import { readRegistryTree, type RegistryTree } from './read-tree.ts';
import type { z } from 'zod';
import { createHash } from 'node:crypto';
import type { ResolvedBoard } from '../schema/resolved-board.ts';
import { resolveBoard } from './resolve.ts';
import { createRegistry, type Registry } from './registry.ts';

export interface ValidationResult {
  diagnostics: Diagnostic[];
  /** Number of contract files per type that were read. */
  counts: Record<ContractType, number>;
  /** Present only when there are no diagnostics. */
  registry?: Registry;
}

function emptyIndex(): ContractIndex {
  return Object.fromEntries(CONTRACT_TYPES.map((type) => [type, new Map()])) as ContractIndex;
}

function withoutSchemaKey<T extends { $schema?: string | undefined }>(contract: T): Omit<T, '$schema'> {
  const { $schema: _ignored, ...rest } = contract;
  return rest;
}

/**
 * Validates one registry folder, or several validated together as one registry (an overlay: a company's private
 * boards beside the public ones); every slug must then be unique across all of them.
 */
export function validateRegistry(root: string | readonly string[]): ValidationResult {
  return validateTrees((typeof root === 'string' ? [root] : root).map(readRegistryTree));
}

/** Results kept between runs, so re-validating after a change redoes only what the change touched. */
export interface ValidationCache {
  schema: Map<string, { value: unknown; result: { success: boolean; data?: unknown; error?: { issues: z.core.$ZodIssue[] } } }>;
  resolved: Map<string, { board: unknown; family: unknown; shared: string; resolved: ResolvedBoard }>;
}

export function createValidationCache(): ValidationCache {
  return { schema: new Map(), resolved: new Map() };
}

/** Validates trees already read from disk; with a cache, unchanged files are neither re-checked nor re-resolved. */
export function validateTrees(trees: RegistryTree[], cache?: ValidationCache): ValidationResult {
  // One tree (the usual case) is used as it is; overlays are merged.
  const tree =
    trees.length === 1
      ? trees[0]!
      : {
          files: trees.flatMap((t) => t.files),
          diagnostics: trees.flatMap((t) => t.diagnostics),
          folders: Object.fromEntries(CONTRACT_TYPES.map((type) => [type, new Set(trees.flatMap((t) => [...t.folders[type]]))])) as Record<
            ContractType,
            Set<string>
          >,
        };
  const diagnostics = [...tree.diagnostics];
  const counts = Object.fromEntries(CONTRACT_TYPES.map((type) => [type, 0])) as Record<ContractType, number>;
  const index = emptyIndex();
  const boards: Entry<'hw.device-type'>[] = [];

  for (const file of tree.files) {
    counts[file.type]++;
    const schema = contractSchemas[file.type];
    const cached = cache?.schema.get(file.path);
    const hit = cached !== undefined && cached.value === file.source.value;
    const parsed = hit ? cached.result : schema.safeParse(file.source.value);
    if (cache && !hit) cache.schema.set(file.path, { value: file.source.value, result: parsed });
    if (!parsed.success) {
      diagnostics.push(...schemaDiagnostics(schema, file.source, file.file, parsed.error!.issues));
      continue;
    }
    const entry = { file, contract: parsed.data } as unknown as Entry<typeof file.type>;
    const map = index[file.type] as Map<string, Entry<ContractType>>;
    const existing = map.get(entry.contract.slug);
    if (!existing) map.set(entry.contract.slug, entry);
    else if (file.type !== 'hw.device-type') {
      // Boards get the fuller unique-board-slugs check (aliases too); other types can only clash across overlaid folders.
      diagnostics.push({
        file: file.file,
        ...file.source.locate(['slug']),
        pointer: '/slug',
        rule: 'unique-slugs',
        expected: `a slug no other ${file.type} contract uses`,
        found: `${JSON.stringify(entry.contract.slug)}, already used by ${existing.file.file}`,
        hint: 'rename it; an overlay may reference public contracts but not redefine them',
      });
    }
    if (file.type === 'hw.device-type') boards.push(entry as Entry<'hw.device-type'>);
  }

  const context: CheckContext = { index, folders: tree.folders, boards };
  for (const check of registryChecks) diagnostics.push(...check.check(context));
  diagnostics.sort(compareDiagnostics);
  if (diagnostics.length > 0) return { diagnostics, counts };

  // Boards resolve again only when their own file, their family or any shared contract changed.
  const shared = cache
    ? createHash('sha256')
        .update(
          tree.files
            .filter((f) => f.type !== 'hw.device-type' && f.type !== 'hw.device-family')
            .map((f) => f.source.text)
            .join('\u0000'),
        )
        .digest('hex')
    : '';
  const resolved = boards.map(({ file, contract }) => {
    const family = index['hw.device-family'].get(contract.family)?.contract;
    const hit = cache?.resolved.get(file.path);
    if (hit && hit.board === contract && hit.family === family && hit.shared === shared) return hit.resolved;
    const board = resolveBoard(contract, index);
    // The public shape is validated again, so a resolver bug can never ship a malformed board.
    const check = resolvedBoardSchema.safeParse(board);
    if (!check.success) {
      diagnostics.push(
        ...schemaDiagnostics(
          resolvedBoardSchema,
          { ...file.source, value: board, locate: () => ({ line: 1, column: 1 }) },
          file.file,
          check.error.issues,
        ),
      );
    } else cache?.resolved.set(file.path, { board: contract, family, shared, resolved: board });
    return board;
  });
  if (diagnostics.length > 0) return { diagnostics, counts };

  // Folders come sorted and must equal slugs, so one folder's contracts are usually in order already: check before sorting.
  const sorted = <T extends { slug: string }>(items: Iterable<T>) => {
    const list = [...items];
    for (let i = 1; i < list.length; i++)
      if (list[i - 1]!.slug > list[i]!.slug) return list.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
    return list;
  };
  const contracts = <T extends ContractType>(type: T) => sorted([...index[type].values()].map((e) => withoutSchemaKey(e.contract)));
  const registry = createRegistry({
    boards: sorted(resolved),
    families: contracts('hw.device-family'),
    manufacturers: contracts('hw.device-manufacturer'),
    architectures: contracts('arch.sw'),
    bootloaders: contracts('sw.bootloader'),
    layouts: contracts('sw.partition-layout'),
  });
  return { diagnostics, counts, registry };
}

/** Thrown by loadRegistry when the folder does not validate; its message lists every diagnostic. */
export class RegistryValidationError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(
      `The registry has ${diagnostics.length} error${diagnostics.length === 1 ? '' : 's'}:\n${diagnostics.map(formatDiagnostic).join('\n')}`,
    );
    this.name = 'RegistryValidationError';
    this.diagnostics = diagnostics;
  }
}

export function loadRegistry(root: string | readonly string[]): Registry {
  const result = validateRegistry(root);
  if (!result.registry) throw new RegistryValidationError(result.diagnostics);
  return result.registry;
}
