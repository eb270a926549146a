// The generated device-type.json: its config.json partition matches each board's own balena manifest, and its keys come from the facts.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { configPartition, deviceTypeManifest, manifestPartitionNumber } from '../../src/manifest/device-type-manifest.ts';
import { manifestFacts, parseManifest } from '../../src/layers/manifest.ts';
import { loadRegistry } from '../../src/registry/validate.ts';

const SNAPSHOT = '../shared/upstream/balena-os-layers';
const registry = loadRegistry('contracts');

test('config.json sits where each board’s own .coffee manifest says, for every board in the snapshot', () => {
  if (!existsSync(SNAPSHOT)) throw new Error(`the layer snapshot is missing: expected ${resolve(SNAPSHOT)}`);
  const contracts = new Map(
    registry.boards.map((b) => [b.slug, JSON.parse(readFileSync(`contracts/hw.device-type/${b.slug}/contract.json`, 'utf8'))]),
  );
  const compared: string[] = [];
  const mismatches: string[] = [];
  for (const board of registry.boards) {
    if (!board.layer || !board.osImage) continue;
    const coffee = join(SNAPSHOT, 'repos', board.layer.repo.split('/')[1]!, board.layer.commit, board.layer.manifest);
    const facts = manifestFacts(parseManifest(readFileSync(coffee, 'utf8')));
    if (facts.configPartition === undefined) continue;
    const theirs = { number: manifestPartitionNumber(facts.configPartition), path: facts.configPath ?? '/config.json' };
    const config = configPartition(board)!;
    const ours = { number: manifestPartitionNumber(config.partition), path: config.path };
    // A difference is allowed only where the contract explains it with a sourced exception.
    const explained = contracts.get(board.slug).layer?.exceptions?.some((e: { fact: string }) => e.fact === '/partitions/config');
    if (JSON.stringify(ours) !== JSON.stringify(theirs) && !explained)
      mismatches.push(`${board.slug}: ours ${JSON.stringify(ours)}, manifest ${JSON.stringify(theirs)}`);
    compared.push(board.slug);
  }
  expect(mismatches).toEqual([]);
  expect(compared.length).toBeGreaterThan(registry.boards.length / 2);
});

test('the manifest of an MBR board, a Jetson, a flasher and a device without an image', () => {
  const pi = deviceTypeManifest(registry.board('raspberrypi4-64')!);
  expect(pi).toMatchObject({
    slug: 'raspberrypi4-64',
    version: 1,
    arch: 'aarch64',
    state: 'released',
    yocto: { machine: 'raspberrypi4-64', deployArtifact: 'balena-image-raspberrypi4-64.balenaos-img' },
    configuration: { config: { partition: { primary: 1 }, path: '/config.json' } },
    initialization: { operations: [{ command: 'burn' }] },
  });
  expect(pi.aliases[0]).toBe('raspberrypi4-64');
  const xavier = deviceTypeManifest(registry.board('jetson-xavier')!);
  expect(xavier.configuration?.config.partition).toEqual({ primary: 37 });
  expect(xavier.initialization).toBeUndefined(); // flashed with jetson-flash, not written to a drive
  const bbb = deviceTypeManifest(registry.board('beaglebone-black')!);
  expect(bbb.yocto).toMatchObject({ image: 'balena-image-flasher', deployArtifact: 'balena-image-flasher-beaglebone.balenaos-img' });
  expect(bbb.configuration?.config.partition).toEqual({ primary: 1 });
  const dependent = registry.boards.find((b) => !b.osImage)!;
  expect(deviceTypeManifest(dependent)).toMatchObject({ isDependent: true });
  expect(deviceTypeManifest(dependent).configuration).toBeUndefined();
});

test('an MBR logical partition is written the way balena writes it', () => {
  const board = structuredClone(registry.board('raspberrypi4-64')!);
  board.partitions!.config = { partition: 'resin-state', path: '/config.json' };
  expect(configPartition(board)?.partition).toEqual({ primary: 4, logical: 1 });
  expect(manifestPartitionNumber({ primary: 4, logical: 1 })).toBe(5);
});
