// The injection corpus (test/corpus/injection.json): rejected payloads fail validation; accepted ones build into pages that run nothing and load nothing from elsewhere.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { validateRegistry } from '../../src/registry/validate.ts';
import { formatDiagnostic } from '../../src/diagnostics/diagnostic.ts';
import { BOARD, fixtureRegistry, messagesFor, readFixtureJson, removeFixture, type Edit } from '../helpers/fixture-registry.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { serveStatic } from '../helpers/static-server.ts';

interface Payload {
  id: string;
  field: string;
  value: string;
  expect: 'accepted' | 'rejected';
}
const { payloads } = JSON.parse(readFileSync('test/corpus/injection.json', 'utf8')) as { payloads: Payload[] };
const board = (id: string) => `hw.device-type/inj-${id}/contract.json`;
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The files that put one payload into a registry, on a board of its own. */
function placement(p: Payload): Record<string, Edit> {
  const base = {
    type: 'hw.device-type',
    slug: `inj-${p.id}`,
    name: `Injection ${p.id}`,
    family: 'acme-sbc',
    sources: ['https://example.com/inj'],
  };
  const family = readFixtureJson('hw.device-family/acme-sbc/contract.json');
  const layout = readFixtureJson('sw.partition-layout/simple-msdos/contract.json');
  switch (p.field) {
    case 'name':
      return { [board(p.id)]: json({ ...base, name: p.value }) };
    case 'soc':
      return { [board(p.id)]: json({ ...base, soc: p.value }) };
    case 'family-description':
      return {
        [`hw.device-family/inj-${p.id}/contract.json`]: json({ ...family, slug: `inj-${p.id}`, description: p.value }),
        [board(p.id)]: json({ ...base, family: `inj-${p.id}` }),
      };
    case 'manufacturer-name':
      return {
        [`hw.device-manufacturer/inj-${p.id}/contract.json`]: json({ type: 'hw.device-manufacturer', slug: `inj-${p.id}`, name: p.value }),
        [board(p.id)]: json({ ...base, manufacturer: `inj-${p.id}` }),
      };
    case 'bootloader-description':
      return {
        [`sw.bootloader/inj-${p.id}/contract.json`]: json({
          type: 'sw.bootloader',
          slug: `inj-${p.id}`,
          name: 'Injected stage',
          description: p.value,
        }),
        [board(p.id)]: json({ ...base, bootloader: ['vendor-rom', `inj-${p.id}`] }),
      };
    case 'layout-name':
      return {
        [`sw.partition-layout/inj-${p.id}/contract.json`]: json({ ...layout, slug: `inj-${p.id}`, name: p.value }),
        [board(p.id)]: json({ ...base, partitions: { layout: `inj-${p.id}` } }),
      };
    case 'notes':
      return { [board(p.id)]: json(base), [`hw.device-type/inj-${p.id}/notes.md`]: `${p.value}\n` };
    case 'notes-title':
      return {
        [board(p.id)]: json(base),
        [`hw.device-type/inj-${p.id}/notes.md`]: `---\ntitle: ${JSON.stringify(p.value)}\n---\nNotes.\n`,
      };
    case 'step-note':
      return { [board(p.id)]: json({ ...base, instructions: { steps: { 'first-boot': [{ kind: 'note', text: p.value }] } } }) };
    case 'link':
      return { [board(p.id)]: json({ ...base, links: { product: p.value } }) };
    case 'source':
      return { [board(p.id)]: json({ ...base, sources: [p.value] }) };
    case 'alias':
      return { [board(p.id)]: json({ ...base, aliases: [p.value] }) };
    case 'logo':
      return { [board(p.id)]: json({ ...base, logo: 'logo.svg' }), [`hw.device-type/inj-${p.id}/logo.svg`]: p.value };
    default:
      throw new Error(`unknown field ${p.field}`);
  }
}

test('the corpus has at least 40 payloads', () => {
  expect(payloads.length).toBeGreaterThanOrEqual(40);
});

describe('rejected payloads fail validation with a located error', () => {
  test.each(payloads.filter((p) => p.expect === 'rejected').map((p) => [p.id, p] as const))('%s', (_id, p) => {
    const messages = messagesFor(placement(p));
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((m) => /^contracts\/\S+:\d+:\d+ /.test(m))).toBe(true);
  });
});

describe('accepted payloads, built into a site and opened in Chromium', () => {
  const accepted = payloads.filter((p) => p.expect === 'accepted');
  const root = fixtureRegistry(Object.assign({}, ...accepted.map(placement)));
  const out = join(root, '..', 'dist');
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveStatic>>;

  beforeAll(async () => {
    expect(validateRegistry(root).diagnostics.map(formatDiagnostic)).toEqual([]);
    execFileSync(process.execPath, ['scripts/build.ts', '--contracts', root, '--out', out], { stdio: 'ignore' });
    server = await serveStatic(join(out, 'site'));
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    removeFixture(root);
  });

  test('every page: no dialog, no script run by contract text, no console error, no request to another origin', async () => {
    const pages = readdirSync(join(out, 'site'), { recursive: true, encoding: 'utf8' })
      .filter((path) => path.endsWith('index.html') && !path.startsWith('pagefind'))
      .map((path) => `/${relative('.', path).replace(/index\.html$/, '')}`);
    expect(pages.length).toBeGreaterThan(accepted.length);
    const problems: string[] = [];
    const context = await browser.newContext();
    for (const path of pages) {
      const page = await context.newPage();
      page.on('dialog', (d) => {
        problems.push(`${path}: dialog ${d.message()}`);
        void d.dismiss();
      });
      page.on('console', (m) => m.type() === 'error' && problems.push(`${path}: console ${m.text()}`));
      page.on('pageerror', (e) => problems.push(`${path}: exception ${e.message}`));
      page.on('request', (r) => !r.url().startsWith(server.url) && problems.push(`${path}: request ${r.url()}`));
      await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
      await page.waitForTimeout(150);
      if (await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned !== undefined))
        problems.push(`${path}: script ran`);
      await page.close();
    }
    await context.close();
    expect(problems).toEqual([]);
  }, 300_000);

  test('names are shown as the exact text, not markup', async () => {
    const page = await browser.newPage();
    for (const p of accepted.filter((p) => p.field === 'name')) {
      await page.goto(`${server.url}/boards/inj-${p.id}/`);
      expect(await page.locator('h1').textContent()).toBe(p.value);
    }
    await page.goto(`${server.url}/boards/inj-notes-raw-html/`);
    expect(await page.locator('#notes-heading + *').textContent()).toContain('<script>alert(1)</script>');
    await page.close();
  });
});

test('an accepted payload stays accepted only where it is inert: the same name as an alias is rejected', () => {
  expect(messagesFor({ [BOARD]: (c) => (c.aliases = ['<script>']) }).length).toBeGreaterThan(0);
});
