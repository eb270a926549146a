// Generates the JSON Schemas (draft 2020-12) for editors and non-JavaScript tools from the zod schemas.
import { z } from 'zod';
import { contractSchemas } from './index.ts';
import { resolvedBoardSchema } from './resolved-board.ts';

export const SCHEMA_DIRECTORY = 'schemas';
export const GENERATED_NOTE = 'Generated from src/schema by `npm run schemas`; do not edit.';

/** File name -> JSON Schema document, for every contract type and for the resolved board. */
export function generateJsonSchemas(): Record<string, object> {
  const documents: Record<string, object> = {};
  const entries: [string, z.ZodType][] = [...Object.entries(contractSchemas), ['resolved-board', resolvedBoardSchema]];
  for (const [name, schema] of entries) {
    const generated = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'throw' }) as Record<string, unknown>;
    const { $schema, ...rest } = generated;
    documents[`${name}.json`] = { $schema, $comment: GENERATED_NOTE, title: name, ...rest };
  }
  return documents;
}

export function serializeJsonSchema(document: object): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
