// Schema of a resolved board: family defaults applied and every reference expanded. All consumers see this shape.
import { z } from 'zod';
import { LIMITS, name, slug, url } from './common.ts';
import { archField, bootField, hardwareField, linksField, socField, stateField, yoctoField } from './board-fields.ts';
import { BOOT_MEDIA, FLASH_PROTOCOLS, INSTALL_METHODS } from './vocabulary.ts';
import { instructionsField } from './steps.ts';

import { configLocation, partitionSchema } from './partition-layout.ts';
import { layerSourceField } from './layer-source.ts';

const reference = (what: string) =>
  z.strictObject({ slug: slug(`${what} slug.`), name: name(`${what} name.`) }).describe(`The ${what.toLowerCase()}, by slug and name.`);

export const resolvedBoardSchema = z
  .strictObject({
    slug: slug('Board identifier.'),
    name: name('Board name.'),
    aliases: z.array(slug('Alias.')).max(LIMITS.aliases).describe('Other slugs that resolve to this board.'),
    state: stateField,
    osImage: z.boolean().describe('false for a dependent device type (no OS image; then "bootloader" and "partitions" are absent).'),
    arch: archField,
    family: reference('Family'),
    manufacturer: reference('Manufacturer'),
    soc: socField.optional(),
    hardware: hardwareField,
    boot: z
      .strictObject({
        defaultMedia: bootField.shape.defaultMedia.unwrap(),
        alternateMedia: z.array(z.enum(BOOT_MEDIA)).describe('Other media the board can boot from, in order of preference.'),
        flashProtocol: z.enum(FLASH_PROTOCOLS).optional().describe('Host-driven flashing protocol, when the board uses one.'),
        image: z
          .enum(['plain', 'flasher'])
          .describe('"flasher" when the OS reaches internal storage through a flasher image booted from removable media, else "plain".'),
      })
      .describe('Boot facts with defaults applied.'),
    installMethod: z
      .strictObject({
        method: z
          .enum(INSTALL_METHODS)
          .describe(
            'How the OS gets onto the board, derived from its boot data: usb-boot (rpiboot), usb-mass-storage, vendor-tool (jetson-flash, edison-flash), virtual-image, external-flash (a flasher image on removable media installs to internal storage) or external-boot (the board boots from the medium written).',
          ),
        tool: z.enum(['jetson-flash', 'edison-flash']).describe('The vendor tool, for vendor-tool.').optional(),
        medium: z
          .enum(BOOT_MEDIA)
          .describe('The medium the host writes: the removable boot or flasher medium, internal storage, or the virtual disk.')
          .optional(),
      })
      .describe('The one install method of this board.'),
    instructions: z
      .strictObject({
        unverified: z.boolean().describe('true when the procedure could not be confirmed from a source.'),
        steps: instructionsField.shape.steps,
      })
      .describe('Overrides of the standard procedure for the install method, family and board merged.'),
    bootloader: z
      .strictObject({
        slug: slug('Slug of the last stage, the one that loads the OS.'),
        name: name('Name of the last stage.'),
        chain: z.array(reference('Bootloader stage')).min(1).describe('Every stage, first stage first.'),
      })
      .describe('The bootloader chain; absent only when osImage is false.')
      .optional(),
    partitions: z
      .strictObject({
        layout: reference('Partition layout'),
        scheme: z.enum(['msdos', 'gpt']).describe('Partition table scheme.'),
        alignmentKiB: z.int().min(1).describe('Alignment in KiB of the OS partitions.'),
        startOffsetKiB: z.int().min(0).describe('Offset of the first partition in KiB.').optional(),
        partitions: z.array(partitionSchema).min(1).describe('Partitions in on-disk order, board size overrides applied.'),
        bootFat32: z.boolean().describe('true when the boot partition is FAT32, false when FAT16; absent when unknown.').optional(),
        config: configLocation,
        flasher: z
          .strictObject({
            layout: reference('Partition layout'),
            scheme: z.enum(['msdos', 'gpt']).describe('Partition table scheme of the flasher image.'),
            partitions: z.array(partitionSchema).min(1).describe('Partitions of the flasher image, in on-disk order.'),
            config: configLocation,
          })
          .describe(
            'The downloadable flasher image, when its table differs from the installed disk: where config.json sits in the file you download.',
          )
          .optional(),
      })
      .describe('The partition layout with board overrides applied; absent only when osImage is false.')
      .optional(),
    yocto: yoctoField.optional(),
    layer: layerSourceField
      .omit({ exceptions: true })
      .extend({
        url: url('The layer revision on GitHub: https://github.com/<repo>/tree/<commit>.'),
      })
      .describe(
        'The balenaOS board layer revision the image facts hold for (repository, commit, date, balenaOS release), with the commit-pinned source of every derived fact. Absent for boards without a layer.',
      )
      .optional(),
    links: linksField,
    sources: z.array(url('Source URL.')).min(1).describe('URLs backing the facts: the board’s, then its family’s.'),
    logo: z.string().describe('Path of the SVG logo relative to the registry root.').optional(),
  })
  .describe('A resolved board: what every consumer of the registry sees.');

export type ResolvedBoard = z.infer<typeof resolvedBoardSchema>;
