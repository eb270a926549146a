// The balena importer on the upstream snapshot: what it maps, what it reports, and that rerunning it keeps Boardhub's own facts.
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { importBalenaContracts, summariseUnmapped } from '../../src/import/run-import.ts';
import { importDeviceType } from '../../src/import/balena.ts';

const UPSTREAM = '../shared/upstream/balena-contracts/contracts';
const work = mkdtempSync(join(tmpdir(), 'boardhub-import-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!existsSync(UPSTREAM))('importing the upstream snapshot (../shared/upstream/balena-contracts)', () => {
  test('into an empty folder: every board, mapped facts, and a report of what did not map', () => {
    const target = join(work, 'fresh');
    const report = importBalenaContracts(UPSTREAM, target);
    expect(report.written).toEqual({ 'arch.sw': 6, 'hw.device-manufacturer': 3, 'hw.device-family': 2, 'hw.device-type': 145 });
    expect(report.failed).toEqual([]);
    const board = (slug: string) => JSON.parse(readFileSync(join(target, 'hw.device-type', slug, 'contract.json'), 'utf8'));
    expect(board('jetson-nano').boot).toEqual({ defaultMedia: 'sdcard', alternateMedia: [], flashProtocol: 'jetson-flash' });
    expect(board('raspberrypi4-64').boot).toEqual({ defaultMedia: 'sdcard', alternateMedia: ['usb', 'network'] });
    expect(board('cybertan-ze250').aliases).toEqual(['ze250']);
    expect(board('odroid-xu4').aliases).toContain('odroid-u3-plus');
    expect(board('asus-tinker-board').family).toBe('asus-rockchip');
    // A missing upstream key stays unknown rather than becoming false.
    expect(board('cybertan-ze250').hardware).not.toHaveProperty('wifi');
    // The folder zynq-xz702 upstream holds slug zc702-zynq7: the slug wins.
    expect(existsSync(join(target, 'hw.device-type/zc702-zynq7/contract.json'))).toBe(true);
    expect(summariseUnmapped(report).join('\n')).toContain('145 × partials: provisioning prose');
  });

  test('rerunning over the bundled registry changes nothing: Boardhub’s own facts are kept', () => {
    const target = join(work, 'bundled');
    cpSync('contracts', target, { recursive: true });
    importBalenaContracts(UPSTREAM, target);
    const changed: string[] = [];
    for (const type of readdirSync('contracts')) {
      for (const slug of readdirSync(join('contracts', type))) {
        const path = join(type, slug, 'contract.json');
        if (readFileSync(join('contracts', path), 'utf8') !== readFileSync(join(target, path), 'utf8')) changed.push(path);
      }
    }
    expect(changed).toEqual([]);
  });
});

test('an upstream board maps onto Boardhub fields and keeps existing additions', () => {
  const upstream = {
    slug: 'demo-board',
    version: '1',
    type: 'hw.device-type',
    aliases: ['Demo', 'demo-board'],
    name: 'Demo Board',
    data: {
      arch: 'aarch64',
      hdmi: true,
      connectivity: { wifi: false },
      storage: { internal: true },
      media: { defaultBoot: 'internal', altBoot: ['usb_mass_storage'] },
      flashProtocol: 'RPIBOOT',
      is_private: false,
      extra: 1,
    },
    partials: { bootDevice: ['x'] },
  };
  const { contract, unmapped } = importDeviceType(upstream, 'demo-board', {
    type: 'hw.device-type',
    slug: 'demo-board',
    name: 'Old name',
    family: 'demo-family',
    soc: 'Demo SoC',
    hardware: { ethernet: true },
    sources: ['https://example.com/demo'],
  });
  expect(contract).toEqual({
    type: 'hw.device-type',
    slug: 'demo-board',
    name: 'Demo Board',
    aliases: ['demo'],
    family: 'demo-family',
    soc: 'Demo SoC',
    arch: 'aarch64',
    hardware: { ethernet: true, hdmi: true, wifi: false, internalStorage: true },
    boot: { defaultMedia: 'internal', alternateMedia: ['usb'], flashProtocol: 'rpiboot' },
    sources: [
      'https://github.com/balena-io/contracts/blob/master/contracts/hw.device-type/demo-board/contract.json',
      'https://example.com/demo',
    ],
  });
  expect(unmapped).toEqual([
    'version: always "1" upstream; Boardhub versions the package instead',
    'data/is_private: always false upstream',
    'data/extra: no Boardhub field (value 1)',
    'partials: provisioning prose: expressed as typed steps in Boardhub’s own words, not imported',
    'aliases: "Demo" stored as "demo" (lookups normalise the same way)',
    'aliases: "demo-board" equals the board\'s own slug; dropped',
  ]);
});

describe('re-importing over an existing board', () => {
  const existing = {
    type: 'hw.device-type' as const,
    slug: 'demo-board',
    name: 'Demo Board',
    family: 'demo-family',
    arch: 'aarch64',
    hardware: { ethernet: true, wifi: true },
    boot: { defaultMedia: 'sdcard' as const, alternateMedia: ['usb' as const], flashProtocol: 'rpiboot' as const },
    sources: ['https://example.com/demo'],
  };
  const upstreamWith = (data: Record<string, unknown>) => ({ slug: 'demo-board', type: 'hw.device-type', name: 'Demo Board', data });

  test('a key upstream does not state keeps Boardhub’s value', () => {
    const { contract } = importDeviceType(upstreamWith({ arch: 'aarch64', hdmi: true }), 'demo-board', existing);
    expect(contract.hardware).toEqual({ ethernet: true, wifi: true, hdmi: true });
    expect(contract.boot).toEqual({ defaultMedia: 'sdcard', alternateMedia: ['usb'], flashProtocol: 'rpiboot' });
  });

  test('Boardhub’s own value wins over a different upstream one, and the disagreement is reported', () => {
    const upstream = upstreamWith({
      arch: 'aarch64',
      connectivity: { wifi: false },
      media: { defaultBoot: 'internal', altBoot: ['network'] },
      flashProtocol: 'jetsonFlash',
    });
    const { contract, unmapped } = importDeviceType(upstream, 'demo-board', existing);
    expect(contract.hardware).toEqual({ ethernet: true, wifi: true });
    expect(contract.boot).toEqual(existing.boot);
    expect(unmapped).toContain("data/wifi: upstream says false, kept Boardhub's true");
    expect(unmapped.some((line) => line.startsWith('data/media: upstream says {"defaultMedia":"internal"'))).toBe(true);
  });

  test('a board Boardhub does not state boot facts for takes upstream’s', () => {
    const { boot: _none, ...withoutBoot } = existing;
    const upstream = upstreamWith({
      arch: 'aarch64',
      media: { defaultBoot: 'internal', altBoot: ['network'] },
      flashProtocol: 'jetsonFlash',
    });
    const { contract } = importDeviceType(upstream, 'demo-board', withoutBoot);
    expect(contract.boot).toEqual({ defaultMedia: 'internal', alternateMedia: ['network'], flashProtocol: 'jetson-flash' });
  });

  test('an upstream value that does not map keeps Boardhub’s value and is reported', () => {
    const upstream = upstreamWith({ arch: 'aarch64', flashProtocol: 'carrierPigeon', media: { defaultBoot: 'floppy' } });
    const { contract, unmapped } = importDeviceType(upstream, 'demo-board', existing);
    expect(contract.boot).toEqual({ defaultMedia: 'sdcard', alternateMedia: ['usb'], flashProtocol: 'rpiboot' });
    expect(unmapped).toContain('data/flashProtocol: unknown protocol "carrierPigeon"');
    expect(unmapped).toContain('data/media: unknown medium "floppy"');
  });
});
