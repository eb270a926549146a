// Each schema rule has a failing fixture whose exact message is pinned: where, what was expected, what was found, the hint.
import { describe, expect, test } from 'vitest';
import { BOARD, FAMILY, LAYOUT, messagesFor } from '../helpers/fixture-registry.ts';

describe('schema rules', () => {
  test('a missing required key names the key and how to add it', () => {
    expect(messagesFor({ [BOARD]: (c) => delete c.family })).toMatchInlineSnapshot(`
      [
        "contracts/hw.device-type/acme-one/contract.json:1:1 /family: expected a string, found no "family" (add "family")",
      ]
    `);
  });

  test('a wrong type says which type was expected', () => {
    expect(messagesFor({ [BOARD]: (c) => (c.name = 42) })).toMatchInlineSnapshot(`
      [
        "contracts/hw.device-type/acme-one/contract.json:4:11 /name: expected a string, found 42",
      ]
    `);
  });

  test('a misspelt enum value suggests the closest one ("sd" -> "sdcard")', () => {
    expect(messagesFor({ [BOARD]: (c) => (c.boot = { defaultMedia: 'sd' }) })).toMatchInlineSnapshot(`
      [
        "contracts/hw.device-type/acme-one/contract.json:17:21 /boot/defaultMedia: expected one of "sdcard", "internal", "usb", "nvme", "sata", "network", "image", found "sd" (did you mean "sdcard"?)",
      ]
    `);
  });

  test('a misspelt key is reported at the key with a did-you-mean', () => {
    expect(messagesFor({ [BOARD]: (c) => (c.boot = { defaultMeda: 'sdcard' }) })).toMatchInlineSnapshot(`
      [
        "contracts/hw.device-type/acme-one/contract.json:17:5 /boot/defaultMeda: expected only known keys (defaultMedia, alternateMedia, flashProtocol), found unknown key "defaultMeda" (did you mean "defaultMedia"?)",
      ]
    `);
  });

  test('an unknown key with no close match says to remove it', () => {
    expect(messagesFor({ [BOARD]: (c) => (c.colour = 'green') })).toMatchInlineSnapshot(`
      [
        "contracts/hw.device-type/acme-one/contract.json:16:3 /colour: expected only known keys ($schema, type, slug, name, aliases, family, manufacturer, state, osImage, arch, soc, hardware, boot, bootloader, partitions, links, instructions, yocto, layer, logo, sources), found unknown key "colour" (remove it)",
      ]
    `);
  });

  test('strings have a maximum length', () => {
    expect(messagesFor({ [BOARD]: (c) => (c.name = 'x'.repeat(200)) })).toMatchInlineSnapshot(`
      [
        "contracts/hw.device-type/acme-one/contract.json:4:11 /name: expected a string of at most 120 characters, found "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx..." (200 characters)",
      ]
    `);
  });

  test('names may not be empty', () => {
    expect(messagesFor({ [BOARD]: (c) => (c.name = '') })).toMatchInlineSnapshot(`
      [
        "contracts/hw.device-type/acme-one/contract.json:4:11 /name: expected a non-empty string, found """,
      ]
    `);
  });

  test('slugs are lowercase ASCII words joined by hyphens, with a suggestion', () => {
    expect(messagesFor({ [BOARD]: (c) => (c.aliases = ['Acme_One']) })).toMatchInlineSnapshot(`
      [
        "contracts/hw.device-type/acme-one/contract.json:6:5 /aliases/0: expected a slug: lowercase ASCII letters and digits, words joined by single hyphens, found "Acme_One" (did you mean "acme-one"?)",
      ]
    `);
  });

  test('non-ASCII look-alike slugs are rejected', () => {
    expect(messagesFor({ [BOARD]: (c) => (c.aliases = ['аcme-one']) })).toMatchInlineSnapshot(`
      [
        "contracts/hw.device-type/acme-one/contract.json:6:5 /aliases/0: expected a slug: lowercase ASCII letters and digits, words joined by single hyphens, found "аcme-one" (it contains the non-ASCII character "а" (U+0430); type it again in plain ASCII)",
      ]
    `);
  });

  test('only http(s) links are accepted', () => {
    expect(messagesFor({ [BOARD]: (c) => (c.links = { product: 'javascript:alert(1)' }) })).toMatchInlineSnapshot(`
      [
        "contracts/hw.device-type/acme-one/contract.json:17:16 /links/product: expected an http:// or https:// URL without spaces, found "javascript:alert(1)"",
      ]
    `);
  });

  test('a board needs at least one source', () => {
    expect(messagesFor({ [BOARD]: (c) => (c.sources = []) })).toMatchInlineSnapshot(`
      [
        "contracts/hw.device-type/acme-one/contract.json:13:14 /sources: expected a non-empty list, found an empty list",
      ]
    `);
  });

  test('the number of aliases is bounded', () => {
    expect(messagesFor({ [BOARD]: (c) => (c.aliases = Array.from({ length: 40 }, (_, i) => `alias-${i}`)) })).toMatchInlineSnapshot(`
      [
        "contracts/hw.device-type/acme-one/contract.json:5:14 /aliases: expected a list of at most 32 items, found a list of 40 items",
      ]
    `);
  });

  test('a logo path may not leave the board folder', () => {
    expect(messagesFor({ [BOARD]: (c) => (c.logo = '../other/logo.svg') })).toMatchInlineSnapshot(`
      [
        "contracts/hw.device-type/acme-one/contract.json:16:11 /logo: expected the name of an .svg file in the board’s own folder, e.g. "logo.svg", found "../other/logo.svg"",
      ]
    `);
  });

  test('the contract type must match its folder', () => {
    expect(messagesFor({ [BOARD]: (c) => (c.type = 'hw.device-family') })).toMatchInlineSnapshot(`
      [
        "contracts/hw.device-type/acme-one/contract.json:2:11 /type: expected "hw.device-type", found "hw.device-family"",
      ]
    `);
  });

  test('a partition size is MiB, "fill" or "content"', () => {
    expect(messagesFor({ [LAYOUT]: (c) => (c.partitions[4].size = 'full') })).toMatchInlineSnapshot(`
      [
        "contracts/sw.partition-layout/simple-msdos/contract.json:40:15 /partitions/4/size: expected a number, "fill" or "content", found "full"",
      ]
    `);
  });

  test('a partition table scheme is msdos or gpt', () => {
    expect(messagesFor({ [LAYOUT]: (c) => (c.scheme = 'mbr') })).toMatchInlineSnapshot(`
      [
        "contracts/sw.partition-layout/simple-msdos/contract.json:5:13 /scheme: expected one of "msdos", "gpt", found "mbr"",
      ]
    `);
  });

  test('config.json must be a .json path', () => {
    expect(messagesFor({ [LAYOUT]: (c) => (c.config.path = 'config.txt') })).toMatchInlineSnapshot(`
      [
        "contracts/sw.partition-layout/simple-msdos/contract.json:46:13 /config/path: expected an absolute path ending in .json, e.g. "/config.json", found "config.txt"",
      ]
    `);
  });

  test('architecture word size is 32 or 64', () => {
    expect(messagesFor({ 'arch.sw/aarch64/contract.json': (c) => (c.bits = 48) })).toMatchInlineSnapshot(`
      [
        "contracts/arch.sw/aarch64/contract.json:6:11 /bits: expected 32 or 64, found 48",
      ]
    `);
  });

  test('family defaults reject board-only keys', () => {
    expect(messagesFor({ [FAMILY]: (c) => (c.defaults.family = 'x') })).toMatchInlineSnapshot(`
      [
        "contracts/hw.device-family/acme-sbc/contract.json:19:5 /defaults/family: expected only known keys (state, osImage, arch, soc, hardware, boot, bootloader, partitions, links, instructions), found unknown key "family" (remove it)",
      ]
    `);
  });

  test('size overrides are whole MiB', () => {
    expect(messagesFor({ [BOARD]: (c) => (c.partitions = { sizes: { boot: 40.5 } }) })).toMatchInlineSnapshot(`
      [
        "contracts/hw.device-type/acme-one/contract.json:18:15 /partitions/sizes/boot: expected a whole number, found 40.5",
      ]
    `);
  });

  test('text may not hide characters: control, zero-width and bidirectional overrides are refused', () => {
    expect(messagesFor({ [BOARD]: (c) => (c.name = 'Acme \u202Eeno') })).toMatchInlineSnapshot(`
      [
        "contracts/hw.device-type/acme-one/contract.json:4:11 /name: expected text without control, zero-width or bidirectional-override characters, found "Acme \\u202Eeno" (remove the invisible character U+202E)",
      ]
    `);
  });

  test('step text allows only the three variables and no HTML', () => {
    expect(messagesFor({ [BOARD]: (c) => (c.instructions = { steps: { boot: [{ kind: 'note', text: 'Plug {port} <b>now</b>' }] } }) }))
      .toMatchInlineSnapshot(`
      [
        "contracts/hw.device-type/acme-one/contract.json:21:19 /instructions/steps/boot/0/text: expected plain text: no HTML tags, and no braces except the variables {board}, {os} and {medium}, found "Plug {port} <b>now</b>"",
      ]
    `);
  });

  test('an unknown step kind lists the known ones', () => {
    expect(messagesFor({ [BOARD]: (c) => (c.instructions = { steps: { boot: [{ kind: 'run-script' }] } }) })).toMatchInlineSnapshot(`
      [
        "contracts/hw.device-type/acme-one/contract.json:20:19 /instructions/steps/boot/0/kind: expected one of "insert-media", "remove-media", "write-image", "wait", "set-switch", "set-jumper", "hold-button", "press-key-at-boot", "connect-cable", "disconnect-cable", "power", "run-tool", "warning", "note", found "run-script"",
      ]
    `);
  });

  test('every error in one run, not only the first', () => {
    expect(messagesFor({ [BOARD]: (c) => ((c.name = 1), (c.state = 'gone'), delete c.sources) })).toHaveLength(3);
  });
});
