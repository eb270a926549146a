// The layouts-consistent check, with its messages pinned.
import { expect, test } from 'vitest';
import { BOARD, LAYOUT, messagesFor } from '../helpers/fixture-registry.ts';

const partition = (label: string, size: number | 'fill', placement?: string) => ({
  label,
  role: 'data',
  filesystem: 'ext4',
  size,
  ...(placement ? { placement } : {}),
});

test('"fill" only on the last partition, and labels are unique', () => {
  expect(
    messagesFor({
      [LAYOUT]: (c) => {
        c.partitions[1].size = 'fill';
        c.partitions[2].label = 'rootA';
      },
    }),
  ).toMatchInlineSnapshot(`
    [
      "contracts/sw.partition-layout/simple-msdos/contract.json:19:15 /partitions/1/size: expected "fill" only on the last partition, found "fill" on partition 2 of 5 (give it a size in MiB or move it to the end)",
      "contracts/sw.partition-layout/simple-msdos/contract.json:23:16 /partitions/2/label: expected a label no other partition of this layout uses, found "rootA" (rename one of them)",
    ]
  `);
});

test('an MBR table has at most four primary entries', () => {
  expect(
    messagesFor({
      [LAYOUT]: (c) => {
        c.partitions = [
          ...c.partitions.slice(0, 3).map((p: any) => ({ ...p })),
          partition('extra', 4, 'primary'),
          partition('last', 'fill', 'primary'),
        ];
      },
    }),
  ).toMatchInlineSnapshot(`
    [
      "contracts/sw.partition-layout/simple-msdos/contract.json:7:17 /partitions: expected at most 4 primary MBR entries (the extended partition counts as one), found 5 (mark later partitions "placement": "logical")",
    ]
  `);
});

test('a primary partition after a logical one', () => {
  expect(messagesFor({ [LAYOUT]: (c) => (c.partitions[4].placement = 'primary') })).toMatchInlineSnapshot(`
    [
      "contracts/sw.partition-layout/simple-msdos/contract.json:7:17 /partitions: expected at most 4 primary MBR entries (the extended partition counts as one), found 5 (mark later partitions "placement": "logical")",
      "contracts/sw.partition-layout/simple-msdos/contract.json:41:20 /partitions/4/placement: expected only logical partitions after the first logical one, found "primary" (set "placement": "logical")",
    ]
  `);
});

test('OS partition sizes are aligned', () => {
  expect(messagesFor({ [LAYOUT]: (c) => (c.partitions[0].size = 41) })).toMatchInlineSnapshot(`
    [
      "contracts/sw.partition-layout/simple-msdos/contract.json:12:15 /partitions/0/size: expected a multiple of the 4096 KiB alignment, found 41 MiB (round it up to 44 MiB)",
    ]
  `);
});

test('GPT entries have no placement', () => {
  expect(messagesFor({ [LAYOUT]: (c) => (c.scheme = 'gpt') })).toHaveLength(5);
});

test('the config partition exists and every host can write it', () => {
  expect(messagesFor({ [LAYOUT]: (c) => (c.config.partition = 'bot') })).toMatchInlineSnapshot(`
    [
      "contracts/sw.partition-layout/simple-msdos/contract.json:45:18 /config/partition: expected the label of a partition of layout "simple-msdos", found "bot", which it does not have (did you mean "boot"?)",
    ]
  `);
  expect(messagesFor({ [LAYOUT]: (c) => (c.config.partition = 'state') })).toMatchInlineSnapshot(`
    [
      "contracts/sw.partition-layout/simple-msdos/contract.json:45:18 /config/partition: expected a partition with a filesystem every host can write (vfat), found "state" with ext4 (point config at the boot partition)",
    ]
  `);
});

test('board overrides name partitions of the inherited layout', () => {
  expect(
    messagesFor({
      [BOARD]: (c) => (c.partitions = { sizes: { bootfs: 80, rootA: 322 }, config: { partition: 'data', path: '/config.json' } }),
    }),
  ).toMatchInlineSnapshot(`
    [
      "contracts/hw.device-type/acme-one/contract.json:18:7 /partitions/sizes/bootfs: expected the label of a partition of layout "simple-msdos", found "bootfs", which it does not have (did you mean "boot"?)",
      "contracts/hw.device-type/acme-one/contract.json:19:16 /partitions/sizes/rootA: expected a multiple of the 4096 KiB alignment, found 322 MiB",
      "contracts/hw.device-type/acme-one/contract.json:22:20 /partitions/config/partition: expected a partition with a filesystem every host can write (vfat), found "data" with ext4 (point config at the boot partition)",
    ]
  `);
});
