// Builds the hub site with Astro, indexes it with Pagefind, and swaps it into place only when both succeeded.
import { rmSync, writeFileSync } from 'node:fs';
import { searchSlugsOf, SEARCH_SLUGS_FILE } from './search-ids.ts';
import { swapIntoPlace } from './write-atomically.ts';
import { resolve } from 'node:path';

export interface SiteResult {
  pages: number;
  indexed: number;
  astroMs: number;
  pagefindMs: number;
}

/** Writes the site into `target` (e.g. dist/site); the previous site stays until the new one is complete. */
export async function buildSite(target: string, contractsDir: string): Promise<SiteResult> {
  const staging = resolve(`${target}.tmp-${process.pid}`);
  process.env.BOARDHUB_CONTRACTS = contractsDir;
  try {
    const { build } = await import('astro');
    const started = performance.now();
    await build({ root: process.cwd(), outDir: staging, logLevel: 'warn' });
    const astroMs = Math.round(performance.now() - started);
    const pagefind = await import('pagefind');
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
    try {
      const added = await index.addDirectory({ path: staging });
      if (added.errors.length) throw new Error(`pagefind: ${added.errors.join('; ')}`);
      const written = await index.writeFiles({ outputPath: resolve(staging, 'pagefind') });
      if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
      const indexFiles = await index.getFiles();
      if (indexFiles.errors.length) throw new Error(`pagefind: ${indexFiles.errors.join('; ')}`);
      const slugs = searchSlugsOf(indexFiles.files);
      writeFileSync(resolve(staging, 'pagefind', SEARCH_SLUGS_FILE), `${JSON.stringify(slugs)}\n`);
      swapIntoPlace(staging, target);
      return { pages: added.page_count, indexed: added.page_count, astroMs, pagefindMs: Math.round(performance.now() - started) - astroMs };
    } finally {
      await pagefind.close();
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
