// The scaffold end to end: create a board, validate, build, and find it in the package and on the site; and its refusals.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { loadRegistry } from '../../src/registry/validate.ts';
import { checkNewBoard, similarBoards } from '../../src/scaffold/new-board.ts';

const work = mkdtempSync(join(tmpdir(), 'boardhub-new-'));
const contracts = join(work, 'contracts');
cpSync('contracts', contracts, { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));
const node = (args: string[]) => spawnSync(process.execPath, args, { encoding: 'utf8' });

test('create a board, validate, build, and find it in the package and on the site', () => {
  const created = node([
    'scripts/new.ts',
    '--contracts',
    contracts,
    '--yes',
    '--slug',
    'acme-gateway',
    '--name',
    'Acme Gateway',
    '--family',
    'raspberrypi',
    '--arch',
    'aarch64',
    '--media',
    'sdcard',
    '--source',
    'https://example.com/acme-gateway',
  ]);
  expect(created.status, created.stderr).toBe(0);
  expect(created.stdout).toMatch(/✔ the registry validates; Acme Gateway installs by external-boot/);
  expect(created.stdout).toMatch(/Next:/);
  const contract = JSON.parse(readFileSync(join(contracts, 'hw.device-type/acme-gateway/contract.json'), 'utf8'));
  expect(contract.$schema).toBe('../../../schemas/hw.device-type.json');
  expect(existsSync(join(contracts, 'hw.device-type/acme-gateway/notes.md'))).toBe(true);
  expect(node(['scripts/validate.ts', contracts]).status).toBe(0);
  execFileSync(process.execPath, ['scripts/build.ts', '--contracts', contracts, '--out', join(work, 'dist')], { stdio: 'ignore' });
  const packaged = JSON.parse(readFileSync(join(work, 'dist/package/device-types/acme-gateway.json'), 'utf8'));
  expect(packaged.bootloader.chain.map((s: { slug: string }) => s.slug)).toEqual(['raspberrypi-firmware', 'u-boot']);
  expect(readFileSync(join(work, 'dist/site/boards/acme-gateway/index.html'), 'utf8')).toContain('<h1>Acme Gateway</h1>');
}, 180_000);

test('a taken slug, an alias, a missing family and a bad URL are refused before anything is written', () => {
  const registry = loadRegistry('contracts');
  const problems = checkNewBoard(registry, { slug: 'ze250', name: 'X', family: 'nope', media: 'sdcard', sources: ['ftp://x'] });
  expect(problems.map((p) => p.field)).toEqual(['slug', 'family', 'arch', 'sources']);
  expect(problems[0]!.message).toBe('"ze250" is already an alias of cybertan-ze250');
  const refused = node([
    'scripts/new.ts',
    '--contracts',
    contracts,
    '--yes',
    '--slug',
    'raspberrypi4-64',
    '--name',
    'Pi',
    '--family',
    'raspberrypi',
    '--media',
    'sdcard',
    '--arch',
    'aarch64',
    '--source',
    'https://example.com',
  ]);
  expect(refused.status).toBe(1);
  expect(refused.stderr).toMatch(/already the board/);
});

test('similar names are suggested, so duplicates are caught', () => {
  const registry = loadRegistry('contracts');
  expect(similarBoards(registry, 'Raspberry Pi 4 Model B', 'raspberry-pi-4b').map((b) => b.slug)).toContain('raspberrypi4-64');
  expect(similarBoards(registry, 'Jetson Nano SD card', 'jetson-nano-sd').map((b) => b.slug)).toContain('jetson-nano');
});
