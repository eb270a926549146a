// Schema of an `hw.device-manufacturer` contract: a company that makes boards.
import { z } from 'zod';
import { contractType, name, schemaReference, slug, sources, url } from './common.ts';

export const deviceManufacturerSchema = z
  .strictObject({
    $schema: schemaReference.optional(),
    type: contractType('hw.device-manufacturer'),
    slug: slug('Manufacturer identifier; equals the folder name.'),
    name: name('The company name as it writes it, e.g. "Raspberry Pi Ltd".'),
    website: url("The company's website.").optional(),
    sources: sources('URLs that back the facts in this contract.').optional(),
  })
  .describe('A board manufacturer (hw.device-manufacturer).');

export type DeviceManufacturer = z.infer<typeof deviceManufacturerSchema>;
