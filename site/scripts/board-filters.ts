// Home-page filters and search over every board: facets combine (OR within, AND across), counts follow, state lives in
// the URL. Card data loads in chunks; Pagefind searches with the same facets as its filters; cards render in pages.
// Search results become cards through the build's id -> slug map, so no result costs a fragment fetch.
import type { BoardCardData } from '../../src/query/cards.ts';

type PagefindResult = { id: string; data: () => Promise<{ meta: Record<string, string> }> };
type Pagefind = {
  search: (query: string, options?: { filters?: Record<string, { any: string[] }> }) => Promise<{ results: PagefindResult[] }>;
  preload?: (q: string) => Promise<void>;
};

const list = document.querySelector<HTMLElement>('[data-cards]')!;
const boxes = [...document.querySelectorAll<HTMLInputElement>('[data-facets] input[type="checkbox"]')];
const search = document.querySelector<HTMLInputElement>('#search')!;
const status = document.querySelector<HTMLElement>('[data-status]')!;
const more = document.querySelector<HTMLButtonElement>('[data-more]')!;
const counts = [...document.querySelectorAll<HTMLElement>('[data-count]')];
const pageSize = Number(list.dataset.pageSize);
const chunkCount = Number(list.dataset.chunks);
const total = Number(list.dataset.total);
const searchSlugsUrl = list.dataset.searchSlugs!;
/** Counts as the page's HTML writes them: 10,000 rather than 10000. */
const formatCount = (n: number) => n.toLocaleString('en-US');

let cards: BoardCardData[] | null = null;
let bySlug = new Map<string, BoardCardData>();
let shownLimit = pageSize;
/** Slugs in relevance order when a search is active, else null. */
let searchHits: string[] | null = null;
/** Pagefind, and its page id -> board slug map (null if the map is missing: slugs then come from fragments). */
let engineLoad: Promise<{ pagefind: Pagefind; slugs: Record<string, string> | null }> | null = null;
/** Without the map: the number of search results, and the results whose slugs are not loaded yet. */
let searchTotal: number | null = null;
let unresolved: PagefindResult[] = [];
let searchToken = 0;

document.querySelector<HTMLElement>('[data-facets]')!.hidden = false;
document.querySelector<HTMLElement>('[data-toolbar]')!.hidden = false;
document.querySelector<HTMLElement>('[data-browse]')!.hidden = true;
document.querySelector<HTMLElement>('[data-pages]')?.setAttribute('hidden', '');

async function loadCards(): Promise<BoardCardData[]> {
  const chunks = await Promise.all(
    Array.from({ length: chunkCount }, (_, i) => fetch(`/api/v1/cards/${i}.json`).then((r) => r.json() as Promise<BoardCardData[]>)),
  );
  return chunks.flat();
}

function selected(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const box of boxes) if (box.checked) out.set(box.name, (out.get(box.name) ?? new Set()).add(box.value));
  return out;
}

function matches(card: BoardCardData, chosen: Map<string, Set<string>>, except?: string): boolean {
  for (const [key, values] of chosen) if (key !== except && !values.has(card.facets[key] ?? '')) return false;
  return true;
}

function cardElement(card: BoardCardData): HTMLLIElement {
  const li = document.createElement('li');
  li.className = 'card';
  li.dataset.slug = card.slug;
  for (const [key, value] of Object.entries(card.facets)) li.dataset[key.toLowerCase()] = value;
  const svgNs = 'http://www.w3.org/2000/svg';
  let mark: Element;
  if (card.logo) {
    const img = document.createElement('img');
    Object.assign(img, { className: 'logo', src: `/logos/${card.slug}.svg`, alt: '', width: 48, height: 48 });
    mark = img;
  } else {
    const svg = document.createElementNS(svgNs, 'svg');
    for (const [k, v] of Object.entries({ class: 'monogram', viewBox: '0 0 48 48', width: '48', height: '48', 'aria-hidden': 'true' }))
      svg.setAttribute(k, v);
    const rect = document.createElementNS(svgNs, 'rect');
    for (const [k, v] of Object.entries({ width: '48', height: '48', rx: '8', fill: `hsl(${card.hue} 45% 35%)` })) rect.setAttribute(k, v);
    const text = document.createElementNS(svgNs, 'text');
    for (const [k, v] of Object.entries({
      x: '24',
      y: '30',
      'text-anchor': 'middle',
      'font-size': '18',
      'font-weight': '700',
      fill: '#fff',
      'font-family': 'system-ui, sans-serif',
    }))
      text.setAttribute(k, v);
    text.textContent = card.initials;
    svg.append(rect, text);
    mark = svg;
  }
  const body = document.createElement('div');
  const heading = document.createElement('h3');
  const link = document.createElement('a');
  link.href = `/boards/${card.slug}/`;
  link.textContent = card.name;
  heading.append(link);
  const line = document.createElement('p');
  line.textContent = `${card.arch} · ${card.manufacturer}`;
  const badges = document.createElement('p');
  const badge = document.createElement('span');
  badge.className = `badge state-${card.state}`;
  badge.textContent = card.state;
  const method = document.createElement('span');
  method.className = 'muted';
  method.textContent = card.method;
  badges.append(badge, ' ', method);
  body.append(heading, line, badges);
  li.append(mark, body);
  return li;
}

function render(pushState = true) {
  if (!cards) return;
  const chosen = selected();
  const pool = searchHits ? searchHits.map((slug) => bySlug.get(slug)).filter((c): c is BoardCardData => Boolean(c)) : cards;
  const matching = pool.filter((card) => matches(card, chosen));
  list.replaceChildren(...matching.slice(0, shownLimit).map(cardElement));
  // While searching, the count is Pagefind's (the facets filter there too); hits load a page at a time.
  const found = searchTotal ?? matching.length;
  more.hidden = found <= shownLimit;
  // A value's count is how many boards it would show given the other facets, so a choice never leads to nothing.
  // One pass: a card counts for every facet if it fails none of the chosen ones, or only for the one it fails.
  const tally = new Map<string, number>();
  for (const card of pool) {
    let failed: string | null = null;
    let failures = 0;
    for (const [key, values] of chosen) {
      if (!values.has(card.facets[key] ?? '')) {
        failed = key;
        if (++failures > 1) break;
      }
    }
    if (failures > 1) continue;
    for (const [key, value] of Object.entries(card.facets)) {
      if (failures === 1 && key !== failed) continue;
      tally.set(`${key}=${value}`, (tally.get(`${key}=${value}`) ?? 0) + 1);
    }
  }
  for (const count of counts) {
    const n = tally.get(count.dataset.count!) ?? 0;
    count.textContent = formatCount(n);
    const item = count.closest('li')!;
    item.hidden = n === 0 && !item.querySelector('input')!.checked;
  }
  status.textContent =
    found <= shownLimit && matching.length === found
      ? `Showing ${formatCount(found)} of ${formatCount(total)} boards.`
      : `Showing the first ${formatCount(Math.min(shownLimit, matching.length))} of ${formatCount(found)} matching boards (${formatCount(total)} in all).`;
  if (pushState) {
    const params = new URLSearchParams();
    for (const [key, values] of chosen) for (const value of values) params.append(key, value);
    if (search.value.trim()) params.set('q', search.value.trim());
    const query = params.toString();
    history.replaceState(null, '', query ? `?${query}` : location.pathname);
  }
}

function engine(): Promise<{ pagefind: Pagefind; slugs: Record<string, string> | null }> {
  engineLoad ??= Promise.all([
    (import(/* @vite-ignore */ `${'/pagefind/pagefind.js'}`) as Promise<Pagefind & { init?: () => Promise<void> }>).then(async (p) => {
      await p.init?.();
      return p;
    }),
    fetch(searchSlugsUrl)
      .then((r) => (r.ok ? (r.json() as Promise<Record<string, string>>) : null))
      .catch(() => null),
  ]).then(([pagefind, slugs]) => ({ pagefind, slugs }));
  return engineLoad;
}

/** Without the id map: slugs read from each result's fragment, only for as many results as are about to be shown. */
async function slugsOf(results: PagefindResult[]): Promise<string[]> {
  const data = await Promise.all(results.map((r) => r.data()));
  return data.map((d) => d.meta.slug).filter((slug): slug is string => Boolean(slug));
}

async function runSearch() {
  const query = search.value.trim();
  const token = ++searchToken;
  shownLimit = pageSize;
  if (!query) {
    searchHits = null;
    searchTotal = null;
    unresolved = [];
    render();
    return;
  }
  try {
    const filters = Object.fromEntries([...selected()].map(([key, values]) => [key, { any: [...values] }]));
    const { pagefind, slugs } = await engine();
    const { results } = await pagefind.search(query, { filters });
    if (token !== searchToken) return;
    if (slugs) {
      // Pages other than boards (families, guides) have no slug and are left out.
      searchHits = results.map((r) => slugs[r.id]).filter((slug): slug is string => Boolean(slug));
      searchTotal = null;
      unresolved = [];
      render();
      return;
    }
    searchTotal = results.length;
    // The first screenful appears as soon as its fragments arrive; the rest of the first page follows.
    searchHits = await slugsOf(results.slice(0, 12));
    unresolved = results.slice(12);
    if (token !== searchToken) return;
    render();
    searchHits = [...searchHits, ...(await slugsOf(unresolved.splice(0, shownLimit - 12)))];
    if (token !== searchToken) return;
    render();
  } catch {
    // Without a search index (e.g. the dev server), match words in names.
    const words = query.toLowerCase().split(/\s+/);
    searchHits = (cards ?? [])
      .filter((c) => words.every((w) => `${c.name} ${c.manufacturer} ${c.slug}`.toLowerCase().includes(w)))
      .map((c) => c.slug);
    searchTotal = searchHits.length;
    render();
  }
}

const params = new URLSearchParams(location.search);
for (const box of boxes) box.checked = params.getAll(box.name).includes(box.value);
search.value = params.get('q') ?? '';
for (const box of boxes)
  box.addEventListener('change', () => {
    shownLimit = pageSize;
    if (search.value.trim()) void runSearch();
    else render();
  });
let timer: number | undefined;
/** When the last keystroke left words in the box; a keystroke that empties it ends the query. */
let lastTyped = -Infinity;
search.addEventListener('input', () => {
  clearTimeout(timer);
  // The first keystroke of a query (after a pause, or into an emptied box, or a paste) searches at once; the rest of a
  // burst of typing searches once it settles.
  const now = performance.now();
  const burst = now - lastTyped < 300;
  lastTyped = search.value.trim() ? now : -Infinity;
  if (!burst) {
    void runSearch();
    return;
  }
  // Start loading the index chunks for the words typed so far while the debounce waits.
  const words = search.value.trim();
  if (words && engineLoad) void engineLoad.then(({ pagefind }) => pagefind.preload?.(words)).catch(() => undefined);
  timer = window.setTimeout(runSearch, 30);
});
more.addEventListener('click', async () => {
  shownLimit += pageSize;
  if (searchHits && unresolved.length > 0) searchHits = [...searchHits, ...(await slugsOf(unresolved.splice(0, pageSize)))];
  render(false);
});
document.querySelector('[data-clear]')!.addEventListener('click', () => {
  for (const box of boxes) box.checked = false;
  search.value = '';
  searchHits = null;
  searchTotal = null;
  unresolved = [];
  shownLimit = pageSize;
  render();
});
// Search is ready before the first keystroke: load the engine and its index while the visitor reads.
search.addEventListener('focus', () => void engine().catch(() => undefined), { once: true });
loadCards().then((loaded) => {
  cards = loaded;
  bySlug = new Map(loaded.map((c) => [c.slug, c]));
  void engine().catch(() => undefined);
  if (search.value) void runSearch();
  else render(false);
});
