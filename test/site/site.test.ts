// Browser tests of the built hub in Debian's Chromium: filters, search, tabs, compare, alias redirects, accessibility, screenshots.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { serveStatic } from '../helpers/static-server.ts';
import { loadRegistry } from '../../src/registry/validate.ts';
import { siteBudgets } from '../../src/build/budgets.ts';
import { CARDS_PER_PAGE } from '../../src/query/cards.ts';

const registry = loadRegistry('contracts');
const work = mkdtempSync(join(tmpdir(), 'boardhub-site-'));
const artifacts = 'test-artifacts/screenshots';
let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;
const problems: string[] = [];

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build.ts', '--out', work], { stdio: 'ignore' });
  server = await serveStatic(join(work, 'site'));
  browser = await launchBrowser();
  mkdirSync(artifacts, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

/** A page that records console errors, uncaught exceptions and requests to other origins. */
async function open(path: string, width = 1280): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.on('console', (m) => m.type() === 'error' && problems.push(`${path}: console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`${path}: exception: ${e.message}`));
  page.on(
    'request',
    (r) => !r.url().startsWith(server.url) && !r.url().startsWith('data:') && problems.push(`${path}: request to ${r.url()}`),
  );
  await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
  return page;
}

const shown = (page: Page) => page.locator('[data-cards] > li:visible').count();

describe('home', () => {
  test('every board is a card (a page at a time), and arch=aarch64 plus Wi-Fi matches the data', async () => {
    const page = await open('/');
    expect(await shown(page)).toBe(Math.min(registry.boards.length, CARDS_PER_PAGE));
    await page.locator('input[name="arch"][value="aarch64"]').check();
    await page.locator('input[name="wifi"][value="yes"]').check();
    const expected = registry.boards.filter((b) => b.arch === 'aarch64' && b.hardware.wifi === true).length;
    expect(await shown(page)).toBe(Math.min(expected, CARDS_PER_PAGE));
    await expect
      .poll(() => page.locator('[data-status]').textContent(), { timeout: 15_000 })
      .toBe(`Showing ${expected} of ${registry.boards.length} boards.`);
    expect(page.url()).toContain('arch=aarch64');
    expect(page.url()).toContain('wifi=yes');
    // The filtered view is shareable: the same URL shows the same boards.
    const again = await open(new URL(page.url()).pathname + new URL(page.url()).search);
    expect(await shown(again)).toBe(Math.min(expected, CARDS_PER_PAGE));
  });

  test('search "jetson orin" finds the Orin boards without fetching a fragment per result', async () => {
    const page = await open('/');
    const fragments: string[] = [];
    page.on('request', (r) => r.url().includes('/pagefind/fragment/') && fragments.push(r.url()));
    await page.locator('#search').fill('jetson orin');
    const orin = registry.boards.filter((b) => /orin/i.test(b.name)).map((b) => b.slug);
    await expect.poll(() => shown(page), { timeout: 15_000 }).toBeLessThan(registry.boards.length);
    const visible = await page
      .locator('[data-cards] > li:visible')
      .evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset.slug!));
    expect(visible).toEqual(expect.arrayContaining(orin));
    expect(visible.length).toBeLessThan(registry.boards.length / 4);
    expect(fragments).toEqual([]);
  });

  test('without the id -> slug map, search still finds boards through their fragments', async () => {
    const page = await browser.newPage();
    await page.route('**/pagefind/board-slugs.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
    await page.locator('#search').fill('jetson orin');
    await expect.poll(() => shown(page), { timeout: 15_000 }).toBeLessThan(registry.boards.length);
    const visible = await page
      .locator('[data-cards] > li:visible')
      .evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset.slug!));
    expect(visible).toEqual(expect.arrayContaining(registry.boards.filter((b) => /orin/i.test(b.name)).map((b) => b.slug)));
    await page.close();
  });

  test('the id -> slug map names every board page Pagefind indexed, and nothing else', () => {
    const slugs = JSON.parse(readFileSync(join(work, 'site', 'pagefind', 'board-slugs.json'), 'utf8')) as Record<string, string>;
    expect(Object.values(slugs).sort()).toEqual(registry.boards.map((b) => b.slug).sort());
    for (const id of Object.keys(slugs)) expect(existsSync(join(work, 'site', 'pagefind', 'fragment', `${id}.pf_fragment`))).toBe(true);
  });

  test('without JavaScript the page lists every board and links the family, maker and architecture pages', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    // The home page holds the first page of cards; plain links lead through the rest.
    let cards = await page.locator('[data-cards] > li').count();
    const next = page.locator('nav[aria-label="Pages of boards"] a', { hasText: 'next page' });
    while ((await next.count()) > 0) {
      await page.goto(`${server.url}${await next.first().getAttribute('href')}`);
      cards += await page.locator('main ul.cards > li').count();
    }
    expect(cards).toBe(registry.boards.length);
    await page.goto(`${server.url}/`);
    expect(await page.locator('[data-browse] a[href^="/families/"]').count()).toBe(registry.families.length);
    expect(await page.locator('[data-browse] a[href^="/architectures/"]').count()).toBe(registry.architectures.length);
    await context.close();
  });
});

describe('board page', () => {
  test('the Windows tab shows the Windows steps', async () => {
    const page = await open('/boards/intel-edison/');
    await page.getByRole('tab', { name: 'Windows' }).click();
    const panel = page.locator('#panel-windows');
    await expect.poll(() => panel.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await panel.textContent()).toMatch(/flashall\.bat/);
    expect(await page.locator('#panel-linux').isVisible()).toBe(false);
    // The choice is remembered on the next board.
    await page.goto(`${server.url}/boards/raspberrypi4-64/`);
    expect(await page.locator('#panel-windows').isVisible()).toBe(true);
    expect(await page.locator('#panel-macos').isVisible()).toBe(false);
  });

  test('the page says which balenaOS release and layer revision the facts hold for, and cites every derived fact', async () => {
    const board = registry.board('jetson-xavier')!;
    const page = await open('/boards/jetson-xavier/');
    const revision = page.locator('dt', { hasText: 'Facts hold for' }).locator('xpath=following-sibling::dd[1]');
    expect(await revision.textContent()).toContain(`balenaOS ${board.layer!.release}`);
    expect(await revision.locator('a').getAttribute('href')).toBe(board.layer!.url);
    expect(await page.locator('.derived-facts li').count()).toBe(Object.keys(board.layer!.facts).length);
    // Every vendor partition is listed, so resin-boot carries the number balena's manifest gives it.
    const bootRow = page.locator('#layout ~ .table-wrap tr, .diagram + .table-wrap tr', { hasText: 'resin-boot' }).first();
    expect(await bootRow.locator('td').first().textContent()).toBe('37');
    // "Get the image" names the same release and copies as the commands the library builds.
    expect(await page.locator('[data-get-image] pre').first().textContent()).toBe(
      `balena os download jetson-xavier --output balena-jetson-xavier.img --version ${board.layer!.release}`,
    );
    expect(await page.locator('[data-get-image]').textContent()).toContain('on partition 37');
    const edge = await open('/boards/edge/');
    expect(await edge.locator('dt', { hasText: 'Facts hold for' }).count()).toBe(0);
    expect(await edge.locator('[data-get-image]').count()).toBe(0);
    // A device type without an OS image has no install steps, no install method and no "unverified" warning.
    expect(await edge.locator('[data-no-image]').count()).toBe(1);
    expect(await edge.locator('#panel-linux, .unverified').count()).toBe(0);
    expect(await edge.locator('dt', { hasText: 'Install method' }).count()).toBe(0);
  });

  test('an old alias URL lands on the right board', async () => {
    const page = await open('/boards/ze250/');
    await page.waitForURL(/\/boards\/cybertan-ze250\/$/);
    expect(await page.locator('h1').textContent()).toBe(registry.board('cybertan-ze250')!.name);
  });

  test('a misspelt board path suggests the right board on the 404 page', async () => {
    const page = await open('/boards/raspberypi4-64/');
    await expect
      .poll(() => page.locator('[data-suggestions] a').first().getAttribute('href'), { timeout: 15_000 })
      .toBe('/boards/raspberrypi4-64/');
  });
});

test('compare two boards and see a highlighted difference', async () => {
  const page = await open('/compare/?boards=raspberrypi4-64,jetson-nano');
  const row = page.locator('tr.differs', { hasText: 'Install method' });
  await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
  const background = await row
    .locator('td')
    .first()
    .evaluate((td) => getComputedStyle(td).backgroundColor);
  const plain = await page
    .locator('tr:not(.differs) td')
    .first()
    .evaluate((td) => getComputedStyle(td).backgroundColor);
  expect(background).not.toBe(plain);
});

test('size budgets hold: board page HTML+CSS <= 20 KiB, its JavaScript <= 10 KiB, home <= 60 KiB, any other page <= 100 KiB (gzipped)', () => {
  const results = siteBudgets(join(work, 'site'));
  expect(results.map((r) => r.budgetKiB)).toEqual([20, 10, 60, 100]);
  expect(results.filter((r) => !r.ok)).toEqual([]);
});

test('the new-board form: a validation error, fixed, gives valid JSON and a prefilled GitHub link', async () => {
  const page = await open('/contribute/new/');
  await page.fill('input[name="name"]', 'Acme Gateway 2');
  await page.fill('input[name="slug"]', 'Acme_Gateway');
  await page.selectOption('select[name="family"]', 'raspberrypi');
  await page.selectOption('select[name="arch"]', 'aarch64');
  await page.selectOption('select[name="defaultMedia"]', 'sdcard');
  await page.fill('textarea[name="sources"]', 'https://example.com/acme');
  await expect
    .poll(() => page.locator('.form-errors li').first().textContent(), { timeout: 15_000 })
    .toContain('did you mean "acme-gateway"?');
  expect(await page.locator('[data-github]').getAttribute('aria-disabled')).toBe('true');
  await page.fill('input[name="slug"]', 'raspberrypi4-64');
  await expect.poll(() => page.locator('.form-errors').textContent(), { timeout: 15_000 }).toContain('already a board or an alias');
  await page.fill('input[name="slug"]', 'acme-gateway-2');
  await expect.poll(() => page.locator('[data-errors]').textContent(), { timeout: 15_000 }).toBe('✔ The contract is valid.');
  const contract = JSON.parse(await page.locator('[data-json]').inputValue());
  expect(contract).toMatchObject({
    type: 'hw.device-type',
    slug: 'acme-gateway-2',
    name: 'Acme Gateway 2',
    family: 'raspberrypi',
    arch: 'aarch64',
    boot: { defaultMedia: 'sdcard' },
  });
  expect(await page.locator('[data-method]').textContent()).toContain('external-boot');
  const href = new URL((await page.locator('[data-github]').getAttribute('href'))!);
  expect(`${href.origin}${href.pathname}`).toBe('https://github.com/boardhub/boardhub/new/main');
  expect(href.searchParams.get('filename')).toBe('contracts/hw.device-type/acme-gateway-2/contract.json');
  expect(JSON.parse(href.searchParams.get('value')!)).toEqual(contract);
});

const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

const PAGE_TYPES: [string, string][] = [
  ['home', '/'],
  ['board', '/boards/raspberrypicm4-ioboard/'],
  ['family', '/families/raspberrypi/'],
  ['families', '/families/'],
  ['manufacturer', '/manufacturers/nvidia/'],
  ['architecture', '/architectures/aarch64/'],
  ['bootloader', '/bootloaders/u-boot/'],
  ['compare', '/compare/?boards=raspberrypi4-64,jetson-nano'],
  ['compare-family', '/compare/raspberrypi/'],
  ['api', '/api/'],
  ['changes', '/changes/'],
  ['contributing', '/contributing/'],
  ['not-found', '/no-such-page/'],
  ['contribute-new', '/contribute/new/'],
];

describe('every page type', () => {
  test.each(PAGE_TYPES)('%s: axe finds no violations, screenshots at desktop and 360 px', async (name, path) => {
    for (const [label, width] of [
      ['desktop', 1280],
      ['mobile', 360],
    ] as const) {
      const page = await open(path, width);
      // Evaluated through the debugging protocol: the page's CSP rightly refuses an injected inline script.
      await page.evaluate(AXE);
      const results = await page.evaluate(async () => (window as any).axe.run(document, { resultTypes: ['violations'] }));
      const violations = results.violations.map(
        (v: any) =>
          `${v.id}: ${v.nodes
            .map((n: any) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      );
      expect(violations, `${name} at ${label}`).toEqual([]);
      if (width === 360) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${name} is wider than 360 px`).toBeLessThanOrEqual(0);
      }
      await page.screenshot({ path: join(artifacts, `${name}-${label}.png`), fullPage: true });
      await page.close();
    }
  });

  test('no console errors, exceptions or requests to other origins on any page visited', () => {
    // The two deliberately missing paths answer 404 themselves; nothing else may fail.
    const expected404 = (p: string) => /^\/(no-such-page|boards\/raspberypi4-64)\/: console: Failed to load resource: .*404/.test(p);
    expect(problems.filter((p) => !expected404(p))).toEqual([]);
  });
});
