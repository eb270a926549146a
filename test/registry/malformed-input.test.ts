// Malformed files and folders get one clear, located message each: never a stack trace, never an exception.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { validateRegistry } from '../../src/registry/validate.ts';
import { formatDiagnostic } from '../../src/diagnostics/diagnostic.ts';
import { BOARD, fixtureRegistry, messagesFor, removeFixture } from '../helpers/fixture-registry.ts';

const valid =
  '{\n  "type": "hw.device-type",\n  "slug": "acme-one",\n  "name": "Acme One",\n  "family": "acme-sbc",\n  "sources": ["https://example.com/one"]\n}\n';

test('trailing comma', () => {
  expect(
    messagesFor({ [BOARD]: valid.replace('"Acme One",', '"Acme One",\n  "family": "acme-sbc",\n}').split('\n').slice(0, 6).join('\n') }),
  ).toMatchInlineSnapshot(`
    [
      "contracts/hw.device-type/acme-one/contract.json:6:1 /: expected a property name in double quotes, found "}" (remove the trailing comma)",
    ]
  `);
});

test('truncated file', () => {
  expect(messagesFor({ [BOARD]: valid.slice(0, 60) })).toMatchInlineSnapshot(`
    [
      "contracts/hw.device-type/acme-one/contract.json:4:9 /: expected a colon after the property name, found the end of the file (the file looks truncated: close every open brace and bracket)",
    ]
  `);
});

test('byte-order mark', () => {
  expect(messagesFor({ [BOARD]: '\uFEFF' + valid })).toMatchInlineSnapshot(`
    [
      "contracts/hw.device-type/acme-one/contract.json:1:1 /: expected UTF-8 without a byte-order mark, found a byte-order mark (BOM) (save the file as UTF-8 without BOM)",
    ]
  `);
});

test('invalid UTF-8', () => {
  expect(messagesFor({ [BOARD]: Buffer.concat([Buffer.from('{\n  "name": "Acme '), Buffer.from([0xc3, 0x28]), Buffer.from('"\n}')]) }))
    .toMatchInlineSnapshot(`
    [
      "contracts/hw.device-type/acme-one/contract.json:2:17 /: expected UTF-8 text, found bytes that are not valid UTF-8 (save the file as UTF-8)",
    ]
  `);
});

test('empty file', () => {
  expect(messagesFor({ [BOARD]: '' })).toMatchInlineSnapshot(`
    [
      "contracts/hw.device-type/acme-one/contract.json:1:1 /: expected a JSON object, found an empty file (start from an existing contract or run \`npm run new\`)",
    ]
  `);
});

test('comments and single quotes are not JSON', () => {
  expect(messagesFor({ [BOARD]: valid.replace('{', '{ // a board') })).toMatchInlineSnapshot(`
    [
      "contracts/hw.device-type/acme-one/contract.json:1:3 /: expected valid JSON, found "// a board" (JSON has no comments: remove it)",
    ]
  `);
  expect(messagesFor({ [BOARD]: valid.replace('"Acme One"', "'Acme One'") })).toMatchInlineSnapshot(`
    [
      "contracts/hw.device-type/acme-one/contract.json:4:11 /: expected valid JSON, found "'Acme" (strings need double quotes, keys too)",
    ]
  `);
});

test('duplicate keys', () => {
  expect(messagesFor({ [BOARD]: valid.replace('"name": "Acme One",', '"name": "Acme One",\n  "name": "Acme 1",') })).toMatchInlineSnapshot(`
    [
      "contracts/hw.device-type/acme-one/contract.json:5:3 /name: expected each key once per object, found a second "name" (merge the two entries into one)",
    ]
  `);
});

test('deeply nested JSON', () => {
  expect(messagesFor({ [BOARD]: '['.repeat(100_000) + ']'.repeat(100_000) })).toMatchInlineSnapshot(`
    [
      "contracts/hw.device-type/acme-one/contract.json:1:33 /: expected at most 32 levels of nested objects and lists, found deeper nesting (contracts are shallow: check for a runaway bracket)",
    ]
  `);
});

test('a 10 MB file is refused before parsing', () => {
  expect(messagesFor({ [BOARD]: `{"name": "${'x'.repeat(10 * 1024 * 1024)}"}` })).toMatchInlineSnapshot(`
    [
      "contracts/hw.device-type/acme-one/contract.json:1:1 /: expected a file of at most 256 KiB, found 10240 KiB (a contract is a few KiB: remove whatever bloats it)",
    ]
  `);
});

test('a top-level value that is not an object', () => {
  expect(messagesFor({ [BOARD]: '[1, 2]' })).toMatchInlineSnapshot(`
    [
      "contracts/hw.device-type/acme-one/contract.json:1:1 /: expected an object, found a list of 2 items",
    ]
  `);
});

test('a folder without contract.json, a stray file, an unknown type folder', () => {
  expect(
    messagesFor({
      'hw.device-type/acme-three/notes.md': '# notes',
      'hw.device-type/acme-one/photo.jpg': 'jpeg',
      'hw.device-type/README.md': '# boards',
      'hw.device-typ/x/contract.json': '{}',
    }),
  ).toMatchInlineSnapshot(`
    [
      "contracts/hw.device-typ:1:1 /: expected only contract-type folders (hw.device-type, hw.device-family, hw.device-manufacturer, arch.sw, sw.bootloader, sw.partition-layout), found folder "hw.device-typ" (did you mean "hw.device-type"?)",
      "contracts/hw.device-type/README.md:1:1 /: expected one folder per hw.device-type contract, found file "README.md" (move it to hw.device-type/<slug>/contract.json)",
      "contracts/hw.device-type/acme-one/photo.jpg:1:1 /: expected only contract.json, notes.md and .svg logos, found file "photo.jpg" (move or remove it)",
      "contracts/hw.device-type/acme-three:1:1 /: expected a contract.json in every contract folder, found none (add contracts/hw.device-type/acme-three/contract.json or remove the folder)",
    ]
  `);
});

test('a symbolic link is never followed', () => {
  const root = fixtureRegistry();
  try {
    mkdirSync(join(root, 'hw.device-type/acme-link'));
    symlinkSync('/etc/hostname', join(root, 'hw.device-type/acme-link/contract.json'));
    symlinkSync('/etc/hostname', join(root, 'hw.device-type/acme-one/logo.svg'));
    writeFileSync(join(root, 'hw.device-type/acme-one/ok.txt'), '');
    expect(validateRegistry(root).diagnostics.map(formatDiagnostic)).toMatchInlineSnapshot(`
      [
        "contracts/hw.device-type/acme-link/contract.json:1:1 /: expected a regular file, found a symbolic link (replace it with a plain file)",
        "contracts/hw.device-type/acme-one/logo.svg:1:1 /: expected only contract.json, notes.md and .svg logos, found symbolic link "logo.svg" (move or remove it)",
        "contracts/hw.device-type/acme-one/ok.txt:1:1 /: expected only contract.json, notes.md and .svg logos, found file "ok.txt" (move or remove it)",
      ]
    `);
  } finally {
    removeFixture(root);
  }
});
