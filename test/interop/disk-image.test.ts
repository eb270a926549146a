// Boardhub's partition tables checked with the real clients: sfdisk writes them, mkfs formats them, partitioninfo and balena-image-fs read them back.
import { execFileSync } from 'node:child_process';
import { accessSync, closeSync, constants, ftruncateSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { diskGeometry, SECTOR_BYTES, type DiskGeometry, type PlacedPartition } from '../../src/image/disk-geometry.ts';
import { loadRegistry } from '../../src/registry/validate.ts';
import type { ResolvedBoard } from '../../src/schema/resolved-board.ts';

/** A missing tool fails the test (never skips it), naming the Debian package that provides it. */
function tool(name: string, debianPackage: string): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin'];
  for (const dir of dirs) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {}
  }
  throw new Error(`${name} not found: install the Debian package ${debianPackage} (apt-get install ${debianPackage})`);
}

const missingPackage = (install: string) => (error: unknown) => {
  if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
  throw new Error(`the npm package ${install.replace(/@\^.*/, '')} is missing: run npm install -D ${install}`, { cause: error });
};

const SFDISK = tool('sfdisk', 'fdisk');
const MKFS_VFAT = tool('mkfs.vfat', 'dosfstools');
const MKFS_EXT4 = tool('mkfs.ext4', 'e2fsprogs');
const partitioninfo = await import('partitioninfo').catch(missingPackage('partitioninfo@^6'));
const imagefs = await import('balena-image-fs').catch(missingPackage('balena-image-fs'));

/** Backup GPT at the end of the disk: 32 sectors of entries and the header. */
const GPT_BACKUP_SECTORS = 33;
/** Small but real sizes for the data partition and a flasher's root; each stays a sparse file. */
const OPTIONS = { fillMiB: 8, contentMiB: 16 };
const MBR_TYPES = { vfat16: 'e', vfat32: 'c', ext4: '83', ext3: '83', ext2: '83', raw: 'da', extended: '5' } as const;
const GPT_TYPES = { vfat: 'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7', linux: '0FC63DAF-8483-4772-8E79-3D69D8477DE4' } as const;

type Table = NonNullable<ResolvedBoard['partitions']> | NonNullable<NonNullable<ResolvedBoard['partitions']>['flasher']>;

const registry = loadRegistry('contracts');
const work = mkdtempSync(join(tmpdir(), 'boardhub-disk-image-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function board(slug: string): ResolvedBoard {
  const found = registry.board(slug);
  if (!found?.partitions) throw new Error(`board ${slug} has no partition table`);
  return found;
}

const sectors = (bytes: number) => {
  if (bytes % SECTOR_BYTES !== 0) throw new Error(`${bytes} bytes is not a whole number of sectors`);
  return bytes / SECTOR_BYTES;
};

/** The sfdisk script: no device names, so sfdisk numbers the partitions itself and the test checks diskGeometry's numbers. */
function sfdiskScript(table: Table, geometry: DiskGeometry, fat32: boolean): string {
  const byLabel = new Map(table.partitions.map((p) => [p.label, p]));
  const lines = geometry.partitions.map((placed) => {
    const partition = byLabel.get(placed.label);
    const fields = [`start=${sectors(placed.startBytes)}`, `size=${sectors(placed.sizeBytes)}`];
    if (table.scheme === 'gpt') {
      fields.push(`type=${partition?.filesystem === 'vfat' ? GPT_TYPES.vfat : GPT_TYPES.linux}`, `name="${placed.label}"`);
    } else if (placed.type === 'extended') {
      fields.push(`type=${MBR_TYPES.extended}`);
    } else {
      const filesystem = partition!.filesystem;
      fields.push(`type=${filesystem === 'vfat' ? MBR_TYPES[fat32 ? 'vfat32' : 'vfat16'] : MBR_TYPES[filesystem]}`);
      // The image class sets the boot flag on the boot partition.
      if (partition!.role === 'boot') fields.push('bootable');
    }
    return fields.join(', ');
  });
  const header = [`label: ${table.scheme === 'gpt' ? 'gpt' : 'dos'}`, 'unit: sectors', `sector-size: ${SECTOR_BYTES}`];
  // sfdisk starts GPT partitions at 1 MiB by default; vendor partitions sit right after the table (sector 34 on).
  if (table.scheme === 'gpt') header.push('first-lba: 34');
  return `${[...header, '', ...lines].join('\n')}\n`;
}

function writeImage(path: string, table: Table, geometry: DiskGeometry, fat32: boolean): void {
  const fd = openSync(path, 'w');
  try {
    ftruncateSync(fd, geometry.diskBytes + (table.scheme === 'gpt' ? GPT_BACKUP_SECTORS * SECTOR_BYTES : 0));
  } finally {
    closeSync(fd);
  }
  execFileSync(SFDISK, ['--quiet', '--no-reread', '--no-tell-kernel', path], {
    input: sfdiskScript(table, geometry, fat32),
    stdio: 'pipe',
  });
}

function placedByLabel(geometry: DiskGeometry, label: string): PlacedPartition {
  const placed = geometry.partitions.find((p) => p.label === label);
  if (!placed) throw new Error(`no partition labelled ${label}`);
  return placed;
}

/** number, start and size of every entry, in partition-number order, as each reader reports them. */
const entries = (list: { number: number; startBytes: number; sizeBytes: number }[]) =>
  list.map(({ number, startBytes, sizeBytes }) => ({ number, startBytes, sizeBytes })).sort((a, b) => a.number - b.number);

/**
 * bootStartKiB is where the board's layer starts the boot partition (the image class's DEVICE_SPECIFIC_SPACE): the class
 * default of one alignment unit, or 458752 KiB in balena-jetson's balena-image.bbappend for jetson-xavier.
 */
const CASES = [
  { kind: 'MBR with logical partitions', slug: 'raspberrypi4-64', layout: 'balenaos-msdos', count: 6, bootStartKiB: 4096, flasher: false },
  { kind: 'plain GPT', slug: 'generic-amd64', layout: 'balenaos-gpt', count: 5, bootStartKiB: 4096, flasher: false },
  {
    kind: 'Jetson GPT with its vendor partitions',
    slug: 'jetson-xavier',
    layout: 'jetson-xavier-gpt',
    count: 41,
    bootStartKiB: 458752,
    flasher: false,
  },
  { kind: 'flasher image (MBR)', slug: 'beaglebone-black', layout: 'balenaos-msdos-flasher', count: 6, bootStartKiB: 4096, flasher: true },
];

describe.each(CASES)('$kind: $slug', ({ slug, layout, count, bootStartKiB, flasher }) => {
  const resolved = board(slug);
  const table: Table = flasher ? resolved.partitions!.flasher! : resolved.partitions!;
  const geometry = diskGeometry(table, OPTIONS);
  const image = join(work, `${slug}.img`);
  // bootFat32 is the installed image's; a flasher's boot partition keeps the class default, FAT16.
  const fat32 = flasher ? false : (resolved.partitions?.bootFat32 ?? false);
  const config = placedByLabel(geometry, table.config.partition);
  const state = table.partitions.find((p) => p.role === 'state' && p.filesystem === 'ext4');
  if (!state) throw new Error(`${slug}: no ext4 state partition to format`);
  beforeAll(() => writeImage(image, table, geometry, fat32));

  test('sfdisk writes the table and partitioninfo reads back every offset, size and number', async () => {
    expect(table.layout.slug).toBe(layout);
    expect(geometry.partitions).toHaveLength(count);
    const boot = table.partitions.find((p) => p.role === 'boot')!;
    expect(placedByLabel(geometry, boot.label).startBytes).toBe(bootStartKiB * 1024);

    const ours = entries(geometry.partitions);
    const sfdisk = JSON.parse(execFileSync(SFDISK, ['--json', image], { encoding: 'utf8' })).partitiontable;
    expect(sfdisk.label).toBe(table.scheme === 'gpt' ? 'gpt' : 'dos');
    const written = sfdisk.partitions.map((p: { node: string; start: number; size: number }) => ({
      number: Number(p.node.slice(image.length)),
      startBytes: p.start * SECTOR_BYTES,
      sizeBytes: p.size * SECTOR_BYTES,
    }));
    expect(entries(written)).toEqual(ours);

    const read = await partitioninfo.getPartitions(image);
    expect(read.type).toBe(table.scheme === 'gpt' ? 'gpt' : 'mbr');
    expect(entries(read.partitions.map((p) => ({ number: p.index, startBytes: p.offset, sizeBytes: p.size })))).toEqual(ours);
    if (read.type === 'gpt') expect(read.partitions.map((p) => p.name)).toEqual(geometry.partitions.map((p) => p.label));
  });

  test(`balena-image-fs writes ${table.config.path} on ${table.config.partition} (partition ${config.number}) and reads it back`, async () => {
    const label = table.config.partition.slice(0, 11);
    // The FAT size is always given: with --offset, mkfs.vfat would pick it from the size of the whole image (FAT32 past 512 MiB).
    // FAT16 is the image class's default (BALENA_BOOT_FAT32 ?= "0").
    const fat = [`--offset=${sectors(config.startBytes)}`, '-S', String(SECTOR_BYTES), '-n', label, '-F', fat32 ? '32' : '16'];
    execFileSync(MKFS_VFAT, [...fat, image, String(config.sizeBytes / 1024)], { stdio: 'pipe' });

    const json = JSON.stringify({ deviceType: slug, hostname: `boardhub-${slug}`, persistentLogging: false }, null, 2);
    await imagefs.interact(image, config.number, async (fs) => {
      await promisify(fs.writeFile)(table.config.path, json);
    });
    const back = await imagefs.interact(image, config.number, async (fs) => String(await promisify(fs.readFile)(table.config.path)));
    expect(JSON.parse(back)).toEqual(JSON.parse(json));
    const found = await imagefs.explorePartition(image, [label], async (fs) => String(await promisify(fs.readFile)(table.config.path)));
    expect(JSON.parse(found)).toEqual(JSON.parse(json));
    // The real reader found it by number: the partition it opened is the one diskGeometry placed there.
    const info = await partitioninfo.get(image, config.number);
    expect({ offset: info.offset, size: info.size }).toEqual({ offset: config.startBytes, size: config.sizeBytes });
  });

  test(`an ext4 ${state.label} made at its offset is mounted by number and found by its label`, async () => {
    const placed = placedByLabel(geometry, state.label);
    execFileSync(MKFS_EXT4, ['-q', '-F', '-L', state.label, '-E', `offset=${placed.startBytes}`, image, `${placed.sizeBytes / 1024}k`], {
      stdio: 'pipe',
    });
    const note = `written on partition ${placed.number}`;
    await imagefs.interact(image, placed.number, async (fs) => {
      await promisify(fs.writeFile)('/boardhub.txt', note);
    });
    const back = await imagefs.interact(image, placed.number, async (fs) => String(await promisify(fs.readFile)('/boardhub.txt')));
    expect(back).toBe(note);
    // balena's own lookup by filesystem label lands on the same partition.
    const found = await imagefs.explorePartition(image, [state.label], async (fs) => String(await promisify(fs.readFile)('/boardhub.txt')));
    expect(found).toBe(note);
  });
});
