// The npm package as a consumer gets it: packed, installed into a fresh project, then imported, required, type-checked and run.
import { PINNED_SOURCE_PATTERN } from '../../src/schema/index.ts';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const repo = resolve('.');
const work = mkdtempSync(join(tmpdir(), 'boardhub-package-'));
const project = join(work, 'consumer');
const bin = (name: string) => join(repo, 'node_modules/.bin', name);
const env = {
  ...process.env,
  PATH: `${join(repo, 'node_modules/.bin')}:${process.env.PATH}`,
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
};
const run = (command: string, args: string[], cwd = project) =>
  execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const node = (args: string[]) => run(process.execPath, args);

let packageDir: string;

beforeAll(() => {
  run(process.execPath, ['scripts/build.ts', '--out', join(work, 'dist')], repo);
  packageDir = join(work, 'dist/package');
  run('npm', ['pack', '--pack-destination', work], packageDir);
  const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'))!;
  run('mkdir', ['-p', project], work);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, tarball)]);
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('installed from the tarball', () => {
  test('imports from ESM: lookup by slug and alias, filters, instructions', () => {
    writeFileSync(
      join(project, 'esm.js'),
      `import { boards, getBoard, findBoards, instructions } from '@boardhub/contracts';
console.log(JSON.stringify({
  count: boards.length,
  pi: getBoard('raspberrypi4-64').installMethod,
  alias: getBoard('ZE250')?.slug,
  orinWithWifi: findBoards({ arch: 'aarch64', wifi: true }).length > 0,
  md: instructions('raspberrypi4-64', 'macos', 'md').split('\\n')[0],
}));`,
    );
    const out = JSON.parse(node(['esm.js']));
    expect(out.count).toBeGreaterThanOrEqual(145);
    expect(out.pi).toEqual({ method: 'external-boot', medium: 'sdcard' });
    expect(out.alias).toBe('cybertan-ze250');
    expect(out.orinWithWifi).toBe(true);
    expect(out.md).toBe('1. Insert the SD card into your computer.');
  });

  test('requires from CommonJS (Node >= 22.12 loads ES modules with require)', () => {
    writeFileSync(
      join(project, 'cjs.cjs'),
      `const { getBoard } = require('@boardhub/contracts'); console.log(getBoard('jetson-nano').installMethod.tool);`,
    );
    expect(node(['cjs.cjs']).trim()).toBe('jetson-flash');
  });

  test('imports one board as JSON, and the whole dataset', () => {
    writeFileSync(
      join(project, 'json.js'),
      `import board from '@boardhub/contracts/device-types/intel-nuc.json' with { type: 'json' };
import all from '@boardhub/contracts/boardhub.json' with { type: 'json' };
console.log(board.installMethod.method, all.boards.length > 100);`,
    );
    expect(node(['json.js']).trim()).toBe('external-flash true');
  });

  test('ships balena’s device-type.json per board, the same the exported function builds', () => {
    writeFileSync(
      join(project, 'manifest.js'),
      `import { getBoard, deviceTypeManifest } from '@boardhub/contracts';
import shipped from '@boardhub/contracts/device-types/jetson-xavier.device-type.json' with { type: 'json' };
console.log(JSON.stringify(deviceTypeManifest(getBoard('jetson-xavier'))) === JSON.stringify(shipped), shipped.configuration.config.partition.primary);`,
    );
    expect(node(['manifest.js']).trim()).toBe('true 37');
  });

  test('a board says which balenaOS release and layer revision its facts hold for, each fact with a pinned source', () => {
    const board = JSON.parse(readFileSync(join(project, 'node_modules/@boardhub/contracts/device-types/raspberrypi4-64.json'), 'utf8'));
    const contract = JSON.parse(readFileSync('contracts/hw.device-type/raspberrypi4-64/contract.json', 'utf8'));
    expect(board.layer).toMatchObject({ repo: contract.layer.repo, commit: contract.layer.commit, release: contract.layer.release });
    expect(board.layer.url).toBe(`https://github.com/${contract.layer.repo}/tree/${contract.layer.commit}`);
    for (const source of Object.values(board.layer.facts)) expect(source).toMatch(PINNED_SOURCE_PATTERN);
    expect(board.partitions.partitions.find((p: { label: string }) => p.label === 'resin-boot').size).toBe(
      contract.partitions.sizes['resin-boot'],
    );
    const shown = run('npx', ['--no-install', 'boardhub', 'show', 'raspberrypi4-64']);
    expect(shown).toMatch(/Facts hold for +balenaOS /);
    expect(shown).toContain(`balenaOS ${contract.layer.release}, ${contract.layer.repo} at ${contract.layer.commit.slice(0, 12)}`);
  });

  test('validates and overlays another registry with the registry subpath', () => {
    writeFileSync(
      join(project, 'overlay.js'),
      `import { validateOverlay, bundledContracts, validateRegistry } from '@boardhub/contracts/registry';
import { mkdirSync, writeFileSync } from 'node:fs';
const board = (slug) => ({ type: 'hw.device-type', slug, name: 'Private ' + slug, family: 'raspberrypi', state: 'beta', arch: 'aarch64',
  boot: { defaultMedia: 'sdcard' }, sources: ['https://example.com/' + slug] });
for (const slug of ['acme-gateway', 'raspberrypi4-64']) {
  mkdirSync('private/hw.device-type/' + slug, { recursive: true });
  writeFileSync('private/hw.device-type/' + slug + '/contract.json', JSON.stringify(board(slug), null, 2));
}
const clash = validateOverlay('private');
console.log(validateRegistry(bundledContracts).diagnostics.length, clash.diagnostics.map((d) => d.rule).join(','));`,
    );
    expect(node(['overlay.js']).trim()).toBe('0 unique-board-slugs');
  });

  test('type-checks a TypeScript consumer with moduleResolution node16 and bundler', () => {
    writeFileSync(
      join(project, 'consumer.ts'),
      `import { getBoard, findBoards, type ResolvedBoard, type HostOs } from '@boardhub/contracts';
import { deviceTypeSchema } from '@boardhub/contracts/schema';
const board: ResolvedBoard | undefined = getBoard('raspberrypi4-64');
const host: HostOs = 'linux';
const method: 'external-boot' | 'external-flash' | 'usb-boot' | 'usb-mass-storage' | 'vendor-tool' | 'virtual-image' | undefined = board?.installMethod.method;
const names: string[] = findBoards({ installMethod: 'usb-boot' }).map((b) => b.name);
const parsed = deviceTypeSchema.safeParse({});
export { host, method, names, parsed };
`,
    );
    writeFileSync(
      join(project, 'bad.ts'),
      `import { getBoard } from '@boardhub/contracts';\nconst n: number = getBoard('x')!.name;\nexport { n };\n`,
    );
    for (const resolution of [
      { module: 'node16', moduleResolution: 'node16' },
      { module: 'esnext', moduleResolution: 'bundler' },
    ]) {
      const config = {
        compilerOptions: { ...resolution, strict: true, noEmit: true, target: 'es2022', types: [], skipLibCheck: false },
        files: ['consumer.ts'],
      };
      writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(config));
      expect(() => run(bin('tsc'), ['-p', 'tsconfig.json'])).not.toThrow();
      // The types are real: a wrong use fails.
      writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ ...config, files: ['bad.ts'] }));
      let output = '';
      try {
        run(bin('tsc'), ['-p', 'tsconfig.json']);
      } catch (error) {
        output = String((error as { stdout?: string }).stdout);
      }
      expect(output).toMatch(/Type 'string' is not assignable to type 'number'/);
    }
  });

  test('runs the CLI through npx', () => {
    expect(run('npx', ['--no-install', 'boardhub', 'show', 'raspberrypi4-64'])).toMatch(/Install method\s+external-boot/);
    expect(run('npx', ['--no-install', 'boardhub', 'list', '--method', 'usb-boot'])).toMatch(/7 of \d+ boards/);
    expect(run('npx', ['--no-install', 'boardhub', 'instructions', 'intel-edison', '--os', 'linux', '--format', 'md'])).toMatch(/^1\. /m);
    expect(run('npx', ['--no-install', 'boardhub', 'validate', 'node_modules/@boardhub/contracts/contracts'])).toMatch(/0 errors/);
  });

  test('the CLI watches a registry folder (validate --watch) with its own dependencies', async () => {
    const child = spawn(
      join(project, 'node_modules/.bin/boardhub'),
      ['validate', 'node_modules/@boardhub/contracts/contracts', '--watch'],
      {
        cwd: project,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    try {
      await expect.poll(() => out, { timeout: 20_000 }).toMatch(/0 errors[\s\S]*watching node_modules\/@boardhub\/contracts\/contracts/);
    } finally {
      child.kill();
    }
  });

  test('publint reports nothing and attw passes with the esm-only profile', () => {
    expect(run(bin('publint'), [], packageDir)).toMatch(/All good/);
    expect(() => run(bin('attw'), ['--pack', '.', '--profile', 'esm-only'], packageDir)).not.toThrow();
  });
});
