// The layer importer on real files of the balenaOS layer snapshot: derived facts, their sources, and the registry-wide check.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deriveBoard, knownMachines, type DerivedBoard } from '../../src/layers/derive.ts';
import { effectiveValue, layerImageKind } from '../../src/layers/compare.ts';
import { importLayers, unexplained } from '../../src/layers/run-layer-import.ts';
import { chainFromLayer } from '../../src/layers/bootloader-chain.ts';
import { describeLayerRevision } from '../../src/layers/fact-labels.ts';
import { readSnapshot, shippingRevision, type LayerSnapshot } from '../../src/layers/snapshot.ts';
import { PINNED_SOURCE_PATTERN } from '../../src/schema/index.ts';
import { loadRegistry } from '../../src/registry/validate.ts';

const SNAPSHOT = '../shared/upstream/balena-os-layers';
let snapshot: LayerSnapshot;
let machines: Set<string>;
const work = mkdtempSync(join(tmpdir(), 'boardhub-layers-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(() => {
  // These tests read the real upstream files; without them they must fail, not pass vacuously.
  if (!existsSync(join(SNAPSHOT, 'index.json')))
    throw new Error(`the layer snapshot is missing: expected ${resolve(SNAPSHOT)} (see CONTRIBUTING.md, "Facts from the board layers")`);
  snapshot = readSnapshot(SNAPSHOT);
  machines = knownMachines(snapshot);
});

function derive(manifest: string): DerivedBoard {
  return deriveBoard(snapshot, manifest, shippingRevision(snapshot.boards[manifest]!)!, machines);
}
const value = (board: DerivedBoard, pointer: string) => board.facts.get(pointer)?.value;
/** The cited file and line, without the repository and commit. */
const cited = (board: DerivedBoard, pointer: string) => board.facts.get(pointer)?.source.replace(/^.*\/blob\/[0-9a-f]{40}\//, '');
const sizes = (board: DerivedBoard) =>
  Object.fromEntries(
    ['resin-boot', 'resin-rootA', 'resin-rootB', 'resin-state'].map((label) => [label, value(board, `/partitions/sizes/${label}`)]),
  );

describe('deriving one board from its layer revision', () => {
  test('per-machine overrides in the current syntax, and a FAT32 boot partition (raspberrypi4-64)', () => {
    const board = derive('raspberrypi4-64');
    expect(sizes(board)).toEqual({ 'resin-boot': 40, 'resin-rootA': 320, 'resin-rootB': 320, 'resin-state': 20 });
    expect(cited(board, '/partitions/sizes/resin-boot')).toBe('layers/meta-balena-raspberrypi/recipes-core/images/balena-image.inc#L122');
    expect(value(board, '/partitions/bootFat32')).toBe(true);
    expect(cited(board, '/partitions/bootFat32')).toBe('layers/meta-balena-raspberrypi/recipes-core/images/balena-image.inc#L4');
    expect(board.layer).toMatchObject({ repo: 'balena-os/balena-raspberrypi', release: '7.4.0+rev7', metaBalena: { release: 'v7.4.0' } });
    expect(value(board, '/yocto/deployArtifact')).toBe('balena-image-raspberrypi4-64.balenaos-img');
    expect(cited(board, '/yocto/machine')).toBe('raspberrypi4-64.coffee#L21');
  });

  test('the old underscore syntax counts before honister (apollo-tx2) and not after (phyboard-lyra-am62xx-2)', () => {
    const apollo = derive('apollo-tx2');
    expect(value(apollo, '/partitions/sizes/resin-boot')).toBe(80); // BALENA_BOOT_SIZE_jetson-tx2 = "80960", aligned up
    expect(cited(apollo, '/partitions/sizes/resin-boot')).toMatch(/balena-image\.inc#L19$/);
    // On kirkstone BitBake, BALENA_STATE_SIZE_phyboard-lyra-am62xx-2 is a variable of its own: v8's 80 MiB default stays.
    const phytec = derive('phyboard-lyra-am62xx-2');
    expect(value(phytec, '/partitions/sizes/resin-state')).toBe(80);
    expect(cited(phytec, '/partitions/sizes/resin-state')).toMatch(/image_types_balena\.bbclass#L115$/);
    expect(value(phytec, '/partitions/sizes/resin-rootA')).toBe(1024); // ${@disk_aligned(d,1024*1024)}, read, not run
  });

  test('defaults follow the pinned meta-balena: v2.x before v8 (edison), v8.0.0 (radxa-zero-s905y2)', () => {
    const edison = derive('edison');
    expect(edison.layer.metaBalena?.release).toBe('v2.107.18');
    expect(sizes(edison)).toEqual({ 'resin-boot': 40, 'resin-rootA': 320, 'resin-rootB': 320, 'resin-state': 20 });
    const radxa = derive('radxa-zero-s905y2');
    expect(radxa.layer.metaBalena?.release).toBe('v8.0.0');
    expect(value(radxa, '/partitions/sizes/resin-boot')).toBe(100);
    expect(value(radxa, '/partitions/sizes/resin-state')).toBe(80);
    expect(cited(radxa, '/partitions/sizes/resin-boot')).toMatch(/image_types_balena\.bbclass#L113$/);
  });

  test('a board that overrides only its boot size gets the root size meta-balena derives from it (coral-dev)', () => {
    const board = derive('coral-dev');
    expect(value(board, '/partitions/sizes/resin-boot')).toBe(80);
    expect(value(board, '/partitions/sizes/resin-state')).toBe(20);
    // (700 MiB − 80960 KiB − 20 MiB) / 2, rounded up to 4 MiB: 304, not the 320 an unchanged layout would show.
    expect(value(board, '/partitions/sizes/resin-rootA')).toBe(304);
    expect(cited(board, '/partitions/sizes/resin-rootA')).toMatch(/classes\/image_types_balena\.bbclass#L\d+$/);
  });

  test('a flasher image, a removed manifest, and a GPT layout with every vendor partition', () => {
    expect(layerImageKind(derive('generic-amd64'))).toBe('flasher');
    // The flasher's boot size comes from the flasher recipe, which need not share the installed image's.
    const orin = derive('jetson-orin-nano-devkit-nvme');
    expect(value(orin, '/partitions/sizes/resin-boot')).toBe(120);
    expect(value(orin, '/partitions/sizes/flash-boot')).toBe(40);
    const bbb = loadRegistry('contracts').board('beaglebone-black')!;
    expect(bbb.partitions!.flasher!.layout.slug).toBe('balenaos-msdos-flasher');
    expect(bbb.partitions!.flasher!.config).toEqual({ partition: 'flash-boot', path: '/config.json' });
    expect(bbb.partitions!.flasher!.partitions.map((p) => [p.label, p.size])).toEqual([
      ['flash-boot', 40],
      ['flash-rootA', 'content'],
      ['flash-rootB', 4],
      ['flash-state', 4],
      ['flash-data', 4],
    ]);
    expect(layerImageKind(derive('raspberrypi4-64'))).toBe('plain');
    const fincm3 = derive('fincm3');
    expect(fincm3.layer.removed).toBe(true);
    expect(value(fincm3, '/state')).toBe('discontinued');
    const xavier = derive('jetson-xavier');
    expect(value(xavier, '/partitions/config')).toEqual({ number: 37, path: '/config.json' });
    const registry = loadRegistry('contracts');
    const board = registry.board('jetson-xavier')!;
    const layout = registry.layouts.find((l) => l.slug === board.partitions!.layout.slug)!;
    expect(effectiveValue('/partitions/config', board as never, layout as never)).toEqual({ number: 37, path: '/config.json' });
  });

  test('a layer that reserves more room before resin-boot moves it (isg-503: DEVICE_SPECIFIC_SPACE 40 MiB)', () => {
    const isg = derive('isg-503');
    expect(value(isg, '/partitions/bootStartKiB')).toBe(40960);
    expect(cited(isg, '/partitions/bootStartKiB')).toMatch(/recipes-core\/images\/balena-image\.inc#L19$/);
    const board = loadRegistry('contracts').board('isg-503')!;
    expect(board.partitions!.startOffsetKiB).toBe(40960);
    expect(value(derive('raspberrypi4-64'), '/partitions/bootStartKiB')).toBe(4096); // the class default: one alignment unit
  });

  test('what cannot be known is not derived: Python code (iot-gate-imx8) and a BSP-declared override (ccimx8x-sbc-pro)', () => {
    const gate = derive('iot-gate-imx8');
    expect(gate.facts.has('/partitions/sizes/resin-rootA')).toBe(false);
    expect(gate.notes.join('\n')).toMatch(/IMAGE_ROOTFS_SIZE: set by Python code .*balena-image\.inc:26/);
    const digi = derive('ccimx8x-sbc-pro');
    expect(digi.facts.has('/partitions/sizes/resin-boot')).toBe(false);
    expect(digi.notes.join('\n')).toContain('override "ccimx8x" may apply');
  });

  test('every derived fact cites a commit-pinned line', () => {
    for (const manifest of ['raspberrypi4-64', 'jetson-xavier', 'apollo-tx2', 'coral-dev'])
      for (const [pointer, fact] of derive(manifest).facts) expect(fact.source, `${manifest} ${pointer}`).toMatch(PINNED_SOURCE_PATTERN);
  });
});

describe('the bundled registry against the snapshot', () => {
  test('--check finds no unexplained difference and every manifest is accounted for', () => {
    const report = importLayers(SNAPSHOT, 'contracts', { check: true });
    expect(unexplained(report).map(({ slug, difference }) => `${slug} ${difference.pointer}`)).toEqual([]);
    expect(report.unaccounted).toEqual([]);
    // The snapshot's README names the only two registry boards without a layer.
    expect(report.withoutLayer.sort()).toEqual(['edge', 'jetson-agx-thor-devkit']);
  });

  test('the registry is the importer’s output: importing again changes no contract', () => {
    const copy = join(work, 'again');
    cpSync('contracts', copy, { recursive: true });
    expect(importLayers(SNAPSHOT, copy, { check: false }).written).toEqual([]);
  });

  test('a contract that drifts from its layer is reported, and a stale exception too', () => {
    const copy = join(work, 'drift');
    cpSync('contracts', copy, { recursive: true });
    const file = join(copy, 'hw.device-type/raspberrypi4-64/contract.json');
    const contract = JSON.parse(readFileSync(file, 'utf8'));
    contract.partitions.sizes['resin-boot'] = 100;
    writeFileSync(file, JSON.stringify(contract));
    const emgw3File = join(copy, 'hw.device-type/emgw3/contract.json');
    const emgw3 = JSON.parse(readFileSync(emgw3File, 'utf8'));
    emgw3.layer.exceptions[0].layer = '"plain"';
    writeFileSync(emgw3File, JSON.stringify(emgw3));
    const open = unexplained(importLayers(SNAPSHOT, copy, { check: true }));
    expect(open.map(({ slug, difference }) => [slug, difference.pointer, difference.contract, difference.layer])).toEqual([
      ['emgw3', '/boot/image', 'plain', 'flasher'],
      ['raspberrypi4-64', '/partitions/sizes/resin-boot', 100, 40],
    ]);
    expect(open[0]!.difference.staleException?.layer).toBe('"plain"');
  });
});

describe('boot code the layer states', () => {
  const from = { file: 'x', line: 1 };
  test('GRUB for BIOS and UEFI, UEFI only, BIOS only; an imx-boot container ahead of U-Boot; silence keeps the chain', () => {
    expect(chainFromLayer({ imageBootloader: { value: 'grub-efi grub', from } }, ['grub-efi'])?.chain).toEqual(['grub-bios-efi']);
    expect(chainFromLayer({ imageBootloader: { value: 'grub-efi', from } }, [])?.chain).toEqual(['grub-efi']);
    expect(chainFromLayer({ imageBootloader: { value: 'grub', from } }, [])?.chain).toEqual(['grub-bios']);
    expect(chainFromLayer({ imxBoot: { from } }, ['u-boot', 'kexec-loader'])?.chain).toEqual([
      'u-boot-spl',
      'trusted-firmware-a',
      'u-boot',
      'kexec-loader',
    ]);
    // Already complete: unchanged, so importing twice changes nothing.
    expect(chainFromLayer({ imxBoot: { from } }, ['u-boot-spl', 'trusted-firmware-a', 'u-boot'])?.chain).toEqual([
      'u-boot-spl',
      'trusted-firmware-a',
      'u-boot',
    ]);
    expect(chainFromLayer({ imageBootloader: { value: 'virtual/bootloader', from } }, ['u-boot'])).toBeUndefined();
  });

  test('on real layers: genericx86-64-ext boots by BIOS and UEFI, an i.MX 8M board writes imx-boot', () => {
    const intel = derive('genericx86-64-ext');
    expect(intel.bootloader.imageBootloader?.value).toBe('grub-efi grub');
    expect(intel.cite(intel.bootloader.imageBootloader!.from)).toMatch(
      /meta-balena-genericx86\/recipes-core\/images\/balena-image\.inc#L12$/,
    );
    const variscite = derive('imx8mm-var-dart');
    expect(variscite.bootloader.imxBoot).toBeDefined();
    const registry = loadRegistry('contracts');
    expect(registry.board('genericx86-64-ext')!.bootloader!.chain.map((s) => s.slug)).toEqual(['grub-bios-efi']);
    expect(registry.board('imx8mm-var-dart')!.bootloader!.chain.map((s) => s.slug)).toEqual(['u-boot-spl', 'trusted-firmware-a', 'u-boot']);
  });
});

describe('reading a snapshot', () => {
  test('a broken index.json is a clear error naming the file and the field; removedAt is kept when recorded', () => {
    const folder = join(work, 'snapshot');
    mkdirSync(folder, { recursive: true });
    expect(() => readSnapshot(folder)).toThrow(/index\.json: not found; expected a layer snapshot folder/);
    writeFileSync(join(folder, 'index.json'), '{"boards": {"x": [{"repo": "balena-os/balena-x", "commit": 1}]}}');
    expect(() => readSnapshot(folder)).toThrow(/index\.json: \/boards\/x\/0\/commit: expected a string, found 1/);
    const revision = { repo: 'balena-os/balena-x', commit: 'a'.repeat(40), date: '2020-01-02T00:00:00Z', manifest: 'x.coffee' };
    writeFileSync(
      join(folder, 'index.json'),
      JSON.stringify({ boards: { x: [{ ...revision, atHead: false, removedAt: '2021-05-06T07:08:09Z' }] } }),
    );
    const read = readSnapshot(folder).boards.x![0]!;
    expect(read.removedAt).toBe('2021-05-06T07:08:09Z');
    expect(describeLayerRevision({ ...revision, date: '2020-01-02', removed: true, removedAt: '2021-05-06' })).toBe(
      `balenaOS (release unknown), balena-os/balena-x at aaaaaaaaaaaa (2020-01-02); the layer stopped building this board on 2021-05-06`,
    );
  });
});
