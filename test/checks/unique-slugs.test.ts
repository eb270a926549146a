// The unique-slugs rule for overlays: a private registry may reference public contracts but not redefine them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { validateRegistry } from '../../src/registry/validate.ts';
import { formatDiagnostic } from '../../src/diagnostics/diagnostic.ts';
import { fixtureRegistry, readFixtureJson, removeFixture } from '../helpers/fixture-registry.ts';

test('a family redefined by an overlay, and a board that clashes with a public one', () => {
  const base = fixtureRegistry();
  const overlay = join(base, '..', 'private');
  try {
    mkdirSync(join(overlay, 'hw.device-family/acme-sbc'), { recursive: true });
    writeFileSync(
      join(overlay, 'hw.device-family/acme-sbc/contract.json'),
      JSON.stringify(readFixtureJson('hw.device-family/acme-sbc/contract.json'), null, 2),
    );
    mkdirSync(join(overlay, 'hw.device-type/acme-one'), { recursive: true });
    writeFileSync(
      join(overlay, 'hw.device-type/acme-one/contract.json'),
      JSON.stringify(readFixtureJson('hw.device-type/acme-one/contract.json'), null, 2),
    );
    expect(validateRegistry([base, overlay]).diagnostics.map(formatDiagnostic)).toMatchInlineSnapshot(`
      [
        "private/hw.device-family/acme-sbc/contract.json:3:11 /slug: expected a slug no other hw.device-family contract uses, found "acme-sbc", already used by contracts/hw.device-family/acme-sbc/contract.json (rename it; an overlay may reference public contracts but not redefine them)",
        "private/hw.device-type/acme-one/contract.json:3:11 /slug: expected a slug no other board uses, found "acme-one", already used by contracts/hw.device-type/acme-one/contract.json (pick another slug)",
        "private/hw.device-type/acme-one/contract.json:6:5 /aliases/0: expected an alias no other board uses, found "acme-1", already a slug or alias of contracts/hw.device-type/acme-one/contract.json (remove it from one of them)",
      ]
    `);
  } finally {
    removeFixture(base);
  }
});
