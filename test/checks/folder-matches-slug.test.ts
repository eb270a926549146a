// The folder-matches-slug check, with its message pinned.
import { expect, test } from 'vitest';
import { BOARD, messagesFor } from '../helpers/fixture-registry.ts';

test('a slug that differs from its folder name is reported at /slug', () => {
  expect(messagesFor({ [BOARD]: (c) => (c.slug = 'acme-uno') })).toMatchInlineSnapshot(`
    [
      "contracts/hw.device-type/acme-one/contract.json:3:11 /slug: expected "acme-one" (the folder name), found "acme-uno" (rename the folder or the slug so they match; a published board keeps its old slug as an alias)",
    ]
  `);
});
