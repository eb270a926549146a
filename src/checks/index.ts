// The registry-wide checks, in the order they run. Each lives in its own module with its test beside it in test/checks/.
import type { RegistryCheck } from './check.ts';
import { boardsComplete } from './boards-complete.ts';
import { folderMatchesSlug } from './folder-matches-slug.ts';
import { layoutsConsistent } from './layouts-consistent.ts';
import { notesAreData } from './notes-are-data.ts';
import { referencesResolve } from './references-resolve.ts';
import { safeLogo } from './safe-logo.ts';
import { uniqueBoardSlugs } from './unique-board-slugs.ts';

export const registryChecks: readonly RegistryCheck[] = [
  folderMatchesSlug,
  uniqueBoardSlugs,
  referencesResolve,
  layoutsConsistent,
  boardsComplete,
  safeLogo,
  notesAreData,
];

export type { RegistryCheck, CheckContext } from './check.ts';
