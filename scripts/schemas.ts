// CLI: write the generated JSON Schemas into schemas/, or with --check fail when the committed ones are stale.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SCHEMA_DIRECTORY, generateJsonSchemas, serializeJsonSchema } from '../src/schema/json-schema.ts';
import { withFieldReference } from '../src/docs/field-reference.ts';
import { isMain, run } from './cli.ts';

const GUIDE = 'CONTRIBUTING.md';

/** Names of committed schema files that differ from a fresh generation (missing or extra files count too). */
export function staleSchemas(directory = SCHEMA_DIRECTORY): string[] {
  const fresh = generateJsonSchemas();
  const committed = existsSync(directory) ? readdirSync(directory).filter((name) => name.endsWith('.json')) : [];
  const stale = Object.entries(fresh)
    .filter(
      ([name, document]) =>
        !existsSync(join(directory, name)) || readFileSync(join(directory, name), 'utf8') !== serializeJsonSchema(document),
    )
    .map(([name]) => name);
  const guide = readFileSync(GUIDE, 'utf8');
  const guideStale = guide !== withFieldReference(guide) ? [GUIDE] : [];
  return [...stale, ...committed.filter((name) => !(name in fresh)), ...guideStale].sort();
}

export function schemasCommand(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { check: { type: 'boolean' } } });
  if (values.check) {
    const stale = staleSchemas();
    if (stale.length === 0) return (console.log(`✔ ${SCHEMA_DIRECTORY}/ is up to date`), 0);
    console.error(`✖ generated files are stale (${stale.join(', ')}): run \`npm run schemas\` and commit the result`);
    return 1;
  }
  mkdirSync(SCHEMA_DIRECTORY, { recursive: true });
  for (const [name, document] of Object.entries(generateJsonSchemas())) {
    writeFileSync(join(SCHEMA_DIRECTORY, name), serializeJsonSchema(document));
    console.log(`wrote ${SCHEMA_DIRECTORY}/${name}`);
  }
  writeFileSync(GUIDE, withFieldReference(readFileSync(GUIDE, 'utf8')));
  console.log(`wrote the field reference in ${GUIDE}`);
  return 0;
}

if (isMain(import.meta.url)) await run(() => schemasCommand(process.argv.slice(2)));
