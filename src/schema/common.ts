// Building blocks shared by every contract schema: slugs, bounded text, URLs and the size limits.
import { z } from 'zod';
import { LIMITS, SAFE_TEXT, SLUG_PATTERN, type ContractType } from './vocabulary.ts';

export * from './vocabulary.ts';

export function slug(description: string) {
  return z.string().max(LIMITS.slug).regex(SLUG_PATTERN).describe(description);
}

export function name(description: string) {
  return z.string().min(1).max(LIMITS.name).regex(SAFE_TEXT).describe(description);
}

export function text(description: string) {
  return z.string().min(1).max(LIMITS.text).regex(SAFE_TEXT).describe(description);
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
