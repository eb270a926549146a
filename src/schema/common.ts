// Building blocks shared by every contract schema: slugs, bounded text, URLs and the size limits.
import { z } from 'zod';

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
  partitions: 32,
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

export function slug(description: string) {
  return z.string().max(LIMITS.slug).regex(SLUG_PATTERN).describe(description);
}

export function name(description: string) {
  return z.string().min(1).max(LIMITS.name).describe(description);
}

export function text(description: string) {
  return z.string().min(1).max(LIMITS.text).describe(description);
}

/** Only http(s) links: anything else (javascript:, data:, file:) never reaches a page. */
export function url(description: string) {
  return z
    .string()
    .max(LIMITS.url)
    .regex(/^https?:\/\/[^\s"<>]+$/)
    .describe(description);
}

export function sources(description: string) {
  return z.array(url('A public URL that backs one or more facts in this contract.')).max(LIMITS.sources).describe(description);
}

/** Editors use this to find the schema; it is ignored otherwise. */
export const schemaReference = z
  .string()
  .max(LIMITS.url)
  .describe('Path or URL of the JSON Schema that editors use to complete and check this file.');

export function contractType<T extends ContractType>(type: T) {
  return z.literal(type).describe(`Contract type; always "${type}" in this folder.`);
}
