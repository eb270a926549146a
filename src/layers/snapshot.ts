// Reads a snapshot of the balenaOS board layers (index.json and the folder layout the snapshot script writes) and picks each board's shipping revision.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseSubmodules, type BoardRecord, type SubmodulePin } from './snapshot-plan.ts';

/** One revision of a layer that ships a device manifest, as index.json records it (the registry match left out). */
export type ManifestRevision = Omit<BoardRecord, 'registryBoard'>;

export interface MetaBalenaPin {
  describe?: string | null;
  tag?: string | null;
  date?: string | null;
}

export interface LayerSnapshot {
  root: string;
  /** Manifest slug (file name without .coffee) -> every revision that shipped it. */
  boards: Record<string, ManifestRevision[]>;
  metaBalena: Record<string, MetaBalenaPin>;
}

export class SnapshotError extends Error {}

/** Reads index.json, checking only the shape the importer relies on; a broken snapshot is a clear error, not a crash later. */
export function readSnapshot(root: string): LayerSnapshot {
  const indexFile = join(root, 'index.json');
  if (!existsSync(indexFile))
    throw new SnapshotError(
      `${indexFile}: not found; expected a layer snapshot folder (see "Refreshing the layer snapshot" in CONTRIBUTING.md)`,
    );
  let index: any;
  try {
    index = JSON.parse(readFileSync(indexFile, 'utf8'));
  } catch (error) {
    throw new SnapshotError(`${indexFile}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof index?.boards !== 'object' || index.boards === null)
    throw new SnapshotError(`${indexFile}: expected an object "boards" of manifest revisions, found ${typeof index?.boards}`);
  const boards: Record<string, ManifestRevision[]> = {};
  for (const [slug, revisions] of Object.entries(index.boards)) {
    if (!Array.isArray(revisions)) throw new SnapshotError(`${indexFile}: /boards/${slug}: expected a list of revisions`);
    boards[slug] = revisions.map((revision: any, at) => {
      for (const key of ['repo', 'commit', 'date', 'manifest'])
        if (typeof revision?.[key] !== 'string')
          throw new SnapshotError(
            `${indexFile}: /boards/${slug}/${at}/${key}: expected a string, found ${JSON.stringify(revision?.[key])}`,
          );
      return {
        repo: revision.repo,
        commit: revision.commit,
        date: revision.date,
        version: typeof revision.version === 'string' ? revision.version : null,
        manifest: revision.manifest,
        declaredSlug: typeof revision.declaredSlug === 'string' ? revision.declaredSlug : null,
        atHead: revision.atHead === true,
        ...(typeof revision.removedAt === 'string' ? { removedAt: revision.removedAt } : {}),
      };
    });
  }
  return { root, boards, metaBalena: typeof index.metaBalena === 'object' && index.metaBalena ? index.metaBalena : {} };
}

/**
 * The revision whose facts a board gets: one still at a layer's HEAD beats one whose manifest was removed, then the
 * most recent. Several layers can ship one device type (a board that moved to a newer layer keeps a copy in the old one).
 */
export function shippingRevision(revisions: readonly ManifestRevision[]): ManifestRevision | undefined {
  return [...revisions].sort((a, b) => Number(b.atHead) - Number(a.atHead) || Date.parse(b.date) - Date.parse(a.date))[0];
}

/** The folder of a layer revision inside the snapshot. */
export function revisionFolder(snapshot: LayerSnapshot, revision: Pick<ManifestRevision, 'repo' | 'commit'>): string {
  return join(snapshot.root, 'repos', revision.repo.split('/').at(-1)!, revision.commit);
}

export function metaBalenaFolder(snapshot: LayerSnapshot, commit: string): string | undefined {
  const folder = join(snapshot.root, 'meta-balena', commit);
  return existsSync(folder) ? folder : undefined;
}

/** The submodule pins of a revision, from its SUBMODULES file. */
export function submodulePins(folder: string): SubmodulePin[] {
  const file = join(folder, 'SUBMODULES');
  return existsSync(file) ? parseSubmodules(readFileSync(file, 'utf8')) : [];
}

/** Paths (relative to `folder`, with forward slashes) of every file below it, sorted so that reading order is stable. */
export function filesBelow(folder: string, relative = ''): string[] {
  const here = join(folder, relative);
  if (!existsSync(here) || !statSync(here).isDirectory()) return [];
  const out: string[] = [];
  for (const entry of readdirSync(here, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...filesBelow(folder, path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** A commit-pinned GitHub URL of a line: the form every derived fact cites. */
export function pinnedUrl(repo: string, commit: string, path: string, line: number): string {
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  return `https://github.com/${repo}/blob/${commit}/${encoded}#L${line}`;
}
