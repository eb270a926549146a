// Filters resolved boards by facet (architecture, maker, family, media, install method, connectivity, state); pure and dependency-free.
import type { ResolvedBoard } from '../schema/resolved-board.ts';
import type { BootMedium, InstallMethodName } from '../schema/vocabulary.ts';

export interface BoardFilters {
  arch?: string;
  manufacturer?: string;
  family?: string;
  /** Boards that can boot from this medium (default or alternate). */
  media?: BootMedium;
  /** Boards whose default boot medium is this one. */
  defaultMedia?: BootMedium;
  installMethod?: InstallMethodName;
  state?: ResolvedBoard['state'];
  /** true: has it; false: known not to have it. Boards where the fact is unknown match neither. */
  wifi?: boolean;
  bluetooth?: boolean;
  ethernet?: boolean;
  hdmi?: boolean;
  internalStorage?: boolean;
}

const HARDWARE_KEYS = ['wifi', 'bluetooth', 'ethernet', 'hdmi', 'internalStorage'] as const;

export function matchesFilters(board: ResolvedBoard, filters: BoardFilters): boolean {
  if (filters.arch !== undefined && board.arch !== filters.arch) return false;
  if (filters.manufacturer !== undefined && board.manufacturer.slug !== filters.manufacturer) return false;
  if (filters.family !== undefined && board.family.slug !== filters.family) return false;
  if (filters.defaultMedia !== undefined && board.boot.defaultMedia !== filters.defaultMedia) return false;
  if (filters.media !== undefined && board.boot.defaultMedia !== filters.media && !board.boot.alternateMedia.includes(filters.media))
    return false;
  if (filters.installMethod !== undefined && board.installMethod.method !== filters.installMethod) return false;
  if (filters.state !== undefined && board.state !== filters.state) return false;
  for (const key of HARDWARE_KEYS) {
    if (filters[key] !== undefined && board.hardware[key] !== filters[key]) return false;
  }
  return true;
}

export function filterBoards(boards: readonly ResolvedBoard[], filters: BoardFilters): ResolvedBoard[] {
  return boards.filter((board) => matchesFilters(board, filters));
}
