// Schema of an `sw.bootloader` contract: one stage of a boot chain (a board lists its stages in order).
import { z } from 'zod';
import { contractType, name, schemaReference, slug, sources, text, url } from './common.ts';

export const bootloaderSchema = z
  .strictObject({
    $schema: schemaReference.optional(),
    type: contractType('sw.bootloader'),
    slug: slug('Bootloader stage identifier, e.g. "u-boot" or "raspberrypi-firmware".'),
    name: name('Human-readable name, e.g. "Das U-Boot".'),
    description: text('What this stage does and what it hands over to, in one or two sentences.'),
    homepage: url("The project's home page.").optional(),
    sources: sources('URLs that back the facts in this contract.').optional(),
  })
  .describe('A bootloader stage (sw.bootloader). Boards name a chain of these, first stage first.');

export type Bootloader = z.infer<typeof bootloaderSchema>;
