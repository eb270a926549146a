// Builds balena's device-type manifest (device-type.json) for a resolved board from Boardhub's facts, for provisioning tools that read it.
import type { ResolvedBoard } from '../schema/resolved-board.ts';
import { downloadConfig } from '../registry/partition-numbers.ts';

/** The partition as balena's manifests write it: `{ primary: n }`, or for an MBR logical partition the extended one and its place in it. */
export type ManifestPartition = { primary: number } | { primary: number; logical: number };

export interface DeviceTypeManifest {
  slug: string;
  version: 1;
  aliases: string[];
  name: string;
  arch: string;
  state: 'released' | 'new' | 'discontinued';
  isDependent?: true;
  yocto?: NonNullable<ResolvedBoard['yocto']>;
  configuration?: { config: { partition: ManifestPartition; path: string } };
  initialization?: { options: { type: 'drive'; name: 'drive'; message: string }[]; operations: { command: 'burn' }[] };
}

/** Boardhub's states in balena's words: a beta board is what balena calls "new". */
const MANIFEST_STATES = { released: 'released', beta: 'new', discontinued: 'discontinued' } as const;
/** balena's MBR images keep their logical partitions in the extended partition, which is the fourth entry. */
const EXTENDED_ENTRY = 4;

/** Where config.json sits in the image a person downloads: the flasher's table when the download is a flasher. */
export function configPartition(board: ResolvedBoard): { partition: ManifestPartition; path: string } | undefined {
  const config = board.partitions ? downloadConfig(board.partitions) : undefined;
  if (!config) return undefined;
  return {
    partition: config.logical ? { primary: EXTENDED_ENTRY, logical: config.number - EXTENDED_ENTRY } : { primary: config.number },
    path: config.path,
  };
}

/** The manifest's partition as one number, the way partition tables count: `{ primary: 4, logical: 1 }` is 5. */
export function manifestPartitionNumber(partition: number | { primary?: number; logical?: number }): number | undefined {
  if (typeof partition === 'number') return partition;
  return partition.logical !== undefined ? EXTENDED_ENTRY + partition.logical : partition.primary;
}

/** The device-type.json of a board: every key derived from its resolved facts, none kept by hand. */
export function deviceTypeManifest(board: ResolvedBoard): DeviceTypeManifest {
  const config = board.osImage ? configPartition(board) : undefined;
  return {
    slug: board.slug,
    version: 1,
    aliases: [board.slug, ...board.aliases],
    name: board.name,
    arch: board.arch,
    state: MANIFEST_STATES[board.state],
    ...(board.osImage ? {} : { isDependent: true as const }),
    ...(board.yocto ? { yocto: { ...board.yocto } } : {}),
    ...(config ? { configuration: { config } } : {}),
    // Provisioning tools write the image to a drive the user picks; the vendor-tool boards are flashed by their own tool.
    ...(board.osImage && board.installMethod.method !== 'vendor-tool'
      ? {
          initialization: {
            options: [{ type: 'drive' as const, name: 'drive' as const, message: 'Drive to write the image to' }],
            operations: [{ command: 'burn' as const }],
          },
        }
      : {}),
  };
}
