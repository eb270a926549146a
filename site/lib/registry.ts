// The registry as the site sees it: loaded and resolved once by src/, plus the few lookups pages share.
import { join } from 'node:path';
import { loadRegistry } from '../../src/registry/validate.ts';
import { readBoardNotes } from '../../src/notes/board-notes.ts';
import type { ResolvedBoard } from '../../src/schema/resolved-board.ts';
import manifest from '../../package.json' with { type: 'json' };

export const CONTRACTS = process.env.BOARDHUB_CONTRACTS ?? 'contracts';
export const registry = loadRegistry(CONTRACTS);

/** The repository the edit and report links point into: package.json "repository" is the one setting. */
export const repositoryUrl = manifest.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

export function editUrl(board: ResolvedBoard): string {
  return `${repositoryUrl}/edit/main/contracts/hw.device-type/${board.slug}/contract.json`;
}

export function reportUrl(board: ResolvedBoard): string {
  const title = encodeURIComponent(`Data error: ${board.slug}`);
  return `${repositoryUrl}/issues/new?template=data-error.yml&title=${title}`;
}

export function notesOf(board: ResolvedBoard) {
  return readBoardNotes(join(CONTRACTS, 'hw.device-type', board.slug, 'notes.md'));
}
