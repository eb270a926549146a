// The references-resolve check, with its messages pinned.
import { expect, test } from 'vitest';
import { BOARD, FAMILY, messagesFor } from '../helpers/fixture-registry.ts';

test('a misspelt family gets a did-you-mean', () => {
  expect(messagesFor({ [BOARD]: (c) => (c.family = 'acme-sb') })).toMatchInlineSnapshot(`
    [
      "contracts/hw.device-type/acme-one/contract.json:8:13 /family: expected the slug of an existing family (a folder in hw.device-family/), found "acme-sb", which does not exist (did you mean "acme-sbc"?)",
    ]
  `);
});

test('an unknown manufacturer, architecture, bootloader stage and layout', () => {
  expect(
    messagesFor({
      [BOARD]: (c) =>
        Object.assign(c, {
          manufacturer: 'nobody',
          arch: 'riscv64',
          bootloader: ['u-boot', 'grub-efi'],
          partitions: { layout: 'gpt-layout' },
        }),
    }),
  ).toMatchInlineSnapshot(`
    [
      "contracts/hw.device-type/acme-one/contract.json:16:19 /manufacturer: expected the slug of an existing manufacturer (a folder in hw.device-manufacturer/), found "nobody", which does not exist (add hw.device-manufacturer/nobody/contract.json or use an existing one)",
      "contracts/hw.device-type/acme-one/contract.json:17:11 /arch: expected the slug of an existing architecture (a folder in arch.sw/), found "riscv64", which does not exist (add arch.sw/riscv64/contract.json or use an existing one)",
      "contracts/hw.device-type/acme-one/contract.json:20:5 /bootloader/1: expected the slug of an existing bootloader stage (a folder in sw.bootloader/), found "grub-efi", which does not exist (add sw.bootloader/grub-efi/contract.json or use an existing one)",
      "contracts/hw.device-type/acme-one/contract.json:23:15 /partitions/layout: expected the slug of an existing partition layout (a folder in sw.partition-layout/), found "gpt-layout", which does not exist (add sw.partition-layout/gpt-layout/contract.json or use an existing one)",
    ]
  `);
});

test('a family naming a missing manufacturer', () => {
  expect(messagesFor({ [FAMILY]: (c) => (c.manufacturer = 'acme-corp') })).toMatchInlineSnapshot(`
    [
      "contracts/hw.device-family/acme-sbc/contract.json:5:19 /manufacturer: expected the slug of an existing manufacturer (a folder in hw.device-manufacturer/), found "acme-corp", which does not exist (did you mean "acme"?)",
    ]
  `);
});

test('a reference to a contract that exists but is broken is not reported twice', () => {
  expect(messagesFor({ 'hw.device-manufacturer/acme/contract.json': '{"type": "hw.device-manufacturer",' })).toMatchInlineSnapshot(`
    [
      "contracts/hw.device-manufacturer/acme/contract.json:1:35 /: expected a property name in double quotes, found the end of the file (the file looks truncated: close every open brace and bracket)",
    ]
  `);
});
