// Unit tests of the disk geometry: MBR with logicals, GPT, vendor packing, defaults and the errors, on small inline tables.
import { describe, expect, test } from 'vitest';
import { diskGeometry, type PartitionTable } from '../../src/image/disk-geometry.ts';

const MiB = 1024 * 1024;
const options = { fillMiB: 16, contentMiB: 10 };
/** [label, number, start MiB, size MiB, type]: easier to read than byte counts. */
const inMiB = (table: PartitionTable, opts = options) =>
  diskGeometry(table, opts).partitions.map((p) => [p.label, p.number, p.startBytes / MiB, p.sizeBytes / MiB, p.type]);

const os = (label: string, role: string, size: number | 'fill' | 'content', placement?: 'primary' | 'logical') =>
  ({ label, role, size, ...(placement ? { placement } : {}) }) as PartitionTable['partitions'][number];

const mbr: PartitionTable = {
  scheme: 'msdos',
  alignmentKiB: 4096,
  startOffsetKiB: 4096,
  partitions: [
    os('boot', 'boot', 40, 'primary'),
    os('rootA', 'root-a', 320, 'primary'),
    os('rootB', 'root-b', 320, 'primary'),
    os('state', 'state', 20, 'logical'),
    os('data', 'data', 'fill', 'logical'),
  ],
};

describe('MBR', () => {
  test('three primaries, then an extended partition to the end of the disk with each logical one unit in', () => {
    expect(inMiB(mbr)).toEqual([
      ['boot', 1, 4, 40, 'primary'],
      ['rootA', 2, 44, 320, 'primary'],
      ['rootB', 3, 364, 320, 'primary'],
      ['(extended)', 4, 684, 44, 'extended'],
      ['state', 5, 688, 20, 'logical'],
      ['data', 6, 712, 16, 'logical'],
    ]);
    expect(diskGeometry(mbr, options).diskBytes).toBe(728 * MiB);
  });

  test('without placement the class rule applies: the fourth partition on is logical', () => {
    const bare = { ...mbr, partitions: mbr.partitions.map(({ label, role, size }) => ({ label, role, size })) };
    expect(diskGeometry(bare, options)).toEqual(diskGeometry(mbr, options));
  });

  test('logicals are numbered from 5 even after two primaries; the extended partition takes number 3', () => {
    const two = { ...mbr, partitions: [mbr.partitions[0]!, os('root', 'root-a', 100, 'primary'), os('data', 'data', 8, 'logical')] };
    expect(inMiB(two).map(([label, number, , , type]) => [label, number, type])).toEqual([
      ['boot', 1, 'primary'],
      ['root', 2, 'primary'],
      ['(extended)', 3, 'extended'],
      ['data', 5, 'logical'],
    ]);
  });

  test('a primary after a logical, or four primaries plus logicals, cannot be written', () => {
    const late = { ...mbr, partitions: [...mbr.partitions.slice(0, 4), os('data', 'data', 'fill', 'primary')] };
    expect(() => diskGeometry(late, options)).toThrow('a primary MBR partition cannot follow the logical ones');
    const four = {
      ...mbr,
      partitions: [os('a', 'boot', 4, 'primary'), ...mbr.partitions.slice(1, 3), os('d', 'state', 4, 'primary'), mbr.partitions[4]!],
    };
    expect(() => diskGeometry(four, options)).toThrow('no primary MBR slot is left for the extended partition');
  });

  test('a disk beyond 2 TiB does not fit an MBR', () => {
    expect(() => diskGeometry(mbr, { ...options, fillMiB: 2 * 1024 * 1024 })).toThrow('more than an MBR can address');
  });
});

describe('GPT', () => {
  const gpt: PartitionTable = { ...mbr, scheme: 'gpt', partitions: mbr.partitions.map(({ label, role, size }) => ({ label, role, size })) };

  test('entries follow each other without gaps and are numbered in order', () => {
    expect(inMiB(gpt)).toEqual([
      ['boot', 1, 4, 40, 'primary'],
      ['rootA', 2, 44, 320, 'primary'],
      ['rootB', 3, 364, 320, 'primary'],
      ['state', 4, 684, 20, 'primary'],
      ['data', 5, 704, 16, 'primary'],
    ]);
    expect(diskGeometry(gpt, options).diskBytes).toBe(720 * MiB);
  });

  test('vendor partitions are packed at their exact sizes, the OS partitions resume on the next alignment boundary', () => {
    const jetson: PartitionTable = {
      scheme: 'gpt',
      alignmentKiB: 4096,
      startOffsetKiB: 20,
      partitions: [
        os('fw', 'vendor-firmware', 0.48828125), // 500 KiB
        os('tiny', 'vendor-firmware', 1 / 2048), // one sector
        os('pad', 'reserved', 1),
        os('boot', 'boot', 40),
        os('data', 'data', 'fill'),
      ],
    };
    const placed = diskGeometry(jetson, options).partitions;
    expect(placed.map((p) => [p.label, p.startBytes, p.sizeBytes])).toEqual([
      ['fw', 20 * 1024, 500 * 1024],
      ['tiny', 520 * 1024, 512],
      ['pad', 520 * 1024 + 512, MiB],
      ['boot', 4 * MiB, 40 * MiB],
      ['data', 44 * MiB, 16 * MiB],
    ]);
  });

  test('a vendor area that ends on a boundary (the Xavier padding) leaves no gap', () => {
    const padded: PartitionTable = {
      scheme: 'gpt',
      alignmentKiB: 4096,
      startOffsetKiB: 20,
      partitions: [os('pad', 'reserved', 4 - 20 / 1024), os('boot', 'boot', 40)],
    };
    expect(inMiB(padded)[1]).toEqual(['boot', 2, 4, 40, 'primary']);
  });
});

describe('sizes and defaults', () => {
  test('OS sizes round up to the alignment; "content" and "fill" take the options', () => {
    const flasher: PartitionTable = { scheme: 'gpt', partitions: [os('flash-boot', 'boot', 39), os('flash-rootA', 'root-a', 'content')] };
    // No alignment or start given (the resolved flasher table): the class defaults, 4 MiB each.
    expect(inMiB(flasher)).toEqual([
      ['flash-boot', 1, 4, 40, 'primary'],
      ['flash-rootA', 2, 44, 12, 'primary'],
    ]);
  });

  test('sizes that are not whole sectors, or not positive, are rejected', () => {
    const odd: PartitionTable = { scheme: 'gpt', partitions: [os('fw', 'vendor-firmware', 0.0001)] };
    expect(() => diskGeometry(odd, options)).toThrow('partition "fw": 0.0001 MiB is not a whole number of 512-byte sectors');
    const empty: PartitionTable = { scheme: 'gpt', partitions: [os('data', 'data', 'fill')] };
    expect(() => diskGeometry(empty, { ...options, fillMiB: 0 })).toThrow('partition "data": size must be positive');
  });
});

describe('explicit starts', () => {
  test('a partition with startKiB starts there (a vendor part on a fixed boundary, boot after reserved space)', () => {
    const table: PartitionTable = {
      scheme: 'gpt',
      alignmentKiB: 4096,
      startOffsetKiB: 1024,
      partitions: [
        { label: 'fw', role: 'vendor-firmware', size: 0.5 },
        { label: 'fw2', role: 'vendor-firmware', size: 0.5, startKiB: 2048.5 },
        { label: 'boot', role: 'boot', size: 40, startKiB: 49152 },
        os('root', 'root-a', 'fill'),
      ],
    };
    expect(inMiB(table)).toEqual([
      ['fw', 1, 1, 0.5, 'primary'],
      ['fw2', 2, 2048.5 / 1024, 0.5, 'primary'],
      ['boot', 3, 48, 40, 'primary'],
      ['root', 4, 88, 16, 'primary'],
    ]);
  });

  test('a start inside the previous partition is an error', () => {
    const table: PartitionTable = {
      scheme: 'gpt',
      partitions: [os('a', 'boot', 40), { label: 'b', role: 'root-a', size: 40, startKiB: 8192 }],
    };
    expect(() => diskGeometry(table, options)).toThrow('partition "b": it starts at 8192 KiB, inside the partition before it');
  });
});
