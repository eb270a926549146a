// Schema of an `arch.sw` contract: a CPU architecture that OS images are built for.
import { z } from 'zod';
import { contractType, name, schemaReference, slug, sources, text } from './common.ts';

export const architectureSchema = z
  .strictObject({
    $schema: schemaReference.optional(),
    type: contractType('arch.sw'),
    slug: slug('Architecture identifier used by boards, e.g. "aarch64" or "rpi" (ARMv6 hard-float).'),
    name: name('Human-readable name, e.g. "ARM v8 (64-bit)".'),
    isa: z.enum(['arm', 'x86']).describe('Instruction-set family.'),
    bits: z.union([z.literal(32), z.literal(64)]).describe('Word size of the userspace the OS image is built for.'),
    description: text('One or two sentences on what this architecture covers.').optional(),
    sources: sources('URLs that back the facts in this contract.').optional(),
  })
  .describe('A CPU architecture (arch.sw).');

export type Architecture = z.infer<typeof architectureSchema>;
