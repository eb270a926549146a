// Maps Pagefind's page ids to board slugs, so the home page turns search results into cards without fetching a fragment per result.
import { gunzipSync } from 'node:zlib';

/** Written beside the index it describes; the home page loads it with the search engine. */
export const SEARCH_SLUGS_FILE = 'board-slugs.json';

/** Pagefind 1.x prefixes every decompressed fragment with this marker. */
const FRAGMENT_SIGNATURE = 'pagefind_dcd';

/**
 * Reads the board slug from each page fragment of a Pagefind index (its `slug` metadata) and returns id -> slug,
 * sorted by id so the file is byte-stable. Throws when a fragment is not in the format this was written for, because
 * a silently empty map would make search quietly slow again.
 */
export function searchSlugsOf(files: readonly { path: string; content: Uint8Array }[]): Record<string, string> {
  const slugs: [string, string][] = [];
  for (const file of files) {
    const match = /(?:^|\/)fragment\/([^/]+)\.pf_fragment$/.exec(file.path);
    if (!match) continue;
    const text = gunzipSync(file.content).toString('utf8');
    if (!text.startsWith(FRAGMENT_SIGNATURE))
      throw new Error(`pagefind fragment ${file.path} does not start with "${FRAGMENT_SIGNATURE}": has the Pagefind format changed?`);
    const fragment = JSON.parse(text.slice(FRAGMENT_SIGNATURE.length)) as { meta?: Record<string, unknown> };
    const slug = fragment.meta?.slug;
    if (typeof slug === 'string') slugs.push([match[1]!, slug]);
  }
  slugs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(slugs);
}
