// Measures how long the home page takes to show search results after typing, in headless Chromium.
import { settleDisk } from './measure.ts';
import { launchBrowser } from './browser.ts';
import { serveStatic } from './static-server.ts';

/** Milliseconds from typing a query (one input event, as a paste) to its results on screen, for each query. */
export async function searchLatency(siteDir: string, queries: string[]): Promise<number[]> {
  settleDisk();
  const server = await serveStatic(siteDir);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
    const idle = await page.locator('[data-status]').textContent();
    const times: number[] = [];
    for (const query of queries) {
      await page.fill('#search', '');
      await page.waitForFunction((text) => document.querySelector('[data-status]')?.textContent === text, idle);
      const elapsed = await page.evaluate(async (q) => {
        const input = document.querySelector<HTMLInputElement>('#search')!;
        const status = document.querySelector('[data-status]')!;
        const started = performance.now();
        input.value = q;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        // The page replaces the cards and then the status line in one synchronous render, and the search it starts is
        // asynchronous: the first change to either is the results on screen, or the news that there are none.
        await new Promise<void>((resolve, reject) => {
          const timeout = setTimeout(() => reject(new Error(`no results shown for "${q}" within 10 s`)), 10_000);
          const observer = new MutationObserver(() => {
            observer.disconnect();
            clearTimeout(timeout);
            resolve();
          });
          observer.observe(status, { childList: true, characterData: true, subtree: true });
          observer.observe(document.querySelector('[data-cards]')!, { childList: true });
        });
        return performance.now() - started;
      }, query);
      times.push(Math.round(elapsed));
    }
    return times;
  } finally {
    await browser.close();
    await server.close();
  }
}
