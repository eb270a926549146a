// Measures gzipped page weights of the built site against the budgets: what a visitor downloads for a page.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BudgetResult {
  name: string;
  bytes: number;
  budgetKiB: number;
  ok: boolean;
}

const gz = (text: string | Buffer) => gzipSync(text, { level: 9 }).length;

/** Stylesheets and scripts a page links, excluding Pagefind (search loads on demand). */
function assetsOf(site: string, html: string, kind: 'css' | 'js'): string[] {
  const pattern = kind === 'css' ? /<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g : /<script[^>]+src="([^"]+)"/g;
  const direct = [...html.matchAll(pattern)].map((m) => m[1]!).filter((href) => href.startsWith('/') && !href.startsWith('/pagefind/'));
  if (kind === 'css') return direct;
  // Module scripts import shared chunks; follow static imports so the budget counts everything that loads.
  const seen = new Set<string>();
  const queue = [...direct];
  while (queue.length) {
    const href = queue.pop()!;
    if (seen.has(href)) continue;
    seen.add(href);
    const source = readFileSync(join(site, href), 'utf8');
    for (const m of source.matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g)) {
      const next = new URL(m[1]!, `http://x${href}`).pathname;
      if (!next.startsWith('/pagefind/')) queue.push(next);
    }
  }
  return [...seen];
}

export function pageWeight(site: string, page: string) {
  const html = readFileSync(join(site, page), 'utf8');
  const css = assetsOf(site, html, 'css').reduce((sum, href) => sum + gz(readFileSync(join(site, href))), 0);
  const js = assetsOf(site, html, 'js').reduce((sum, href) => sum + gz(readFileSync(join(site, href))), 0);
  return { html: gz(html), css, js };
}

export function siteBudgets(site: string): BudgetResult[] {
  // boards/ also holds the paged list (boards/page/N/) once there are more boards than one page shows.
  const boards = readdirSync(join(site, 'boards')).filter((slug) => existsSync(join(site, 'boards', slug, 'index.html')));
  // The heaviest board page is the one that must fit.
  const weights = boards.map((slug) => ({ slug, ...pageWeight(site, join('boards', slug, 'index.html')) }));
  const heaviest = weights.reduce((a, b) => (b.html + b.css > a.html + a.css ? b : a));
  const heaviestJs = weights.reduce((a, b) => (b.js > a.js ? b : a));
  const home = pageWeight(site, 'index.html');
  // Every other page (lists, groups, compare, guides): none may grow with the registry unchecked.
  const others = readdirSync(site, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('index.html') && !path.split(/[\\/]/).includes('boards') && path !== 'index.html')
    .map((path) => ({ path, ...pageWeight(site, path) }));
  const heaviestOther = others.reduce((a, b) => (b.html + b.css > a.html + a.css ? b : a));
  const result = (name: string, bytes: number, budgetKiB: number) => ({ name, bytes, budgetKiB, ok: bytes <= budgetKiB * 1024 });
  return [
    result(`board page HTML + CSS (heaviest: ${heaviest.slug})`, heaviest.html + heaviest.css, 20),
    result(`board page JavaScript, search excluded (heaviest: ${heaviestJs.slug})`, heaviestJs.js, 10),
    result('home page HTML + CSS + JavaScript', home.html + home.css + home.js, 60),
    result(
      `any other page, HTML + CSS (heaviest: /${heaviestOther.path.replace(/index\.html$/, '')})`,
      heaviestOther.html + heaviestOther.css,
      100,
    ),
  ];
}
