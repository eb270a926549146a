// The bundled registry: valid, complete, and every upstream slug and alias still resolves to the right board.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { validateRegistry } from '../../src/registry/validate.ts';
import { formatDiagnostic } from '../../src/diagnostics/diagnostic.ts';
import type { Registry } from '../../src/registry/registry.ts';

const UPSTREAM = '../shared/upstream/balena-contracts/contracts/hw.device-type';
let registry: Registry;

beforeAll(() => {
  const result = validateRegistry('contracts');
  expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
  registry = result.registry!;
});

test('holds at least the 145 imported boards', () => {
  expect(registry.boards.length).toBeGreaterThanOrEqual(145);
});

test('every board resolves to a family, a manufacturer, a bootloader chain and a partition layout', () => {
  const incomplete = registry.boards.filter(
    (b) => !b.family.slug || !b.manufacturer.slug || (b.osImage && (!b.bootloader?.chain.length || !b.partitions?.partitions.length)),
  );
  expect(incomplete.map((b) => b.slug)).toEqual([]);
  // Only device types without a bootable image of their own (dependent devices, a container-only target) lack them.
  expect(registry.boards.filter((b) => !b.osImage).map((b) => b.slug)).toEqual(['edge', 'generic', 'generic-armv7ahf']);
});

test('every board lists its sources, and every family names a manufacturer that exists', () => {
  expect(registry.boards.filter((b) => b.sources.length === 0)).toEqual([]);
  const manufacturers = new Set(registry.manufacturers.map((m) => m.slug));
  expect(registry.families.filter((f) => !manufacturers.has(f.manufacturer))).toEqual([]);
});

test('families and manufacturers cover the boards truthfully: several dozen of each', () => {
  expect(registry.families.length).toBeGreaterThanOrEqual(24);
  expect(registry.manufacturers.length).toBeGreaterThanOrEqual(24);
});

test('lookups by slug and alias, case-insensitively and with upstream spellings', () => {
  expect(registry.board('raspberrypi4-64')?.name).toMatch(/Raspberry Pi 4/);
  expect(registry.board('ZE250')?.slug).toBe('cybertan-ze250');
  expect(registry.board('odroid-u3+')?.slug).toBe('odroid-xu4');
  expect(registry.board('no-such-board')).toBeUndefined();
});

describe.skipIf(!existsSync(UPSTREAM))('every upstream slug and alias resolves', () => {
  const upstream = (existsSync(UPSTREAM) ? readdirSync(UPSTREAM) : []).map((folder) =>
    JSON.parse(readFileSync(join(UPSTREAM, folder, 'contract.json'), 'utf8')),
  );
  test.each(upstream.map((c) => [c.slug, c.aliases as string[]]))('%s', (slug, aliases) => {
    expect(registry.board(slug)?.slug).toBe(slug);
    for (const alias of aliases) expect(registry.board(alias)?.slug, `alias ${alias}`).toBe(slug);
  });
});

test('the resolved shape of a well-known board', () => {
  const pi = registry.board('raspberrypi4-64')!;
  expect(pi.arch).toBe('aarch64');
  expect(pi.boot.defaultMedia).toBe('sdcard');
  expect(pi.bootloader?.chain.map((s) => s.slug)).toEqual(['raspberrypi-firmware', 'u-boot']);
  expect(pi.partitions?.config).toEqual({ partition: 'resin-boot', path: '/config.json' });
});
