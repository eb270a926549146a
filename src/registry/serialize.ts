// Writes contracts as stable JSON: keys in schema order, two-space indent, trailing newline, so diffs stay minimal.
import type { z } from 'zod';
import { contractSchemas, type ContractType } from '../schema/index.ts';

function unwrap(schema: any): any {
  let current = schema;
  while (current?.def?.innerType) current = current.def.innerType;
  return current;
}

/** Orders object keys as the schema declares them; unknown keys (which validation rejects) go last, sorted. */
export function orderKeys(schema: z.ZodType | undefined, value: unknown): unknown {
  const def = unwrap(schema)?.def;
  if (Array.isArray(value)) return value.map((item) => orderKeys(def?.type === 'array' ? def.element : undefined, item));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const known: string[] = def?.type === 'object' ? Object.keys(def.shape) : [];
  const keys = [
    ...known.filter((key) => key in record),
    ...Object.keys(record)
      .filter((key) => !known.includes(key))
      .sort(),
  ];
  const child = (key: string) => (def?.type === 'object' ? def.shape[key] : def?.type === 'record' ? def.valueType : undefined);
  return Object.fromEntries(keys.filter((key) => record[key] !== undefined).map((key) => [key, orderKeys(child(key), record[key])]));
}

export function schemaPathFor(type: ContractType): string {
  return `../../../schemas/${type}.json`;
}

export function serializeContract(type: ContractType, contract: Record<string, unknown>): string {
  return `${JSON.stringify(orderKeys(contractSchemas[type], { ...contract, $schema: schemaPathFor(type) }), null, 2)}\n`;
}
