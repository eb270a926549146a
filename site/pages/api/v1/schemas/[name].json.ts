// Static API: the JSON Schemas generated from the zod schemas.
import type { APIRoute } from 'astro';
import { generateJsonSchemas, serializeJsonSchema } from '../../../../../src/schema/json-schema.ts';

export function getStaticPaths() {
  return Object.entries(generateJsonSchemas()).map(([file, document]) => ({ params: { name: file.replace(/\.json$/, '') }, props: { document } }));
}

export const GET: APIRoute = ({ props }) => new Response(serializeJsonSchema(props.document), { headers: { 'Content-Type': 'application/json' } });
