// The rules behind the balenaOS layer snapshot (repositories, revisions, files, index.json records), free of I/O so tests can pin them.

/**
 * The balenaOS board layer repositories. Obtained from the snapshot of 2026-12-01
 * (../shared/upstream/balena-os-layers/index.json): the distinct `repo` values of its `boards` records, that is every
 * repository that had a device manifest at its root. These are public repository names (facts); add one here when
 * balena publishes a new board layer.
 */
export const LAYER_REPOSITORIES: readonly string[] = [
  'balena-os/balena-advantech-ecu1370',
  'balena-os/balena-allwinner',
  'balena-os/balena-am571x-evm',
  'balena-os/balena-artik',
  'balena-os/balena-artik710',
  'balena-os/balena-asus-tinker-board',
  'balena-os/balena-beaglebone',
  'balena-os/balena-chip',
  'balena-os/balena-compulab',
  'balena-os/balena-compulab-imx9',
  'balena-os/balena-connectcore',
  'balena-os/balena-coral',
  'balena-os/balena-dart-mx8m-plus',
  'balena-os/balena-db1',
  'balena-os/balena-edison',
  'balena-os/balena-fsl-arm',
  'balena-os/balena-generic',
  'balena-os/balena-intel',
  'balena-os/balena-intel-quark',
  'balena-os/balena-iot-gate-imx8',
  'balena-os/balena-iot-gate-imx8plus',
  'balena-os/balena-iot2000',
  'balena-os/balena-iotdin-imx8p',
  'balena-os/balena-isg',
  'balena-os/balena-jetson',
  'balena-os/balena-jetson-jp5',
  'balena-os/balena-jetson-orin',
  'balena-os/balena-jetson-tx1',
  'balena-os/balena-jetson-wnb',
  'balena-os/balena-kontron-mx8mm',
  'balena-os/balena-nanopc-t4',
  'balena-os/balena-nanopi-r2',
  'balena-os/balena-odroid',
  'balena-os/balena-owa5x',
  'balena-os/balena-parallella',
  'balena-os/balena-phytec',
  'balena-os/balena-qemu',
  'balena-os/balena-radxa',
  'balena-os/balena-raspberrypi',
  'balena-os/balena-revpi',
  'balena-os/balena-robustel-imx8mp',
  'balena-os/balena-rockchip-rk3288',
  'balena-os/balena-rockpro64',
  'balena-os/balena-seeed-x86',
  'balena-os/balena-tci',
  'balena-os/balena-tm3',
  'balena-os/balena-topic',
  'balena-os/balena-toradex',
  'balena-os/balena-ts',
  'balena-os/balena-up-board',
  'balena-os/balena-variscite',
  'balena-os/balena-variscite-mx8',
  'balena-os/balena-via-arm',
  'balena-os/balena-xilinx-topic',
  'balena-os/balena-zc702',
];

/** The common layer every board layer pins as a submodule (layers/meta-balena, formerly layers/meta-resin). */
export const META_BALENA_REPOSITORY = 'balena-os/meta-balena';
/** The shared device-type module whose templates (`commonImg`, `networkOptions`...) the manifests reference. */
export const DEVICE_TYPES_REPOSITORY = 'balena-io-modules/resin-device-types';

// Repository names become clone URLs and folder names: one strict pattern, so no name can climb out of a folder
// or be mistaken for a git option.
const REPOSITORY_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*\/[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*$/;
const COMMIT_ID = /^[0-9a-f]{40}$/;

export function isRepositoryName(name: string): boolean {
  return REPOSITORY_NAME.test(name);
}

export function isCommitId(value: string): boolean {
  return COMMIT_ID.test(value);
}

/** The snapshot folder of a repository: its name without the owner ("balena-os/balena-jetson" -> "balena-jetson"). */
export function repositoryFolder(repo: string): string {
  if (!isRepositoryName(repo)) throw new Error(`"${repo}" is not an owner/name repository name`);
  return repo.slice(repo.indexOf('/') + 1);
}

/** True for a relative path with no empty, "." or ".." segment: safe to join under an output folder. */
export function isSafeRelativePath(path: string): boolean {
  return (
    path !== '' &&
    !path.startsWith('/') &&
    !path.includes('\0') &&
    path.split('/').every((part) => part !== '' && part !== '.' && part !== '..')
  );
}

/** Byte-order comparison, the order git lists paths in (localeCompare would depend on the maintainer's locale). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Revision rule

/** A device manifest: a `<slug>.coffee` file at the repository root (no "/" in the path). */
const MANIFEST_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*\.coffee$/;

export function isManifestPath(path: string): boolean {
  return MANIFEST_FILE.test(path);
}

/** One commit of `git log --diff-filter=D --name-only`: the commit, its first parent, its date and the paths it deleted. */
export interface Deletion {
  commit: string;
  parent: string | undefined;
  date: string;
  paths: string[];
}

/** The revision that last shipped one manifest. */
export interface ManifestRevision {
  manifest: string;
  commit: string;
  atHead: boolean;
  /** For a removed manifest: the date of the commit that deleted it. */
  removedAt?: string;
}

/**
 * The revision rule: for every manifest ever at the root, HEAD while the manifest is still there, else the parent of
 * the commit that deleted it (the last revision that still shipped the board). `deletions` come newest first, children
 * before parents (`git log --topo-order`), so a manifest deleted, re-added and deleted again takes its last deletion.
 */
export function manifestRevisions(head: string, headPaths: readonly string[], deletions: readonly Deletion[]): ManifestRevision[] {
  const revisions = new Map<string, ManifestRevision>();
  for (const path of headPaths) if (isManifestPath(path)) revisions.set(path, { manifest: path, commit: head, atHead: true });
  for (const deletion of deletions) {
    // A root commit cannot delete anything; a deletion without a parent is a corrupt log line, not a board.
    if (!deletion.parent) continue;
    for (const path of deletion.paths)
      if (isManifestPath(path) && !revisions.has(path))
        revisions.set(path, { manifest: path, commit: deletion.parent, atHead: false, removedAt: deletion.date });
  }
  return [...revisions.values()].sort((a, b) => compareText(a.manifest, b.manifest));
}

/** The `--format` that `parseDeletionLog` reads: record separator, then hash, parents and committer date. */
export const DELETION_LOG_FORMAT = '%x1e%H%x1f%P%x1f%cI';

/** Reads `git log --diff-filter=D --name-only --format=DELETION_LOG_FORMAT`. */
export function parseDeletionLog(text: string): Deletion[] {
  return text
    .split('\x1e')
    .slice(1)
    .map((record) => {
      const [header = '', ...names] = record.split('\n');
      const [commit = '', parents = '', date = ''] = header.split('\x1f');
      return { commit, parent: parents.split(' ').find(Boolean), date, paths: names.filter(Boolean) };
    });
}

// ---------------------------------------------------------------------------------------------------------------
// Trees and objects as git prints them

export interface TreeEntry {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  object: string;
  /** Bytes, for blobs (`git ls-tree -l`). */
  size: number | undefined;
  path: string;
}

const TREE_LINE = /^(\d{6}) (blob|tree|commit) ([0-9a-f]{40,64}) +(-|\d+)\t(.+)$/s;

/** Reads `git ls-tree -r -l -z <commit>`. Entries git would never write (and unsafe paths) are dropped. */
export function parseTree(text: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const line of text.split('\0')) {
    const match = TREE_LINE.exec(line);
    if (!match || !isSafeRelativePath(match[5]!)) continue;
    const [, mode, type, object, size, path] = match as unknown as [string, string, TreeEntry['type'], string, string, string];
    entries.push({ mode, type, object, size: size === '-' ? undefined : Number(size), path });
  }
  return entries;
}

/** Reads `git cat-file --batch` output: object id -> content (objects reported missing are left out). */
export function parseCatFileBatch(output: Buffer): Map<string, Buffer> {
  const objects = new Map<string, Buffer>();
  let offset = 0;
  while (offset < output.length) {
    const end = output.indexOf(0x0a, offset);
    if (end < 0) break;
    const [object = '', type, size] = output.subarray(offset, end).toString('utf8').split(' ');
    offset = end + 1;
    if (type === 'missing' || size === undefined) continue;
    const length = Number(size);
    objects.set(object, output.subarray(offset, offset + length));
    offset += length + 1;
  }
  return objects;
}

/** A regular file (not a symbolic link or submodule), the only kind the snapshot copies. */
export function isRegularFile(entry: TreeEntry): boolean {
  return entry.type === 'blob' && (entry.mode === '100644' || entry.mode === '100755');
}

/** Git's own test: a NUL byte in the first 8,000 bytes means binary. */
export function looksBinary(content: Uint8Array): boolean {
  return content.subarray(0, 8000).includes(0);
}

// ---------------------------------------------------------------------------------------------------------------
// File selection rule

/**
 * No file larger than this is copied. Inferred from the snapshot: the largest file it holds is 188,503 bytes
 * (meta-balena-generic cve-exclusion_6.6.inc), while two text files that the path rule selects are absent: its successor
 * cve-exclusion_6.18.inc and balena-nanopc-t4's 0000-rockchip-add-support-for-px30.patch (289,889 bytes upstream).
 */
export const MAX_COPIED_BYTES = 256 * 1024;

/** Files at a board layer repository's root that are copied besides the manifests. */
const ROOT_FILES = new Set(['VERSION', '.gitmodules', 'repo.yml']);

export function isRepositoryRootFile(path: string): boolean {
  return isManifestPath(path) || ROOT_FILES.has(path);
}

/** The board layer folders: `layers/meta-balena-<board>` or, before the rename, `layers/meta-resin-<board>`. */
const BOARD_LAYER_PATH = /^layers\/meta-(?:balena|resin)-[^/]+\/(.+)$/;

const BITBAKE_ENDINGS = ['.bb', '.bbappend', '.inc', '.conf', '.bbclass', '.wks', '.wks.in'];

/** Folders whose every direct file is copied: u-boot integration (patches, configs, env, boot scripts) and shell hooks. */
const WHOLE_FOLDERS = /^recipes-(?:bsp\/u-boot|support\/hostapp-update-hooks|support\/resin-init)\/files\/[^/]+$/;

/** Flasher descriptors that are neither BitBake nor shell: Edison's FlashEdison.json, fsl-arm's u-boot-flasher.service. */
const FLASHER_DESCRIPTOR = /flash[^/]*\.(?:json|service)$/i;

/**
 * The file selection rule, for a path inside a board layer (after `layers/meta-balena-<board>/`). Inferred from the
 * snapshot of 2026-12-01 by comparing the FILES lists of its 95 revisions with the files present (5,225 listed, 2,462 copied):
 * - BitBake metadata anywhere: .bb .bbappend .inc .conf .bbclass .wks, and .wks.in templates (but no other .in);
 * - shell scripts anywhere: .sh;
 * - every file directly in recipes-bsp/u-boot/files, recipes-support/hostapp-update-hooks/files and
 *   recipes-support/resin-init/files (extensionless hooks such as 99-flash-bootloader and resin-init-board, u-boot
 *   patches and configs); files in their sub-folders (per-machine variants) are not copied;
 * - flasher descriptors: a name containing "flash" ending in .json or .service.
 * On top, `isCopyable`: at most MAX_COPIED_BYTES and not binary (the snapshot skips rk3399_bl31_v1.35.elf, which sits in
 * recipes-bsp/u-boot/files). With these, the rule reproduces the snapshot exactly.
 */
export function isSelectedLayerPath(pathInLayer: string): boolean {
  const name = pathInLayer.slice(pathInLayer.lastIndexOf('/') + 1);
  return (
    BITBAKE_ENDINGS.some((ending) => name.endsWith(ending)) ||
    name.endsWith('.sh') ||
    WHOLE_FOLDERS.test(pathInLayer) ||
    FLASHER_DESCRIPTOR.test(name)
  );
}

/** The size half of the copy rule, known before reading (the binary half needs the content: `looksBinary`). */
export function isCopyableSize(entry: TreeEntry): boolean {
  return isRegularFile(entry) && entry.size !== undefined && entry.size <= MAX_COPIED_BYTES;
}

/** A board layer revision's files: `listed` (FILES: every file of the board layers) and the entries to copy. */
export function layerFiles(tree: readonly TreeEntry[]): { listed: string[]; copied: TreeEntry[] } {
  const inLayer = tree.filter((entry) => entry.type === 'blob' && BOARD_LAYER_PATH.test(entry.path));
  return {
    listed: inLayer.map((entry) => entry.path).sort(compareText),
    copied: inLayer.filter((entry) => isSelectedLayerPath(BOARD_LAYER_PATH.exec(entry.path)![1]!) && isCopyableSize(entry)),
  };
}

/** meta-balena's own layers: meta-balena-<common|release|rust...>, formerly meta-resin-*. */
const META_BALENA_PATH = /^meta-(?:balena|resin)-[^/]+\/(.+)$/;
const META_BALENA_FOLDERS = /^(?:classes\/[^/]+|conf\/[^/]+|conf\/distro\/.+|recipes-core\/images\/[^/]+)$/;

/**
 * The meta-balena selection rule: in each meta-balena-* (or meta-resin-*) layer, the BitBake files directly in
 * classes/ (image_types_balena.bbclass holds the image layout and its defaults), conf/ (layer.conf...), anywhere
 * under conf/distro/, and directly in recipes-core/images/ (balena-image.bb, balena-image-flasher.bb...).
 */
export function isMetaBalenaPath(path: string): boolean {
  const inside = META_BALENA_PATH.exec(path)?.[1];
  return inside !== undefined && META_BALENA_FOLDERS.test(inside) && BITBAKE_ENDINGS.some((ending) => inside.endsWith(ending));
}

/** The device-type module's templates: the .coffee files at its root and in common/, with package.json and README.md. */
export function isDeviceTypesPath(path: string): boolean {
  return /^(?:common\/)?[^/]+\.coffee$/.test(path) || path === 'package.json' || path === 'README.md';
}

// ---------------------------------------------------------------------------------------------------------------
// Submodules and the small text files the snapshot writes

export interface SubmodulePin {
  path: string;
  commit: string;
}

/** Every submodule a revision pins (gitlinks at any depth), by path. */
export function submodulePins(tree: readonly TreeEntry[]): SubmodulePin[] {
  return tree
    .filter((entry) => entry.type === 'commit')
    .map((entry) => ({ path: entry.path, commit: entry.object }))
    .sort((a, b) => compareText(a.path, b.path));
}

/** The meta-balena commit a revision pins (submodule layers/meta-balena, or layers/meta-resin before the rename). */
export function metaBalenaPin(pins: readonly SubmodulePin[]): string | undefined {
  return pins.find((pin) => pin.path === 'layers/meta-balena' || pin.path === 'layers/meta-resin')?.commit;
}

/** SUBMODULES: one "path commit" line per submodule. */
export function formatSubmodules(pins: readonly SubmodulePin[]): string {
  return pins.map((pin) => `${pin.path} ${pin.commit}\n`).join('');
}

/** Reads SUBMODULES back: the inverse of formatSubmodules, skipping lines that are not "path <40-hex commit>". */
export function parseSubmodules(text: string): SubmodulePin[] {
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((parts): parts is [string, string] => parts.length === 2 && /^[0-9a-f]{40}$/.test(parts[1]!))
    .map(([path, commit]) => ({ path, commit }));
}

/** FILES: one path a line (a lone newline when the revision has no board layer). */
export function formatFileList(paths: readonly string[]): string {
  return `${paths.join('\n')}\n`;
}

/** The slug a manifest declares (`slug: 'raspberry-pi'`), which may differ from its file name. */
export function declaredSlug(manifest: string): string | null {
  return /^\s*slug:\s*['"]([^'"]+)['"]/m.exec(manifest)?.[1] ?? null;
}

/** The balenaOS release a VERSION file names, or null when the revision has none. */
export function releaseVersion(versionFile: string | undefined): string | null {
  return versionFile?.trim() || null;
}

// ---------------------------------------------------------------------------------------------------------------
// index.json

export interface BoardRecord {
  repo: string;
  commit: string;
  date: string;
  version: string | null;
  manifest: string;
  declaredSlug: string | null;
  atHead: boolean;
  /** Only for a removed manifest: when the commit that deleted it was made. */
  removedAt?: string;
  registryBoard: string | null;
}

export type MetaBalenaRecord =
  { describe: string; tag: string | null; date: string; files: number; usedBy: string[] } | { missing: true; usedBy: string[] };

export interface DeviceTypesCommonRecord {
  repo: string;
  commit: string;
  version: string | null;
}

export interface SnapshotIndex {
  boards: Record<string, BoardRecord[]>;
  metaBalena: Record<string, MetaBalenaRecord>;
  deviceTypesCommon: DeviceTypesCommonRecord;
}

/** The key of a board in index.json `boards`: the manifest's file name without `.coffee`. */
export function boardKey(manifest: string): string {
  return manifest.replace(/\.coffee$/, '');
}

/** The Boardhub board a manifest matched: by the slug it declares, else by its file name (slug or alias lookup). */
export function matchRegistryBoard(record: Pick<BoardRecord, 'declaredSlug' | 'manifest'>, lookup: (slug: string) => string | undefined) {
  return (record.declaredSlug === null ? undefined : lookup(record.declaredSlug)) ?? lookup(boardKey(record.manifest)) ?? null;
}

/** index.json `boards`: one key per manifest, its records ordered by repository. */
export function groupBoards(records: readonly BoardRecord[]): Record<string, BoardRecord[]> {
  const boards: Record<string, BoardRecord[]> = {};
  for (const record of records) (boards[boardKey(record.manifest)] ??= []).push(record);
  for (const list of Object.values(boards)) list.sort((a, b) => compareText(a.repo, b.repo) || compareText(a.commit, b.commit));
  return boards;
}

/** How a metaBalena record names a revision that pins it: "balena-jetson@176abbfbfa8d". */
export function usedByLabel(repo: string, commit: string): string {
  return `${repositoryFolder(repo)}@${commit.slice(0, 12)}`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).filter(([, entry]) => entry !== undefined);
  return Object.fromEntries(entries.sort(([a], [b]) => compareText(a, b)).map(([key, entry]) => [key, sortKeys(entry)]));
}

/** index.json as the snapshot writes it: keys sorted at every level, one-space indent, so reruns diff cleanly. */
export function serializeIndex(index: SnapshotIndex): string {
  return `${JSON.stringify(sortKeys(index), null, 1)}\n`;
}
