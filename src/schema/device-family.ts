// Schema of an `hw.device-family` contract: boards sharing bootloader, layout and provisioning.
import { z } from 'zod';
import { contractType, name, schemaReference, slug, sources, text } from './common.ts';
import { inheritableBoardFields } from './board-fields.ts';

export const familyDefaultsSchema = inheritableBoardFields.describe(
  'Defaults every board of the family inherits; a board overrides what differs (objects merge key by key, lists are replaced).',
);

export const deviceFamilySchema = z
  .strictObject({
    $schema: schemaReference.optional(),
    type: contractType('hw.device-family'),
    slug: slug('Family identifier; equals the folder name.'),
    name: name('Human-readable name, e.g. "Raspberry Pi".'),
    manufacturer: slug('Slug of the manufacturer (an hw.device-manufacturer contract) that makes the platform.'),
    description: text('What the boards of this family share.').optional(),
    defaults: familyDefaultsSchema.optional(),
    sources: sources('URLs that back the facts in this contract.').optional(),
  })
  .describe('A device family (hw.device-family).');

export type DeviceFamily = z.infer<typeof deviceFamilySchema>;
export type FamilyDefaults = z.infer<typeof familyDefaultsSchema>;
