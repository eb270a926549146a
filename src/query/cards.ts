// The board card as data: what a list shows for one board (name, maker, state, method, monogram) and its facet values.
import type { ResolvedBoard } from '../schema/resolved-board.ts';
import { boardFacetValues } from './facets.ts';

export interface BoardCardData {
  slug: string;
  name: string;
  arch: string;
  manufacturer: string;
  state: string;
  method: string;
  /** Initials for the monogram when there is no logo. */
  initials: string;
  /** Hue (0-359) of the monogram, derived from the slug so it never changes. */
  hue: number;
  logo: boolean;
  facets: Record<string, string>;
}

export function boardCard(board: ResolvedBoard): BoardCardData {
  const initials = board.name
    .split(/[\s-]+/)
    .filter((w) => /^[\p{L}\p{N}]/u.test(w))
    .slice(0, 2)
    .map((w) => [...w][0]!.toUpperCase())
    .join('');
  let hash = 0;
  for (const c of board.slug) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return {
    slug: board.slug,
    name: board.name,
    arch: board.arch,
    manufacturer: board.manufacturer.name,
    state: board.state,
    method: board.installMethod.method,
    initials,
    hue: hash % 360,
    logo: Boolean(board.logo),
    facets: boardFacetValues(board),
  };
}

/** Cards per chunk of the card data the home page loads, and cards per page of the plain-HTML list. */
export const CARD_CHUNK = 1000;
export const CARDS_PER_PAGE = 150;
