// The committed JSON Schemas are fresh, and an independent validator (ajv) agrees with zod on every contract and fixture.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import { contractSchemas, CONTRACT_TYPES, type ContractType } from '../../src/schema/index.ts';
import { generateJsonSchemas } from '../../src/schema/json-schema.ts';
import { staleSchemas } from '../../scripts/schemas.ts';
import { readFixtureJson } from '../helpers/fixture-registry.ts';
import { mutations } from '../helpers/mutations.ts';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validators = Object.fromEntries(CONTRACT_TYPES.map((type) => [type, ajv.compile(generateJsonSchemas()[`${type}.json`]!)])) as Record<
  ContractType,
  ReturnType<typeof ajv.compile>
>;

function agree(type: ContractType, value: unknown) {
  const zodOk = contractSchemas[type].safeParse(value).success;
  const ajvOk = validators[type](value) as boolean;
  return { zodOk, ajvOk };
}

test('schemas/ matches a fresh generation (run `npm run schemas` when this fails)', () => {
  expect(staleSchemas()).toEqual([]);
});

test('every schema rejects {}', () => {
  for (const type of CONTRACT_TYPES) expect(agree(type, {})).toEqual({ zodOk: false, ajvOk: false });
});

describe('zod and ajv agree on every contract in the registry', () => {
  const files = CONTRACT_TYPES.flatMap((type) =>
    existsSync(join('contracts', type))
      ? readdirSync(join('contracts', type)).map((slug) => [type, join('contracts', type, slug, 'contract.json')] as const)
      : [],
  );
  test.each(files)('%s %s', (type, path) => {
    const value = JSON.parse(readFileSync(path, 'utf8'));
    const { zodOk, ajvOk } = agree(type, value);
    expect(ajvOk).toBe(zodOk);
  });
});

describe('zod and ajv agree on every mutated fixture', () => {
  const bases: [ContractType, string][] = [
    ['hw.device-type', 'hw.device-type/acme-one/contract.json'],
    ['hw.device-type', 'hw.device-type/acme-two/contract.json'],
    ['hw.device-family', 'hw.device-family/acme-sbc/contract.json'],
    ['sw.partition-layout', 'sw.partition-layout/simple-msdos/contract.json'],
    ['arch.sw', 'arch.sw/aarch64/contract.json'],
    ['sw.bootloader', 'sw.bootloader/u-boot/contract.json'],
    ['hw.device-manufacturer', 'hw.device-manufacturer/acme/contract.json'],
  ];
  test('on 2,000 structural mutations', () => {
    let disagreements: string[] = [];
    let invalid = 0;
    for (const [type, path] of bases) {
      for (const { description, value } of mutations(readFixtureJson(path), 300, path.length)) {
        const { zodOk, ajvOk } = agree(type, value);
        if (!zodOk) invalid++;
        if (zodOk !== ajvOk) disagreements.push(`${path}: ${description} (zod ${zodOk}, ajv ${ajvOk})`);
      }
    }
    expect(disagreements).toEqual([]);
    expect(invalid).toBeGreaterThan(500);
  });
});
