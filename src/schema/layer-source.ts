// Schema of a board's `layer` block: which balenaOS board layer revision its image facts were derived from, and each fact's source.
import { z } from 'zod';
import { LIMITS, text, url } from './common.ts';

export const COMMIT_PATTERN = /^[0-9a-f]{40}$/;
/** A JSON pointer into the board contract, e.g. "/partitions/sizes/resin-boot". */
export const FACT_POINTER_PATTERN = /^(\/[A-Za-z0-9_.-]+)+$/;
/** Commit-pinned GitHub file URL with a line anchor: the only form a derived fact may cite. */
export const PINNED_SOURCE_PATTERN = /^https:\/\/github\.com\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/blob\/[0-9a-f]{40}\/[^\s"<>#]+#L[0-9]+$/;

const commit = (what: string) => z.string().regex(COMMIT_PATTERN).describe(`${what}: a full 40-character commit hash.`);
const release = (what: string) =>
  z
    .string()
    .min(1)
    .max(LIMITS.slug)
    .regex(/^v?[0-9][0-9A-Za-z.+_-]*$/)
    .describe(what);
const pinnedSource = z
  .string()
  .max(LIMITS.url)
  .regex(PINNED_SOURCE_PATTERN)
  .describe('A commit-pinned GitHub URL with a line anchor, e.g. https://github.com/balena-os/balena-raspberrypi/blob/<sha>/x.coffee#L9.');
const factPointer = z.string().max(256).regex(FACT_POINTER_PATTERN).describe('JSON pointer of the fact in this contract.');

export const layerExceptionSchema = z
  .strictObject({
    fact: factPointer,
    layer: z
      .string()
      .max(LIMITS.text)
      .describe('What the layer says, as JSON (e.g. "\\"flasher\\"" or "512"), so the check notices when the layer changes.'),
    reason: text('Why the contract differs from its layer, in a sentence.'),
    source: url('A public URL that shows the contract is right.'),
  })
  .describe('A fact where the contract deliberately differs from its layer, with the evidence.');

export const layerSourceField = z
  .strictObject({
    repo: z
      .string()
      .max(LIMITS.slug * 2)
      .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/)
      .describe('The board layer repository, owner/name, e.g. "balena-os/balena-raspberrypi".'),
    commit: commit('The layer revision that ships this board (its HEAD, or the last revision before the manifest was removed)'),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .describe('Date of that revision, YYYY-MM-DD.'),
    release: release(
      'The balenaOS release that revision builds (its VERSION file), e.g. "6.12.3" or "2.99.25+rev3"; absent when the revision has no VERSION file.',
    ).optional(),
    manifest: z
      .string()
      .max(LIMITS.slug + 8)
      .regex(/^[A-Za-z0-9_.-]+\.coffee$/)
      .describe('File name of the device manifest in that revision.'),
    removed: z
      .boolean()
      .describe('true when later revisions of the layer no longer have the manifest: the board is no longer built.')
      .optional(),
    removedAt: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .describe('Date (YYYY-MM-DD) of the commit that removed the manifest, when the snapshot records it.')
      .optional(),
    metaBalena: z
      .strictObject({
        commit: commit('The meta-balena revision the layer pins'),
        release: release('Its release tag, e.g. "v6.12.3".').optional(),
      })
      .describe('The meta-balena revision the layer pins, whose image classes set the partition defaults.')
      .optional(),
    facts: z
      .record(factPointer, pinnedSource)
      .describe('Every fact of this contract derived from the layer, by JSON pointer, with the exact file and line it was read from.'),
    exceptions: z
      .array(layerExceptionSchema)
      .max(LIMITS.sources)
      .describe('Facts where the contract deliberately differs from the layer.')
      .optional(),
  })
  .describe(
    'Where the image facts come from: written by `npm run import:layers`, checked in CI by `npm run import:layers -- <dir> --check`. Do not edit by hand except "exceptions".',
  );

export type LayerSource = z.infer<typeof layerSourceField>;
export type LayerException = z.infer<typeof layerExceptionSchema>;
