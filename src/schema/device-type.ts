// Schema of an `hw.device-type` contract: one board, as contributors write it (before family defaults).
import { z } from 'zod';
import { LIMITS, contractType, name, schemaReference, slug, sources } from './common.ts';
import { inheritableBoardFields, yoctoField } from './board-fields.ts';
import { layerSourceField } from './layer-source.ts';

export const deviceTypeSchema = z
  .strictObject({
    $schema: schemaReference.optional(),
    type: contractType('hw.device-type'),
    slug: slug('Board identifier; equals the folder name. Never reuse or rename one without keeping the old slug as an alias.'),
    name: name('Board name as people know it, e.g. "Raspberry Pi 4 (64-bit OS)".'),
    aliases: z
      .array(slug('An older or alternative slug that must keep resolving to this board.'))
      .max(LIMITS.aliases)
      .describe('Other slugs that resolve to this board (old names, renamed slugs).')
      .optional(),
    family: slug('Slug of the family (an hw.device-family contract) whose defaults this board inherits.'),
    manufacturer: slug(
      "Slug of the board's maker when it differs from the family's (e.g. a carrier board around a vendor module).",
    ).optional(),
    ...inheritableBoardFields.shape,
    yocto: yoctoField.optional(),
    layer: layerSourceField.optional(),
    logo: z
      .string()
      .max(64)
      .regex(/^[a-z0-9][a-z0-9_.-]*\.svg$/)
      .describe('File name of the board\'s SVG logo inside the board\'s own folder, e.g. "logo.svg".')
      .optional(),
    sources: sources('The public URLs that back the facts in this contract; at least one.').min(1),
  })
  .describe('A board (hw.device-type), before family defaults are applied.');

export type DeviceType = z.infer<typeof deviceTypeSchema>;
