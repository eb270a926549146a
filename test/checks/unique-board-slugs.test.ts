// The unique-board-slugs check, with its messages pinned.
import { expect, test } from 'vitest';
import { BOARD, BOARD_TWO, messagesFor } from '../helpers/fixture-registry.ts';

test('two boards with one slug', () => {
  expect(messagesFor({ [BOARD_TWO]: (c) => (c.slug = 'acme-one') })).toMatchInlineSnapshot(`
    [
      "contracts/hw.device-type/acme-two/contract.json:3:11 /slug: expected "acme-two" (the folder name), found "acme-one" (rename the folder or the slug so they match; a published board keeps its old slug as an alias)",
      "contracts/hw.device-type/acme-two/contract.json:3:11 /slug: expected a slug no other board uses, found "acme-one", already used by contracts/hw.device-type/acme-one/contract.json (pick another slug)",
    ]
  `);
});

test('an alias equal to another board’s slug', () => {
  expect(messagesFor({ [BOARD]: (c) => (c.aliases = ['acme-two']) })).toMatchInlineSnapshot(`
    [
      "contracts/hw.device-type/acme-one/contract.json:6:5 /aliases/0: expected an alias no other board uses, found "acme-two", already a slug or alias of contracts/hw.device-type/acme-two/contract.json (remove it from one of them)",
    ]
  `);
});

test('an alias used by two boards (duplicate aliases across files)', () => {
  expect(messagesFor({ [BOARD_TWO]: (c) => (c.aliases = ['acme-1']) })).toMatchInlineSnapshot(`
    [
      "contracts/hw.device-type/acme-two/contract.json:21:5 /aliases/0: expected an alias no other board uses, found "acme-1", already a slug or alias of contracts/hw.device-type/acme-one/contract.json (remove it from one of them)",
    ]
  `);
});

test('an alias equal to the board’s own slug, and one listed twice', () => {
  expect(messagesFor({ [BOARD]: (c) => (c.aliases = ['acme-one', 'acme-1', 'acme-1']) })).toMatchInlineSnapshot(`
    [
      "contracts/hw.device-type/acme-one/contract.json:6:5 /aliases/0: expected an alias that differs from the board’s own slug, found "acme-one" (remove it)",
      "contracts/hw.device-type/acme-one/contract.json:8:5 /aliases/2: expected an alias no other board uses, found "acme-1", already listed by this board (remove it from one of them)",
    ]
  `);
});
