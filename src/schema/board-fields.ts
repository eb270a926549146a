// The board fields a family may supply as defaults and a board may override (shared by both schemas).
import { z } from 'zod';
import { BOARD_STATES, BOOT_MEDIA, FLASH_PROTOCOLS, LIMITS, slug, text, url } from './common.ts';
import { configLocation, partitionLabel } from './partition-layout.ts';
import { instructionsField } from './steps.ts';

export const stateField = z
  .enum(BOARD_STATES)
  .describe('Support state: "released" (supported), "beta" (new or preview support), "discontinued" (no new OS releases).');

export const archField = slug('Architecture slug of the OS image (an arch.sw contract), e.g. "aarch64".');

export const socField = text('System on chip, vendor and model, e.g. "Broadcom BCM2711".').max(LIMITS.name);

const fact = (what: string) => z.boolean().describe(`${what}: true or false; leave the key out when unknown.`);

export const hardwareField = z
  .strictObject({
    hdmi: fact('Has an HDMI output'),
    led: fact('Has a user-visible status LED the OS can drive'),
    wifi: fact('Has Wi-Fi on board'),
    bluetooth: fact('Has Bluetooth on board'),
    ethernet: fact('Has a wired Ethernet port'),
    internalStorage: fact('Has internal storage (eMMC, NVMe or disk) the OS can be installed to'),
  })
  .partial()
  .describe('Hardware facts. A missing key means unknown, never false.');

export const bootField = z
  .strictObject({
    defaultMedia: z
      .enum(BOOT_MEDIA)
      .describe(
        'Where the installed OS boots from: sdcard, internal (eMMC/disk), usb, nvme, sata, network, or image (a virtual machine disk).',
      ),
    alternateMedia: z
      .array(z.enum(BOOT_MEDIA))
      .max(BOOT_MEDIA.length)
      .describe('Other media the board can boot from, in order of preference. The first removable one carries a flasher image.'),
    flashProtocol: z
      .enum(FLASH_PROTOCOLS)
      .describe(
        'Set when the OS is written by a host over a cable instead of from removable media: rpiboot, usb-mass-storage, jetson-flash or edison-flash.',
      ),
  })
  .partial()
  .describe('How the board boots and how the OS reaches its boot medium.');

export const bootloaderField = z
  .array(slug('A bootloader stage slug (an sw.bootloader contract).'))
  .min(1)
  .max(LIMITS.chain)
  .describe('The bootloader chain, first stage first; each stage hands over to the next, the last one loads the OS.');

export const partitionsField = z
  .strictObject({
    layout: slug(
      'Partition layout slug (an sw.partition-layout contract) of the installed disk; usually inherited from the family.',
    ).optional(),
    flasherLayout: slug(
      'Layout of the downloadable flasher image, when it differs from the installed disk (the flasher writes the installed layout to internal storage); config.json partition numbers in balena manifests count in this image.',
    ).optional(),
    sizes: z
      .record(
        partitionLabel,
        z
          .int()
          .min(1)
          .max(16 * 1024 * 1024),
      )
      .describe('Overrides of partition sizes in MiB, keyed by partition label.')
      .optional(),
    startOffsetKiB: z
      .int()
      .min(0)
      .max(16 * 1024 * 1024)
      .describe("Where the first partition starts, in KiB, when this board's layer reserves more room before it than the layout does.")
      .optional(),
    bootFat32: z
      .boolean()
      .describe('true when the boot partition is formatted FAT32 (the image class formats FAT16 otherwise).')
      .optional(),
    config: configLocation.optional(),
  })
  .describe('The partition layout, with optional per-board size and config.json overrides.');

const yoctoName = (description: string, max: number = LIMITS.name) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_.+-]+$/)
    .describe(description);

export const yoctoField = z
  .strictObject({
    machine: yoctoName('The Yocto MACHINE the OS image is built for.', LIMITS.slug),
    image: yoctoName(
      'The image recipe balena builds for this board: "balena-image" (plain) or "balena-image-flasher" (flasher).',
    ).optional(),
    fstype: yoctoName('The image type of the deploy artifact, e.g. "balenaos-img".').optional(),
    deployArtifact: yoctoName('File name of the image balena publishes for this board.').optional(),
    deployFlasherArtifact: yoctoName('File name of the flasher image, when the board is installed through one.').optional(),
    compressed: z.boolean().describe('true when the published image is compressed.').optional(),
  })
  .describe('Yocto build facts of the published OS image, as the board layer states them.');

export const linksField = z
  .strictObject({
    product: url("The manufacturer's product page."),
    documentation: url('Hardware or setup documentation.'),
  })
  .partial()
  .describe('Links for people who want to know more.');

export const osImageField = z
  .boolean()
  .describe(
    'false for a dependent device type: a device managed through a gateway that runs no OS image of its own, so it has no bootloader chain or partition layout here. Default true.',
  );

/** Fields a family may default and a board may override: what a family's boards usually share. */
export const inheritableBoardFields = z
  .strictObject({
    state: stateField,
    osImage: osImageField,
    arch: archField,
    soc: socField,
    hardware: hardwareField,
    boot: bootField,
    bootloader: bootloaderField,
    partitions: partitionsField,
    links: linksField,
    instructions: instructionsField,
  })
  .partial();
