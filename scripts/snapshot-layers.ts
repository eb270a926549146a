// CLI for maintainers: regenerate the balenaOS layer snapshot (board layers, pinned meta-balena, device-type module) from git clones.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DELETION_LOG_FORMAT,
  DEVICE_TYPES_REPOSITORY,
  compareText,
  LAYER_REPOSITORIES,
  META_BALENA_REPOSITORY,
  declaredSlug,
  formatFileList,
  formatSubmodules,
  groupBoards,
  isCommitId,
  isCopyableSize,
  isDeviceTypesPath,
  isMetaBalenaPath,
  isRegularFile,
  isRepositoryName,
  isRepositoryRootFile,
  isSafeRelativePath,
  layerFiles,
  looksBinary,
  manifestRevisions,
  matchRegistryBoard,
  metaBalenaPin,
  parseCatFileBatch,
  parseDeletionLog,
  parseTree,
  releaseVersion,
  repositoryFolder,
  serializeIndex,
  submodulePins,
  usedByLabel,
  type BoardRecord,
  type MetaBalenaRecord,
  type SnapshotIndex,
  type TreeEntry,
} from '../src/layers/snapshot-plan.ts';
import { loadRegistry } from '../src/registry/validate.ts';
import { isMain, run } from './cli.ts';

export interface SnapshotOptions {
  /** The folder to write; it must not exist yet or be empty, so a stale file can never survive a refresh. */
  out: string;
  /** Where the bare mirrors live between runs (`<cache>/<owner>/<name>.git`). */
  cache: string;
  /** Prefix of every clone URL: "https://github.com", or a local folder or file:// URL holding `<owner>/<name>`. */
  remoteBase: string;
  repositories?: readonly string[];
  metaBalenaRepository?: string;
  deviceTypesRepository?: string;
  /** The Boardhub board slug for a slug or alias, if the registry has one. */
  registryBoard: (slug: string) => string | undefined;
  log: (line: string) => void;
}

interface Git {
  (args: readonly string[], input?: string): Buffer;
  succeeds(args: readonly string[]): boolean;
}

/** git in one repository, always with an argument array (never a shell), prompts off so a missing repository fails fast. */
function gitIn(directory: string | undefined): Git {
  const spawn = (args: readonly string[], input?: string) =>
    spawnSync('git', directory === undefined ? [...args] : ['-C', directory, ...args], {
      input,
      maxBuffer: 1 << 30,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
    });
  const git = ((args: readonly string[], input?: string) => {
    const result = spawn(args, input);
    if (result.error) throw new Error(`could not run git (${result.error.message}); install git and retry`);
    if (result.status !== 0)
      throw new Error(`git ${args.join(' ')} failed${directory ? ` in ${directory}` : ''}: ${result.stderr.toString().trim()}`);
    return result.stdout;
  }) as Git;
  git.succeeds = (args) => spawn(args).status === 0;
  return git;
}

function text(buffer: Buffer): string {
  return buffer.toString('utf8').trim();
}

/** A bare mirror of `repo` in the cache: cloned the first time, fetched (with tags, pruned) after. */
function mirror(repo: string, options: SnapshotOptions): Git {
  if (!isRepositoryName(repo)) throw new Error(`"${repo}" is not an owner/name repository name`);
  const [owner = '', name = ''] = repo.split('/');
  const directory = join(options.cache, owner, `${name}.git`);
  if (existsSync(directory)) {
    options.log(`fetch ${repo}`);
    gitIn(directory)(['fetch', '--prune', '--tags', '--quiet', 'origin']);
  } else {
    options.log(`clone ${repo}`);
    mkdirSync(dirname(directory), { recursive: true });
    gitIn(undefined)(['clone', '--mirror', '--quiet', '--', `${options.remoteBase.replace(/\/+$/, '')}/${repo}`, directory]);
  }
  return gitIn(directory);
}

function commitOf(git: Git, revision: string): string {
  const commit = text(git(['rev-parse', '--verify', '--end-of-options', `${revision}^{commit}`]));
  if (!isCommitId(commit)) throw new Error(`"${revision}" did not resolve to a commit id (got "${commit}")`);
  return commit;
}

/** git's answer, or null when it has none (e.g. `describe` in a repository without tags). */
function answerOrNull(git: Git, args: readonly string[]): string | null {
  return git.succeeds(args) ? text(git(args)) : null;
}

function commitDate(git: Git, commit: string): string {
  return text(git(['log', '-1', '--format=%cI', commit, '--']));
}

function treeOf(git: Git, commit: string): TreeEntry[] {
  return parseTree(git(['ls-tree', '-r', '-l', '-z', '--full-tree', commit]).toString('utf8'));
}

/** The contents of many blobs in one `git cat-file --batch` run instead of one process per file. */
function readBlobs(git: Git, entries: readonly TreeEntry[]): Map<string, Buffer> {
  if (entries.length === 0) return new Map();
  return parseCatFileBatch(git(['cat-file', '--batch'], entries.map((entry) => `${entry.object}\n`).join('')));
}

/** Writes under `root` only: paths come from upstream trees, so each one is checked before it touches the disk. */
function writeInside(root: string, path: string, content: string | Uint8Array): void {
  const base = resolve(root);
  const target = resolve(base, path);
  if (!isSafeRelativePath(path) || !target.startsWith(base + sep)) throw new Error(`refusing to write "${path}" outside ${root}`);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
}

/** Copies the entries that are text; returns how many were written. */
function copyText(git: Git, entries: readonly TreeEntry[], root: string, pathOf: (entry: TreeEntry) => string): number {
  const contents = readBlobs(git, entries);
  let written = 0;
  for (const entry of entries) {
    const content = contents.get(entry.object);
    if (content === undefined || looksBinary(content)) continue;
    writeInside(root, pathOf(entry), content);
    written++;
  }
  return written;
}

interface RevisionFacts {
  date: string;
  version: string | null;
  manifests: Map<string, string>;
  metaBalena: string | undefined;
}

/** Writes repos/<repo>/<commit>/: root files, SUBMODULES, FILES and the selected board layer files. */
function snapshotRevision(git: Git, repo: string, commit: string, options: SnapshotOptions): RevisionFacts {
  const tree = treeOf(git, commit);
  const root = join(options.out, 'repos', repositoryFolder(repo), commit);
  const rootFiles = tree.filter((entry) => isRegularFile(entry) && isRepositoryRootFile(entry.path));
  const contents = readBlobs(git, rootFiles);
  const manifests = new Map<string, string>();
  for (const entry of rootFiles) {
    const content = contents.get(entry.object);
    if (content === undefined) continue;
    writeInside(root, entry.path, content);
    if (entry.path.endsWith('.coffee')) manifests.set(entry.path, content.toString('utf8'));
  }
  const pins = submodulePins(tree);
  writeInside(root, 'SUBMODULES', formatSubmodules(pins));
  const layer = layerFiles(tree);
  writeInside(root, 'FILES', formatFileList(layer.listed));
  const copied = copyText(git, layer.copied, root, (entry) => entry.path);
  options.log(
    `  ${repositoryFolder(repo)}@${commit.slice(0, 12)}: ${manifests.size} manifests, ${copied} of ${layer.listed.length} layer files`,
  );
  const version = rootFiles.find((entry) => entry.path === 'VERSION');
  return {
    date: commitDate(git, commit),
    version: releaseVersion(version && contents.get(version.object)?.toString('utf8')),
    manifests,
    metaBalena: metaBalenaPin(pins),
  };
}

/** One board layer repository: applies the revision rule, writes each chosen revision, returns its board records. */
function snapshotLayerRepository(repo: string, options: SnapshotOptions, pins: Map<string, Set<string>>): BoardRecord[] {
  const git = mirror(repo, options);
  const head = commitOf(git, 'HEAD');
  const headPaths = treeOf(git, head).map((entry) => entry.path);
  // --no-renames: a manifest renamed away left the root too, so its old slug keeps its last revision.
  const log = git([
    'log',
    '--topo-order',
    '--no-renames',
    '--diff-filter=D',
    '--name-only',
    `--format=${DELETION_LOG_FORMAT}`,
    head,
    '--',
    ':(glob)*.coffee',
  ]);
  const revisions = manifestRevisions(head, headPaths, parseDeletionLog(log.toString('utf8')));
  const facts = new Map<string, RevisionFacts>();
  for (const commit of new Set(revisions.map((revision) => revision.commit))) {
    const revision = snapshotRevision(git, repo, commit, options);
    facts.set(commit, revision);
    if (revision.metaBalena === undefined) continue;
    const users = pins.get(revision.metaBalena) ?? new Set<string>();
    pins.set(revision.metaBalena, users.add(usedByLabel(repo, commit)));
  }
  return revisions.map((revision) => {
    const { date, version, manifests } = facts.get(revision.commit)!;
    const manifestText = manifests.get(revision.manifest);
    const record: BoardRecord = {
      repo,
      commit: revision.commit,
      date,
      version,
      manifest: revision.manifest,
      declaredSlug: manifestText === undefined ? null : declaredSlug(manifestText),
      atHead: revision.atHead,
      ...(revision.removedAt ? { removedAt: revision.removedAt } : {}),
      registryBoard: null,
    };
    return { ...record, registryBoard: matchRegistryBoard(record, options.registryBoard) };
  });
}

/** meta-balena at every pinned commit: its classes, image recipes and distro configuration. */
function snapshotMetaBalena(pins: Map<string, Set<string>>, options: SnapshotOptions): Record<string, MetaBalenaRecord> {
  const git = mirror(options.metaBalenaRepository ?? META_BALENA_REPOSITORY, options);
  const records: Record<string, MetaBalenaRecord> = {};
  for (const [commit, users] of [...pins].sort(([a], [b]) => compareText(a, b))) {
    const usedBy = [...users].sort(compareText);
    // A pin rewritten out of the branches is not in the mirror; GitHub still serves some of them by id.
    if (!git.succeeds(['cat-file', '-e', `${commit}^{commit}`])) git.succeeds(['fetch', '--quiet', 'origin', commit]);
    if (!git.succeeds(['cat-file', '-e', `${commit}^{commit}`])) {
      options.log(`  meta-balena@${commit.slice(0, 12)}: missing from the mirror (used by ${usedBy.join(', ')})`);
      records[commit] = { missing: true, usedBy };
      continue;
    }
    const selected = treeOf(git, commit).filter((entry) => isMetaBalenaPath(entry.path) && isCopyableSize(entry));
    const files = copyText(git, selected, join(options.out, 'meta-balena', commit), (entry) => entry.path);
    const describe = text(git(['describe', '--tags', '--always', commit]));
    // The nearest tag, which `describe` equals when the pin is a release (every pin of 2026-12-01 was).
    const tag = answerOrNull(git, ['describe', '--tags', '--abbrev=0', commit]);
    options.log(`  meta-balena@${commit.slice(0, 12)} (${describe}): ${files} files`);
    records[commit] = { describe, tag, date: commitDate(git, commit), files, usedBy };
  }
  return records;
}

/** The shared device-type module at its HEAD. */
function snapshotDeviceTypes(options: SnapshotOptions): SnapshotIndex['deviceTypesCommon'] {
  const repo = options.deviceTypesRepository ?? DEVICE_TYPES_REPOSITORY;
  const git = mirror(repo, options);
  const commit = commitOf(git, 'HEAD');
  const selected = treeOf(git, commit).filter((entry) => isDeviceTypesPath(entry.path) && isCopyableSize(entry));
  const files = copyText(git, selected, join(options.out, 'device-types-common', commit), (entry) => entry.path);
  const version = answerOrNull(git, ['describe', '--tags', commit]);
  options.log(`  ${repo}@${commit.slice(0, 12)} (${version ?? 'untagged'}): ${files} files`);
  return { repo, commit, version };
}

/** The whole refresh: every layer repository, then meta-balena at each pin, the device-type module and index.json. */
export function snapshotLayers(options: SnapshotOptions): SnapshotIndex {
  if (existsSync(options.out) && readdirSync(options.out).length > 0)
    throw new Error(`${options.out} is not empty: write the snapshot to a new folder, then replace the old one with it`);
  mkdirSync(options.out, { recursive: true });
  const pins = new Map<string, Set<string>>();
  const records = (options.repositories ?? LAYER_REPOSITORIES).flatMap((repo) => snapshotLayerRepository(repo, options, pins));
  const index: SnapshotIndex = {
    boards: groupBoards(records),
    metaBalena: snapshotMetaBalena(pins, options),
    deviceTypesCommon: snapshotDeviceTypes(options),
  };
  writeInside(options.out, 'index.json', serializeIndex(index));
  options.log(`wrote ${join(options.out, 'index.json')}: ${Object.keys(index.boards).length} manifests, ${pins.size} meta-balena pins`);
  return index;
}

const USAGE =
  'usage: npm run snapshot:layers -- --out <new folder> [--cache <folder for git mirrors>] [--remote https://github.com] [--registry contracts]';

export function snapshotCommand(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      cache: { type: 'string' },
      remote: { type: 'string', default: 'https://github.com' },
      registry: { type: 'string', default: 'contracts' },
    },
  });
  if (!values.out) {
    console.error(USAGE);
    return 2;
  }
  const registry = loadRegistry(values.registry);
  // Without --cache the mirrors are a throwaway; with it, a rerun only fetches what changed.
  const cache = values.cache ?? mkdtempSync(join(tmpdir(), 'boardhub-layers-'));
  try {
    snapshotLayers({
      out: values.out,
      cache,
      remoteBase: values.remote,
      registryBoard: (slug) => registry.board(slug)?.slug,
      log: (line) => console.log(line),
    });
  } finally {
    if (!values.cache) rmSync(cache, { recursive: true, force: true });
  }
  console.log(`Next: compare ${values.out} with the current snapshot and carry its hand-written README.md over.`);
  return 0;
}

if (isMain(import.meta.url)) await run(() => snapshotCommand(process.argv.slice(2)));
