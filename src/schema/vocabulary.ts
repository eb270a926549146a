// The registry's fixed vocabulary (slugs, media, states, hosts, procedure points, limits) without zod, so light consumers stay light.

/** The one slug pattern: lowercase ASCII words joined by single hyphens. Folder names follow it too. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Maps a name used elsewhere (an upstream alias such as "ZE250" or "odroid-u3+") onto the slug pattern.
 * Lookups apply it too, so the original spelling keeps resolving.
 */
export function normalizeSlug(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replaceAll('+', '-plus')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Upper bounds that keep hostile or accidental input from bloating the registry or the site. */
export const LIMITS = {
  fileBytes: 256 * 1024,
  slug: 64,
  name: 120,
  text: 2000,
  url: 2048,
  aliases: 32,
  sources: 32,
  chain: 8,
  // GPT allows 128 entries; NVIDIA's Jetson AGX Xavier image alone has 41.
  partitions: 128,
} as const;

export const BOOT_MEDIA = ['sdcard', 'internal', 'usb', 'nvme', 'sata', 'network', 'image'] as const;
export type BootMedium = (typeof BOOT_MEDIA)[number];
export const FLASH_PROTOCOLS = ['rpiboot', 'usb-mass-storage', 'jetson-flash', 'edison-flash'] as const;
export const BOARD_STATES = ['released', 'beta', 'discontinued'] as const;

export const CONTRACT_TYPES = [
  'hw.device-type',
  'hw.device-family',
  'hw.device-manufacturer',
  'arch.sw',
  'sw.bootloader',
  'sw.partition-layout',
] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

export const HOST_OSES = ['windows', 'macos', 'linux'] as const;
export type HostOs = (typeof HOST_OSES)[number];

/** Named points of the standard procedures, in the order they happen; a family or board replaces the steps at a point. */
export const PROCEDURE_POINTS = [
  'prepare',
  'connect',
  'expose-storage',
  'write',
  'flash',
  'insert-media',
  'boot-external',
  'flashing',
  'remove-media',
  'switch-to-internal',
  'disconnect',
  'boot',
  'first-boot',
] as const;
export type ProcedurePoint = (typeof PROCEDURE_POINTS)[number];

export const INSTALL_METHODS = ['external-boot', 'external-flash', 'usb-boot', 'usb-mass-storage', 'vendor-tool', 'virtual-image'] as const;
export type InstallMethodName = (typeof INSTALL_METHODS)[number];

/**
 * Text without control characters, zero-width characters or bidirectional overrides: such characters can make a
 * name look like another one or reorder what a reader sees. A regex so that the JSON Schema enforces it too.
 */
export const SAFE_TEXT = /^[^\u0000-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]*$/;

/** The first character SAFE_TEXT refuses, as "U+XXXX", or undefined. */
export function unsafeCharacter(text: string): string | undefined {
  const found = [...text].find((c) => !SAFE_TEXT.test(c));
  return found === undefined ? undefined : `U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
