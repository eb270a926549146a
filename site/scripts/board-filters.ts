// Home-page filters: facets combine (OR within a facet, AND across), counts follow, state lives in the URL, Pagefind search narrows further.
type PagefindResult = { data: () => Promise<{ meta: Record<string, string> }> };
type Pagefind = { search: (query: string, options?: object) => Promise<{ results: PagefindResult[] }>; init?: () => Promise<void> };

const cards = [...document.querySelectorAll<HTMLElement>('[data-cards] > li')];
const boxes = [...document.querySelectorAll<HTMLInputElement>('[data-facets] input[type="checkbox"]')];
const search = document.querySelector<HTMLInputElement>('#search')!;
const status = document.querySelector<HTMLElement>('[data-status]')!;
const counts = [...document.querySelectorAll<HTMLElement>('[data-count]')];
let searchHits: Set<string> | null = null;
let pagefind: Promise<Pagefind> | null = null;
let searchToken = 0;

document.querySelector<HTMLElement>('[data-facets]')!.hidden = false;
document.querySelector<HTMLElement>('[data-toolbar]')!.hidden = false;
document.querySelector<HTMLElement>('[data-browse]')!.hidden = true;

function selected(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const box of boxes) if (box.checked) out.set(box.name, (out.get(box.name) ?? new Set()).add(box.value));
  return out;
}

function matches(card: HTMLElement, chosen: Map<string, Set<string>>, except?: string): boolean {
  for (const [key, values] of chosen) {
    if (key === except) continue;
    if (!values.has(card.dataset[key.toLowerCase()] ?? '')) return false;
  }
  return searchHits === null || searchHits.has(card.dataset.slug!);
}

function update(pushState = true) {
  const chosen = selected();
  let shown = 0;
  for (const card of cards) {
    const visible = matches(card, chosen);
    card.hidden = !visible;
    if (visible) shown++;
  }
  // A value's count is how many boards it would show given the other facets, so choices never lead to nothing.
  for (const count of counts) {
    const [key, value] = count.dataset.count!.split('=') as [string, string];
    const n = cards.filter((card) => card.dataset[key.toLowerCase()] === value && matches(card, chosen, key)).length;
    count.textContent = String(n);
    const item = count.closest('li')!;
    const box = item.querySelector('input')!;
    item.hidden = n === 0 && !box.checked;
  }
  status.textContent = `Showing ${shown} of ${cards.length} boards.`;
  if (pushState) {
    const params = new URLSearchParams();
    for (const [key, values] of chosen) for (const value of values) params.append(key, value);
    if (search.value.trim()) params.set('q', search.value.trim());
    const query = params.toString();
    history.replaceState(null, '', query ? `?${query}` : location.pathname);
  }
}

async function runSearch() {
  const query = search.value.trim();
  const token = ++searchToken;
  if (!query) {
    searchHits = null;
    update();
    return;
  }
  try {
    pagefind ??= import(/* @vite-ignore */ `${'/pagefind/pagefind.js'}`) as Promise<Pagefind>;
    const engine = await pagefind;
    const { results } = await engine.search(query);
    const data = await Promise.all(results.map((r) => r.data()));
    if (token !== searchToken) return;
    searchHits = new Set(data.map((d) => d.meta.slug).filter((slug): slug is string => Boolean(slug)));
  } catch {
    // Without a search index (e.g. the dev server), fall back to matching names.
    const words = query.toLowerCase().split(/\s+/);
    searchHits = new Set(cards.filter((c) => words.every((w) => c.textContent!.toLowerCase().includes(w))).map((c) => c.dataset.slug!));
  }
  update();
}

const params = new URLSearchParams(location.search);
for (const box of boxes) box.checked = params.getAll(box.name).includes(box.value);
search.value = params.get('q') ?? '';
for (const box of boxes) box.addEventListener('change', () => update());
let timer: number | undefined;
search.addEventListener('input', () => {
  clearTimeout(timer);
  timer = window.setTimeout(runSearch, 80);
});
document.querySelector('[data-clear]')!.addEventListener('click', () => {
  for (const box of boxes) box.checked = false;
  search.value = '';
  searchHits = null;
  update();
});
if (search.value) void runSearch();
else update(false);
