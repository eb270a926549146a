// Schema of an `sw.partition-layout` contract: a reusable, named disk layout of an OS image.
import { z } from 'zod';
import { LIMITS, contractType, name, schemaReference, slug, sources, text } from './common.ts';

export const PARTITION_ROLES = ['boot', 'root-a', 'root-b', 'state', 'data', 'reserved', 'vendor-firmware'] as const;
export const FILESYSTEMS = ['vfat', 'ext4', 'ext3', 'ext2', 'raw'] as const;
/** Filesystems that Windows, macOS and Linux hosts can all write, so a user can edit config.json. */
export const HOST_WRITABLE_FILESYSTEMS: readonly string[] = ['vfat'];

export const partitionLabel = z
  .string()
  .min(1)
  .max(36)
  .regex(/^[A-Za-z0-9_.-]+$/)
  .describe('Partition label (GPT name or filesystem label), e.g. "resin-boot". GPT allows at most 36 characters.');

export const partitionSize = z
  .union([
    z
      .number()
      .positive()
      .max(16 * 1024 * 1024),
    z.literal('fill'),
    z.literal('content'),
  ])
  .describe(
    'Size in MiB (fractions allowed for small vendor partitions, whole KiB), "fill" for the last partition that takes the rest of the medium, or "content" for one the build sizes to what it holds (a flasher image\'s root, which carries the installed image).',
  );

export const configLocation = z
  .strictObject({
    partition: partitionLabel.describe('Label of the partition that holds config.json.'),
    path: z
      .string()
      .max(256)
      .regex(/^\/[A-Za-z0-9_.\/-]*\.json$/)
      .describe('Absolute path of config.json inside that partition, e.g. "/config.json".'),
  })
  .describe("Where the device's config.json lives, so a host can edit it before first boot.");

export const partitionSchema = z
  .strictObject({
    label: partitionLabel,
    role: z
      .enum(PARTITION_ROLES)
      .describe(
        'What the OS uses the partition for: boot files, one of the two root filesystems (A/B updates), persistent state, container data, reserved space, or vendor firmware.',
      ),
    filesystem: z.enum(FILESYSTEMS).describe('Filesystem; "raw" for partitions written without one (firmware blobs, reserved space).'),
    size: partitionSize,
    startKiB: z
      .number()
      .min(0)
      .max(2 * 1024 * 1024 * 1024)
      .multipleOf(0.5)
      .describe(
        'Where the partition starts, in KiB from the start of the disk (halves for 512-byte sectors), when it does not directly follow the previous one: vendor tools put some partitions on fixed boundaries, and a board layer can reserve space before resin-boot.',
      )
      .optional(),
    placement: z
      .enum(['primary', 'logical'])
      .describe('MBR only: a primary entry, or a logical partition inside the extended one.')
      .optional(),
  })
  .describe('One partition, in on-disk order.');

export const partitionLayoutSchema = z
  .strictObject({
    $schema: schemaReference.optional(),
    type: contractType('sw.partition-layout'),
    slug: slug('Layout identifier, e.g. "balenaos-msdos".'),
    name: name('Human-readable name.'),
    description: text('What the layout is for and how it differs from the default.').optional(),
    scheme: z.enum(['msdos', 'gpt']).describe('Partition table: "msdos" (MBR) or "gpt".'),
    alignmentKiB: z
      .int()
      .min(1)
      .max(65536)
      .describe(
        'Alignment in KiB of the OS partitions (boot, roots, state, data); vendor and reserved partitions follow the vendor tools.',
      ),
    startOffsetKiB: z
      .int()
      .min(0)
      .max(16 * 1024 * 1024)
      .describe('Offset of the first partition in KiB; the space before it holds the partition table and any raw bootloader.')
      .optional(),
    partitions: z.array(partitionSchema).min(1).max(LIMITS.partitions).describe('Partitions in on-disk order.'),
    config: configLocation,
    sources: sources('URLs that back the facts in this contract.'),
  })
  .describe('A reusable partition layout (sw.partition-layout).');

export type PartitionLayout = z.infer<typeof partitionLayoutSchema>;
export type Partition = z.infer<typeof partitionSchema>;
