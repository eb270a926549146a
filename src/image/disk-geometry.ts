// Where each partition of a Boardhub partition table lands on the disk, as balenaOS's image class (image_types_balena.bbclass) lays an image out.
import type { Partition } from '../schema/partition-layout.ts';

export const SECTOR_BYTES = 512;
const KIB = 1024;
const MIB = 1024 * KIB;
/** BALENA_IMAGE_ALIGNMENT's default in the image class; the resolved flasher table carries no alignment of its own. */
export const DEFAULT_ALIGNMENT_KIB = 4096;
/** MBR entries hold 32-bit sector numbers. */
const MBR_MAX_SECTORS = 2 ** 32;
const MBR_PRIMARY_SLOTS = 4;
/** The class makes boot, root A and root B primary; what follows goes into the extended partition. */
const MBR_CLASS_PRIMARIES = 3;
/** Linux, parted and sfdisk number logical partitions from 5, whatever the number of primaries. */
export const FIRST_LOGICAL_NUMBER = 5;
/** Label given to the extended partition, which has no label of its own (the parentheses keep it apart from real labels). */
export const EXTENDED_LABEL = '(extended)';
/** Partitions written by vendor tools at their own sizes; the image class only aligns the OS's partitions. */
const VENDOR_ROLES: ReadonlySet<string> = new Set(['vendor-firmware', 'reserved']);

export interface PartitionTable {
  scheme: 'msdos' | 'gpt';
  alignmentKiB?: number | undefined;
  startOffsetKiB?: number | undefined;
  partitions: readonly Pick<Partition, 'label' | 'role' | 'size' | 'placement' | 'startKiB'>[];
}

export interface GeometryOptions {
  /** Size given to a "fill" partition (the data partition grows to the medium on first boot, so any size is a choice). */
  fillMiB: number;
  /** Size given to a "content" partition (a flasher's root, sized by what it carries). */
  contentMiB: number;
}

export interface PlacedPartition {
  label: string;
  /** The partition number Linux, sfdisk and partitioninfo give it (/dev/sdaN). */
  number: number;
  startBytes: number;
  sizeBytes: number;
  type: 'primary' | 'extended' | 'logical';
}

export interface DiskGeometry {
  /** Partitions in on-disk order, the MBR extended partition just before its first logical one. */
  partitions: PlacedPartition[];
  /** End of the last partition; a GPT disk needs room for its backup table after it. */
  diskBytes: number;
}

const roundUp = (bytes: number, unit: number) => Math.ceil(bytes / unit) * unit;

function sizeBytes(partition: PartitionTable['partitions'][number], options: GeometryOptions): number {
  const mib = partition.size === 'fill' ? options.fillMiB : partition.size === 'content' ? options.contentMiB : partition.size;
  if (!(mib > 0)) throw new Error(`partition "${partition.label}": size must be positive, found ${mib} MiB`);
  const bytes = mib * MIB;
  // Sizes are binary fractions of a MiB, so the product is exact; anything else is not a whole sector.
  if (!Number.isInteger(bytes / SECTOR_BYTES))
    throw new Error(`partition "${partition.label}": ${mib} MiB is not a whole number of ${SECTOR_BYTES}-byte sectors`);
  return bytes;
}

/**
 * Lays a table out the way the balenaOS image class does:
 * - a partition with startKiB starts there (vendor partitions on fixed boundaries, room a layer reserves before boot);
 * - the first partition starts at startOffsetKiB (the class's DEVICE_SPECIFIC_SPACE, which defaults to one alignment unit);
 * - vendor and reserved partitions are packed back to back at their exact sizes, as the board layers write them;
 * - every OS partition is rounded up to the alignment, and the first one after vendor partitions starts on the next
 *   alignment boundary (the Xavier and Orin layouts end their vendor area with padding exactly at the layer's
 *   DEVICE_SPECIFIC_SPACE, where the class puts resin-boot);
 * - GPT entries follow each other and are numbered 1..N in order;
 * - on MBR the extended partition starts where the last primary ends and runs to the end of the disk, each logical
 *   partition is preceded by one alignment unit (room for its EBR), and logicals are numbered from 5.
 */
export function diskGeometry(table: PartitionTable, options: GeometryOptions): DiskGeometry {
  const alignment = (table.alignmentKiB ?? DEFAULT_ALIGNMENT_KIB) * KIB;
  let cursor = (table.startOffsetKiB ?? table.alignmentKiB ?? DEFAULT_ALIGNMENT_KIB) * KIB;
  const placed: PlacedPartition[] = [];
  let extended: PlacedPartition | undefined;
  let primaries = 0;
  let logicals = 0;
  let previousWasVendor = false;

  for (const partition of table.partitions) {
    const vendor = VENDOR_ROLES.has(partition.role);
    let size = sizeBytes(partition, options);
    if (!vendor) {
      size = roundUp(size, alignment);
      if (previousWasVendor) cursor = roundUp(cursor, alignment);
    }
    previousWasVendor = vendor;
    if (partition.startKiB !== undefined) {
      const start = partition.startKiB * KIB;
      if (start < cursor)
        throw new Error(`partition "${partition.label}": it starts at ${partition.startKiB} KiB, inside the partition before it`);
      cursor = start;
    }

    if (table.scheme === 'gpt') {
      placed.push({ label: partition.label, number: placed.length + 1, startBytes: cursor, sizeBytes: size, type: 'primary' });
      cursor += size;
      continue;
    }

    const logical = partition.placement === 'logical' || (partition.placement === undefined && primaries >= MBR_CLASS_PRIMARIES);
    if (!logical) {
      if (extended)
        throw new Error(`partition "${partition.label}": a primary MBR partition cannot follow the logical ones; mark it "logical"`);
      primaries += 1;
      if (primaries >= MBR_PRIMARY_SLOTS && table.partitions.some((p) => p.placement === 'logical'))
        throw new Error(`partition "${partition.label}": no primary MBR slot is left for the extended partition`);
      if (primaries > MBR_PRIMARY_SLOTS)
        throw new Error(`partition "${partition.label}": an MBR has only ${MBR_PRIMARY_SLOTS} primary slots`);
      placed.push({ label: partition.label, number: primaries, startBytes: cursor, sizeBytes: size, type: 'primary' });
      cursor += size;
      continue;
    }
    if (!extended) {
      // Sized once the disk's end is known.
      extended = { label: EXTENDED_LABEL, number: primaries + 1, startBytes: cursor, sizeBytes: 0, type: 'extended' };
      placed.push(extended);
    }
    cursor += alignment;
    placed.push({ label: partition.label, number: FIRST_LOGICAL_NUMBER + logicals, startBytes: cursor, sizeBytes: size, type: 'logical' });
    logicals += 1;
    cursor += size;
  }

  const diskBytes = cursor;
  if (extended) extended.sizeBytes = diskBytes - extended.startBytes;
  if (table.scheme === 'msdos' && diskBytes / SECTOR_BYTES > MBR_MAX_SECTORS)
    throw new Error(`the disk is ${diskBytes / MIB} MiB, more than an MBR can address (2 TiB); use GPT or smaller sizes`);
  return { partitions: placed, diskBytes };
}
