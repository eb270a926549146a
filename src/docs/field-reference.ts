// The contributor field reference: every field of every contract type with its description, generated from the JSON Schemas.
import { generateJsonSchemas } from '../schema/json-schema.ts';
import { CONTRACT_TYPES } from '../schema/vocabulary.ts';

export const START = '<!-- field-reference:start (generated from src/schema by `npm run schemas`; do not edit) -->';
export const END = '<!-- field-reference:end -->';

type Node = {
  type?: string;
  description?: string;
  properties?: Record<string, Node>;
  required?: string[];
  items?: Node;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Node[];
  oneOf?: Node[];
  additionalProperties?: Node | boolean;
};

function typeOf(node: Node): string {
  if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``;
  if (node.enum) return node.enum.map((v) => `\`${JSON.stringify(v)}\``).join(', ');
  if (node.anyOf || node.oneOf) return (node.anyOf ?? node.oneOf)!.map(typeOf).join(' or ');
  if (node.type === 'array') return `list of ${node.items ? typeOf(node.items) : 'values'}`;
  return node.type ?? 'value';
}

function rows(node: Node, prefix: string, out: string[]) {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    if (key === '$schema') continue;
    const path = `${prefix}${key}`;
    const required = node.required?.includes(key) ? 'yes' : '';
    out.push(`| \`${path}\` | ${typeOf(child).replace(/\|/g, '\\|')} | ${required} | ${(child.description ?? '').replace(/\|/g, '\\|')} |`);
    if (child.properties && path.split('.').length < 3) rows(child, `${path}.`, out);
    if (child.type === 'array' && child.items?.properties && path.split('.').length < 3) rows(child.items, `${path}[].`, out);
  }
}

export function fieldReference(): string {
  const schemas = generateJsonSchemas() as Record<string, Node>;
  const sections = CONTRACT_TYPES.map((type) => {
    const schema = schemas[`${type}.json`]!;
    const out: string[] = [];
    rows(schema, '', out);
    return [
      `### \`${type}\``,
      '',
      schema.description ?? '',
      '',
      '| field | type | required | description |',
      '| --- | --- | --- | --- |',
      ...out,
      '',
    ].join('\n');
  });
  return [
    START,
    '',
    ...sections,
    'Step kinds and their parameters are in `schemas/hw.device-type.json` under `instructions`.',
    '',
    END,
  ].join('\n');
}

/** CONTRIBUTING.md with its generated section replaced by a fresh one. */
export function withFieldReference(markdown: string): string {
  const start = markdown.indexOf(START);
  const end = markdown.indexOf(END);
  if (start < 0 || end < start) throw new Error(`CONTRIBUTING.md needs the markers ${START} and ${END}`);
  return markdown.slice(0, start) + fieldReference() + markdown.slice(end + END.length);
}
