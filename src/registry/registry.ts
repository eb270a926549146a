// The loaded registry: resolved boards with constant-time lookup by slug or alias, and the other contract types.
import { normalizeSlug } from '../schema/vocabulary.ts';
import type { Architecture, Bootloader, DeviceFamily, DeviceManufacturer, PartitionLayout, ResolvedBoard } from '../schema/index.ts';

type Stored<T> = Omit<T, '$schema'>;

export interface Registry {
  boards: readonly ResolvedBoard[];
  families: readonly Stored<DeviceFamily>[];
  manufacturers: readonly Stored<DeviceManufacturer>[];
  architectures: readonly Stored<Architecture>[];
  bootloaders: readonly Stored<Bootloader>[];
  layouts: readonly Stored<PartitionLayout>[];
  /** The board with this slug or alias, if any; the name is normalised first ("ZE250" finds alias "ze250"). */
  board(slugOrAlias: string): ResolvedBoard | undefined;
}

/** The registry as plain data, as written to boardhub.json. */
export type RegistryData = Omit<Registry, 'board'>;

/** The plain-data part of a registry (its lookup left out), in the order boardhub.json lists it. */
export function registryData(registry: RegistryData): RegistryData {
  const { boards, families, manufacturers, architectures, bootloaders, layouts } = registry;
  return { boards, families, manufacturers, architectures, bootloaders, layouts };
}

export function createRegistry(parts: RegistryData): Registry {
  const bySlug = new Map<string, ResolvedBoard>();
  for (const board of parts.boards) bySlug.set(board.slug, board);
  for (const board of parts.boards) for (const alias of board.aliases) if (!bySlug.has(alias)) bySlug.set(alias, board);
  return { ...parts, board: (slugOrAlias) => bySlug.get(slugOrAlias) ?? bySlug.get(normalizeSlug(slugOrAlias)) };
}
