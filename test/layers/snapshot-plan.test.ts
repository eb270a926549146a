// The layer snapshot rules (revision, file selection, index records) on made-up data and on the real snapshot, plus the refresh script on a local git history.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  LAYER_REPOSITORIES,
  formatFileList,
  groupBoards,
  isMetaBalenaPath,
  isSafeRelativePath,
  isSelectedLayerPath,
  layerFiles,
  manifestRevisions,
  matchRegistryBoard,
  metaBalenaPin,
  parseCatFileBatch,
  parseDeletionLog,
  parseTree,
  serializeIndex,
  type BoardRecord,
  type Deletion,
  type TreeEntry,
} from '../../src/layers/snapshot-plan.ts';
import { snapshotLayers } from '../../scripts/snapshot-layers.ts';

const SNAPSHOT = '../shared/upstream/balena-os-layers';
const work = mkdtempSync(join(tmpdir(), 'boardhub-layers-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const HEAD = 'h'.repeat(40);
const deletion = (commit: string, parent: string, date: string, paths: string[]): Deletion => ({ commit, parent, date, paths });

describe('the revision rule', () => {
  test('a manifest still at HEAD takes HEAD; a deleted one the parent of its deleting commit, with the deletion date', () => {
    const history = [deletion('d2', 'p2', '2024-05-01T00:00:00Z', ['old-board.coffee', 'docs/notes.coffee', 'README.md'])];
    expect(manifestRevisions(HEAD, ['kept.coffee', 'VERSION', 'layers/x.coffee'], history)).toEqual([
      { manifest: 'kept.coffee', commit: HEAD, atHead: true },
      { manifest: 'old-board.coffee', commit: 'p2', atHead: false, removedAt: '2024-05-01T00:00:00Z' },
    ]);
  });

  test('deleted twice (re-added in between): the latest deletion wins; back at HEAD: HEAD wins', () => {
    const history = [
      deletion('d3', 'p3', '2025-01-01T00:00:00Z', ['twice.coffee']),
      deletion('d1', 'p1', '2020-01-01T00:00:00Z', ['twice.coffee', 'back.coffee']),
    ];
    expect(manifestRevisions(HEAD, ['back.coffee'], history)).toEqual([
      { manifest: 'back.coffee', commit: HEAD, atHead: true },
      { manifest: 'twice.coffee', commit: 'p3', atHead: false, removedAt: '2025-01-01T00:00:00Z' },
    ]);
  });

  test('git log output is read into deletions, first parent only', () => {
    const log =
      '\x1ed2\x1fp2 m2\x1f2024-05-01T10:00:00+02:00\n\nold-board.coffee\nother.coffee\n\x1ed1\x1fp1\x1f2020-01-01T00:00:00Z\n\nx.coffee\n';
    expect(parseDeletionLog(log)).toEqual([
      { commit: 'd2', parent: 'p2', date: '2024-05-01T10:00:00+02:00', paths: ['old-board.coffee', 'other.coffee'] },
      { commit: 'd1', parent: 'p1', date: '2020-01-01T00:00:00Z', paths: ['x.coffee'] },
    ]);
  });
});

const blob = (path: string, size = 100, mode = '100644'): TreeEntry => ({ mode, type: 'blob', object: 'a'.repeat(40), size, path });

describe('the file selection rule', () => {
  test.each([
    ['conf/machine/raspberrypi4-64.conf', true],
    ['recipes-core/images/balena-image.bbappend', true],
    ['recipes-bsp/u-boot/u-boot_%.bbappend', true],
    ['classes/image-sign-rpi.bbclass', true],
    ['wic/systemd-bootdisk-initrd.wks', true],
    ['wic/imx-imx-boot-singlepart.wks.in', true],
    ['recipes-bsp/rpi-eeprom/files/pieeprom-update.sh', true],
    ['recipes-support/hostapp-update-hooks/files/99-flash-bootloader', true],
    ['recipes-support/resin-init/files/resin-init-board', true],
    ['recipes-bsp/u-boot/files/0001-Integrate-with-BalenaOS.patch', true],
    ['recipes-bsp/u-boot/files/boot.cmd', true],
    ['recipes-core/edison-dfu/files/FlashEdison.json', true],
    ['recipes-bsp/u-boot-flasher/files/u-boot-flasher.service', true],
    // per-machine variants in sub-folders, other recipes' payloads, docs and binaries are listed, not copied
    ['recipes-support/hostapp-update-hooks/files/cl-som-imx8/99-flash-bootloader', false],
    ['recipes-support/resin-init/resin-init-flasher-board/resin-init-flasher-board', false],
    ['recipes-kernel/linux/files/0001-fix.patch', false],
    ['recipes-bsp/rpi-u-boot-scr/rpi-u-boot-scr/boot.cmd.in', false],
    ['recipes-connectivity/bluez5/files/main.service', false],
    ['recipes-core/edison-dfu/files/flashall.bat', false],
    ['conf/samples/local.conf.sample', false],
    ['README.md', false],
  ])('%s: %s', (path, selected) => {
    expect(isSelectedLayerPath(path)).toBe(selected);
  });

  test('FILES lists every file of the board layer; only selected regular files within the size limit are copied', () => {
    const tree = [
      blob('layers/meta-balena-demo/conf/layer.conf'),
      blob('layers/meta-balena-demo/README.md'),
      blob('layers/meta-balena-demo/recipes-kernel/linux/cve-exclusion.inc', 300 * 1024),
      blob('layers/meta-balena-demo/conf/machine/link.conf', 10, '120000'),
      blob('layers/poky/meta/conf/bitbake.conf'),
      blob('demo.coffee'),
      { mode: '160000', type: 'commit', object: 'b'.repeat(40), size: undefined, path: 'layers/meta-balena' } as const,
    ];
    const { listed, copied } = layerFiles(tree);
    expect(listed).toEqual([
      'layers/meta-balena-demo/README.md',
      'layers/meta-balena-demo/conf/layer.conf',
      'layers/meta-balena-demo/conf/machine/link.conf',
      'layers/meta-balena-demo/recipes-kernel/linux/cve-exclusion.inc',
    ]);
    expect(copied.map((entry) => entry.path)).toEqual(['layers/meta-balena-demo/conf/layer.conf']);
    expect(formatFileList([])).toBe('\n');
    expect(metaBalenaPin([{ path: 'layers/meta-resin', commit: 'c'.repeat(40) }])).toBe('c'.repeat(40));
  });

  test('meta-balena: classes, conf, distro configuration and image recipes of its own layers', () => {
    expect(isMetaBalenaPath('meta-balena-common/classes/image_types_balena.bbclass')).toBe(true);
    expect(isMetaBalenaPath('meta-resin-common/conf/distro/include/resin-os.inc')).toBe(true);
    expect(isMetaBalenaPath('meta-balena-kirkstone/recipes-core/images/balena-image.bbappend')).toBe(true);
    expect(isMetaBalenaPath('meta-balena-common/recipes-core/images/files/x.sh')).toBe(false);
    expect(isMetaBalenaPath('meta-balena-common/recipes-containers/docker/docker.bb')).toBe(false);
    expect(isMetaBalenaPath('docs/classes/x.bbclass')).toBe(false);
  });

  test('git tree and object output is read safely', () => {
    const object = 'd'.repeat(40);
    const listing = [
      `100644 blob ${object}     12\tVERSION`,
      `160000 commit ${'e'.repeat(40)}       -\tlayers/meta-balena`,
      `100644 blob ${object} 1\t../escape`,
    ].join('\0');
    expect(parseTree(listing)).toEqual([
      { mode: '100644', type: 'blob', object, size: 12, path: 'VERSION' },
      { mode: '160000', type: 'commit', object: 'e'.repeat(40), size: undefined, path: 'layers/meta-balena' },
    ]);
    const batch = Buffer.from(`${object} blob 3\nabc\n${'f'.repeat(40)} missing\n`);
    expect([...parseCatFileBatch(batch)].map(([id, content]) => [id, content.toString()])).toEqual([[object, 'abc']]);
    expect(isSafeRelativePath('a/../b')).toBe(false);
    expect(isSafeRelativePath('/etc/passwd')).toBe(false);
  });
});

describe('index.json records', () => {
  const record = (repo: string, manifest: string, declaredSlug: string | null): BoardRecord => ({
    repo,
    commit: 'c'.repeat(40),
    date: '2024-01-01T00:00:00Z',
    version: '6.0.0',
    manifest,
    declaredSlug,
    atHead: true,
    registryBoard: null,
  });

  test('boards group by manifest, ordered by repository; the registry matches the declared slug, then the file name', () => {
    const boards = groupBoards([
      record('balena-os/balena-rockchip-rk3288', 'tinker.coffee', 'tinker'),
      record('balena-os/balena-asus', 'tinker.coffee', 'x'),
    ]);
    expect(boards.tinker!.map((entry) => entry.repo)).toEqual(['balena-os/balena-asus', 'balena-os/balena-rockchip-rk3288']);
    const lookup = (slug: string) => ({ 'raspberry-pi': 'raspberry-pi', 'zc702-zynq7': 'zc702-zynq7' })[slug];
    expect(matchRegistryBoard(record('r/x', 'raspberrypi.coffee', 'raspberry-pi'), lookup)).toBe('raspberry-pi');
    expect(matchRegistryBoard(record('r/x', 'zc702-zynq7.coffee', 'zynq-xz702'), lookup)).toBe('zc702-zynq7');
    expect(matchRegistryBoard(record('r/x', 'chip.coffee', 'chip'), lookup)).toBeNull();
  });

  test('serialised with sorted keys and without absent fields', () => {
    const text = serializeIndex({
      metaBalena: {},
      boards: { b: [record('r/x', 'b.coffee', 'b')] },
      deviceTypesCommon: { repo: 'r/y', commit: 'c', version: null },
    });
    expect(Object.keys(JSON.parse(text))).toEqual(['boards', 'deviceTypesCommon', 'metaBalena']);
    expect(Object.keys(JSON.parse(text).boards.b[0])).toEqual([
      'atHead',
      'commit',
      'date',
      'declaredSlug',
      'manifest',
      'registryBoard',
      'repo',
      'version',
    ]);
  });
});

// These read the committed snapshot and fail (not skip) without it: the repository list and the selection rule were
// derived from it, and must keep describing it.
describe('against the real snapshot (../shared/upstream/balena-os-layers)', () => {
  const index = JSON.parse(readFileSync(join(SNAPSHOT, 'index.json'), 'utf8'));

  test('every repository in index.json is in the repository list', () => {
    const repositories = new Set(Object.values<BoardRecord[]>(index.boards).flatMap((records) => records.map((record) => record.repo)));
    expect(repositories.size).toBeGreaterThan(0);
    expect([...repositories].filter((repo) => !LAYER_REPOSITORIES.includes(repo))).toEqual([]);
  });

  test('the selection rule predicts which FILES entries the snapshot holds (three are too large or binary)', () => {
    const mismatches: string[] = [];
    for (const repo of readdirSync(join(SNAPSHOT, 'repos')))
      for (const commit of readdirSync(join(SNAPSHOT, 'repos', repo))) {
        const root = join(SNAPSHOT, 'repos', repo, commit);
        for (const path of readFileSync(join(root, 'FILES'), 'utf8').split('\n').filter(Boolean)) {
          const selected = isSelectedLayerPath(path.split('/').slice(2).join('/'));
          if (selected !== existsSync(join(root, path)))
            mismatches.push(`${selected ? 'selected, absent' : 'present, not selected'}: ${path}`);
        }
      }
    expect([...new Set(mismatches)].sort()).toEqual([
      'selected, absent: layers/meta-balena-generic/recipes-kernel/linux/cve-exclusion_6.18.inc',
      'selected, absent: layers/meta-balena-nanopc-t4/recipes-bsp/u-boot/files/0000-rockchip-add-support-for-px30.patch',
      'selected, absent: layers/meta-balena-rockpro64/recipes-bsp/u-boot/files/rk3399_bl31_v1.35.elf',
    ]);
  });
});

// -------------------------------------------------------------------------------------------------------------------
// The refresh script on local repositories: proves clone, revision rule, copy and index without the internet.

let clock = 0;
function git(directory: string, ...args: string[]): string {
  // Fixed identities and dates keep the test independent of the machine's git configuration.
  const date = `2024-01-0${++clock}T12:00:00+00:00`;
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't' };
  return execFileSync('git', ['-C', directory, ...args], {
    env: { ...env, GIT_COMMITTER_EMAIL: 't@example.com', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_CONFIG_GLOBAL: '/dev/null' },
  })
    .toString()
    .trim();
}

function repository(remotes: string, name: string): string {
  const directory = join(remotes, name);
  mkdirSync(directory, { recursive: true });
  git(directory, 'init', '--quiet', '--initial-branch=main');
  return directory;
}

function write(directory: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(directory, path)), { recursive: true });
    writeFileSync(join(directory, path), content);
  }
}

/** Commits the work tree; `gitlinks` are submodule pins staged without a checkout (what a layer's layers/meta-balena is). */
function commit(directory: string, message: string, gitlinks: Record<string, string> = {}): string {
  git(directory, 'add', '--all');
  for (const [path, pinned] of Object.entries(gitlinks)) git(directory, 'update-index', '--add', '--cacheinfo', `160000,${pinned},${path}`);
  git(directory, 'commit', '--quiet', '-m', message);
  return git(directory, 'rev-parse', 'HEAD');
}

describe('scripts/snapshot-layers.ts on a local history', () => {
  test('a manifest added then deleted is taken from the parent of the deleting commit', () => {
    const remotes = join(work, 'remotes');
    const metaBalena = repository(remotes, 'balena-os/meta-balena');
    write(metaBalena, {
      'meta-balena-common/classes/image_types_balena.bbclass': 'BALENA_BOOT_SIZE ?= "40960"\n',
      'meta-balena-common/conf/layer.conf': 'BBFILE_COLLECTIONS += "balena-common"\n',
      'README.md': 'not copied\n',
    });
    const pin = commit(metaBalena, 'meta-balena');
    git(metaBalena, 'tag', 'v1.0.0');

    const deviceTypes = repository(remotes, 'balena-io-modules/resin-device-types');
    write(deviceTypes, { 'common/instructions.coffee': 'module.exports = {}\n', 'package.json': '{}\n', 'CHANGELOG.md': 'not copied\n' });
    const deviceTypesHead = commit(deviceTypes, 'device types');
    git(deviceTypes, 'tag', 'v10.0.0');

    const layer = repository(remotes, 'balena-os/balena-demo');
    write(layer, {
      'old-board.coffee': "module.exports =\n\tslug: 'old-board-declared'\n",
      VERSION: '1.0.0\n',
      'layers/meta-balena-demo/conf/machine/old-board.conf': 'MACHINE_FEATURES = ""\n',
      'layers/meta-balena-demo/README.md': 'listed, not copied\n',
      'layers/meta-balena-demo/recipes-bsp/u-boot/files/firmware.bin': 'binary\0payload',
    });
    const shipped = commit(layer, 'old board', { 'layers/meta-balena': pin });
    rmSync(join(layer, 'old-board.coffee'));
    write(layer, { 'new-board.coffee': "module.exports =\n\tslug: 'new-board'\n", VERSION: '2.0.0\n' });
    const head = commit(layer, 'replace the old board', { 'layers/meta-balena': pin });
    const removedAt = git(layer, 'log', '-1', '--format=%cI', head);

    const out = join(work, 'snapshot');
    const lines: string[] = [];
    const index = snapshotLayers({
      out,
      cache: join(work, 'cache'),
      remoteBase: remotes,
      repositories: ['balena-os/balena-demo'],
      registryBoard: (slug) => (slug === 'new-board' ? 'new-board' : undefined),
      log: (line) => lines.push(line),
    });

    expect(index.boards['old-board']).toEqual([
      {
        repo: 'balena-os/balena-demo',
        commit: shipped,
        date: git(layer, 'log', '-1', '--format=%cI', shipped),
        version: '1.0.0',
        manifest: 'old-board.coffee',
        declaredSlug: 'old-board-declared',
        atHead: false,
        removedAt,
        registryBoard: null,
      },
    ]);
    expect(index.boards['new-board']).toMatchObject([{ commit: head, atHead: true, version: '2.0.0', registryBoard: 'new-board' }]);
    expect(index.metaBalena).toEqual({
      [pin]: {
        describe: 'v1.0.0',
        tag: 'v1.0.0',
        date: git(metaBalena, 'log', '-1', '--format=%cI', pin),
        files: 2,
        usedBy: [`balena-demo@${head.slice(0, 12)}`, `balena-demo@${shipped.slice(0, 12)}`].sort(),
      },
    });
    expect(index.deviceTypesCommon).toEqual({ repo: 'balena-io-modules/resin-device-types', commit: deviceTypesHead, version: 'v10.0.0' });

    const revision = join(out, 'repos/balena-demo', shipped);
    expect(readdirSync(revision).sort()).toEqual(['FILES', 'SUBMODULES', 'VERSION', 'layers', 'old-board.coffee']);
    expect(readFileSync(join(revision, 'SUBMODULES'), 'utf8')).toBe(`layers/meta-balena ${pin}\n`);
    expect(readFileSync(join(revision, 'FILES'), 'utf8').split('\n')).toContain(
      'layers/meta-balena-demo/recipes-bsp/u-boot/files/firmware.bin',
    );
    expect(existsSync(join(revision, 'layers/meta-balena-demo/conf/machine/old-board.conf'))).toBe(true);
    expect(existsSync(join(revision, 'layers/meta-balena-demo/README.md'))).toBe(false);
    expect(existsSync(join(revision, 'layers/meta-balena-demo/recipes-bsp/u-boot/files/firmware.bin'))).toBe(false);
    expect(readdirSync(join(out, 'meta-balena', pin, 'meta-balena-common')).sort()).toEqual(['classes', 'conf']);
    expect(existsSync(join(out, 'device-types-common', deviceTypesHead, 'common/instructions.coffee'))).toBe(true);
    expect(existsSync(join(out, 'device-types-common', deviceTypesHead, 'CHANGELOG.md'))).toBe(false);
    expect(JSON.parse(readFileSync(join(out, 'index.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(index)));

    // A second run reuses the mirrors (fetch, not clone) and refuses to write over a snapshot.
    expect(() =>
      snapshotLayers({ out, cache: join(work, 'cache'), remoteBase: remotes, registryBoard: () => undefined, log: () => {} }),
    ).toThrow(/is not empty/);
    const again = snapshotLayers({
      out: join(work, 'snapshot-2'),
      cache: join(work, 'cache'),
      remoteBase: remotes,
      repositories: ['balena-os/balena-demo'],
      registryBoard: (slug) => (slug === 'new-board' ? 'new-board' : undefined),
      log: (line) => lines.push(line),
    });
    expect(again).toEqual(index);
    expect(lines.filter((line) => line.startsWith('fetch '))).toHaveLength(3);
  });
});
