// The home page past one page and one card chunk (1,100 synthetic boards): the HTML ships one page of cards, yet filters and search reach every board.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { serveStatic } from '../helpers/static-server.ts';
import { writeSyntheticRegistry } from '../../src/bench/synthetic.ts';
import { loadRegistry } from '../../src/registry/validate.ts';
import { CARD_CHUNK, CARDS_PER_PAGE } from '../../src/query/cards.ts';

const BOARDS = 1_100;
const work = mkdtempSync(join(tmpdir(), 'boardhub-many-'));
const contracts = join(work, 'contracts');
let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;
type Board = ReturnType<typeof loadRegistry>['boards'][number];
let boards: readonly Board[];

beforeAll(async () => {
  writeSyntheticRegistry('contracts', contracts, BOARDS);
  boards = loadRegistry(contracts).boards;
  execFileSync(process.execPath, ['scripts/build.ts', '--contracts', contracts, '--out', join(work, 'dist')], { stdio: 'ignore' });
  server = await serveStatic(join(work, 'dist', 'site'));
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

const cardSlugs = (page: Page) =>
  page.locator('[data-cards] > li:visible').evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset.slug!));
const status = (page: Page) => page.locator('[data-status]').textContent();

test('the setup spans more than one card chunk and one page', () => {
  expect(boards.length).toBe(BOARDS);
  expect(BOARDS).toBeGreaterThan(CARD_CHUNK);
  expect(BOARDS).toBeGreaterThan(CARDS_PER_PAGE);
});

test('the home page HTML carries one page of cards; the rest are paged for readers without JavaScript', () => {
  const html = readFileSync(join(work, 'dist', 'site', 'index.html'), 'utf8');
  expect(html.match(/<li class="card"/g)?.length).toBe(CARDS_PER_PAGE);
  const lastPage = Math.ceil(BOARDS / CARDS_PER_PAGE);
  const last = readFileSync(join(work, 'dist', 'site', 'boards', 'page', String(lastPage), 'index.html'), 'utf8');
  expect(last.match(/<li class="card"/g)?.length).toBe(BOARDS - (lastPage - 1) * CARDS_PER_PAGE);
});

test.each([
  ['architectures', 'armv7hf', (b: Board) => b.arch === 'armv7hf'],
  ['bootloaders', 'u-boot', (b: Board) => b.bootloader?.chain.some((stage) => stage.slug === 'u-boot') ?? false],
])('/%s/%s/ shows one page of cards and pages through the rest without JavaScript', (kind, slug, member) => {
  const expected = boards.filter(member).map((b) => b.slug);
  expect(expected.length).toBeGreaterThan(CARDS_PER_PAGE);
  const slugsOn = (path: string) => {
    const html = readFileSync(join(work, 'dist', 'site', path, 'index.html'), 'utf8');
    return [...html.matchAll(/<li class="card" data-slug="([^"]+)"/g)].map((m) => m[1]!);
  };
  const pages = Math.ceil(expected.length / CARDS_PER_PAGE);
  const seen = [slugsOn(`${kind}/${slug}`)];
  for (let page = 2; page <= pages; page++) seen.push(slugsOn(`${kind}/${slug}/page/${page}`));
  expect(seen.map((list) => list.length)).toEqual(
    Array.from({ length: pages }, (_, i) => Math.min(CARDS_PER_PAGE, expected.length - i * CARDS_PER_PAGE)),
  );
  expect(seen.flat()).toEqual(expected);
  const first = readFileSync(join(work, 'dist', 'site', kind, slug, 'index.html'), 'utf8');
  expect(first).toContain(`href="/${kind}/${slug}/page/2/"`);
  expect(existsSync(join(work, 'dist', 'site', kind, slug, 'page', String(pages + 1)))).toBe(false);
});

test('the compare page lists every board once, and its four pickers offer them all', async () => {
  const html = readFileSync(join(work, 'dist', 'site', 'compare', 'index.html'), 'utf8');
  expect(html.match(/<option value="[^"]+"/g)?.length).toBe(BOARDS);
  const page = await browser.newPage();
  await page.goto(`${server.url}/compare/`, { waitUntil: 'networkidle' });
  const counts = await page
    .locator('[data-compare-form] select')
    .evaluateAll((selects) => selects.map((s) => (s as HTMLSelectElement).options.length));
  expect(counts).toEqual([BOARDS + 1, BOARDS + 1, BOARDS + 1, BOARDS + 1]);
  await page.close();
});

test('a filter counts and shows boards from every chunk', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
  await page.locator('input[name="arch"][value="armv7hf"]').check();
  const expected = boards.filter((b) => b.arch === 'armv7hf');
  await expect
    .poll(() => status(page))
    .toBe(
      `Showing the first ${CARDS_PER_PAGE} of ${expected.length.toLocaleString('en-US')} matching boards (${BOARDS.toLocaleString('en-US')} in all).`,
    );
  expect(await page.locator('[data-count="arch=armv7hf"]').textContent()).toBe(expected.length.toLocaleString('en-US'));
  // Paging through reaches the boards from the second chunk.
  while (await page.locator('[data-more]').isVisible()) await page.locator('[data-more]').click();
  expect((await cardSlugs(page)).sort()).toEqual(expected.map((b) => b.slug).sort());
  await page.close();
});

test('search finds a board that lives in the last chunk, and a filter narrows the search', async () => {
  const page = await browser.newPage();
  const target = boards.find((b) => b.slug.endsWith('-n1057'))!;
  const other = boards.find((b) => b.arch !== target.arch)!.arch;
  await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
  // With another architecture checked, the search runs with that filter and cannot show the board.
  await page.locator(`input[name="arch"][value="${other}"]`).check();
  await page.locator('#search').fill(target.name);
  await expect.poll(() => status(page), { timeout: 15_000 }).toMatch(/^Showing/);
  await expect.poll(async () => (await cardSlugs(page)).every((slug) => boards.find((b) => b.slug === slug)!.arch === other)).toBe(true);
  expect(await cardSlugs(page)).not.toContain(target.slug);
  await page.locator(`input[name="arch"][value="${other}"]`).uncheck();
  await expect.poll(async () => (await cardSlugs(page))[0], { timeout: 15_000 }).toBe(target.slug);
  await page.close();
});
