// The boards-complete check, with its messages pinned.
import { expect, test } from 'vitest';
import { FAMILY, messagesFor } from '../helpers/fixture-registry.ts';

test('a board without state, arch, boot medium, bootloader or layout after inheritance', () => {
  expect(messagesFor({ [FAMILY]: (c) => delete c.defaults })).toMatchInlineSnapshot(`
    [
      "contracts/hw.device-type/acme-one/contract.json:1:1 /arch: expected an architecture ("arch"), found none on the board or in its family’s defaults (set "arch" on the board or in "defaults" of contracts/hw.device-family/acme-sbc/contract.json)",
      "contracts/hw.device-type/acme-one/contract.json:1:1 /boot/defaultMedia: expected a default boot medium ("boot.defaultMedia"), found none on the board or in its family’s defaults (set "boot.defaultMedia" on the board or in "defaults" of contracts/hw.device-family/acme-sbc/contract.json)",
      "contracts/hw.device-type/acme-one/contract.json:1:1 /bootloader: expected a bootloader chain ("bootloader"), found none on the board or in its family’s defaults (set "bootloader" on the board or in "defaults" of contracts/hw.device-family/acme-sbc/contract.json)",
      "contracts/hw.device-type/acme-one/contract.json:1:1 /partitions/layout: expected a partition layout ("partitions.layout"), found none on the board or in its family’s defaults (set "partitions.layout" on the board or in "defaults" of contracts/hw.device-family/acme-sbc/contract.json)",
      "contracts/hw.device-type/acme-one/contract.json:1:1 /state: expected a support state ("state"), found none on the board or in its family’s defaults (set "state" on the board or in "defaults" of contracts/hw.device-family/acme-sbc/contract.json)",
      "contracts/hw.device-type/acme-two/contract.json:1:1 /arch: expected an architecture ("arch"), found none on the board or in its family’s defaults (set "arch" on the board or in "defaults" of contracts/hw.device-family/acme-sbc/contract.json)",
      "contracts/hw.device-type/acme-two/contract.json:1:1 /bootloader: expected a bootloader chain ("bootloader"), found none on the board or in its family’s defaults (set "bootloader" on the board or in "defaults" of contracts/hw.device-family/acme-sbc/contract.json)",
      "contracts/hw.device-type/acme-two/contract.json:1:1 /state: expected a support state ("state"), found none on the board or in its family’s defaults (set "state" on the board or in "defaults" of contracts/hw.device-family/acme-sbc/contract.json)",
      "contracts/hw.device-type/acme-two/contract.json:7:17 /partitions/layout: expected a partition layout ("partitions.layout"), found none on the board or in its family’s defaults (set "partitions.layout" on the board or in "defaults" of contracts/hw.device-family/acme-sbc/contract.json)",
    ]
  `);
});

test('a dependent device type (osImage false) needs no bootloader or layout', () => {
  expect(
    messagesFor({
      [FAMILY]: (c) => (c.defaults = { state: 'released', arch: 'aarch64', osImage: false, boot: { defaultMedia: 'network' } }),
    }),
  ).toEqual([]);
});
