// On the 404 page: sends known aliases to their board and lists the boards closest to the requested path.
import { distance } from 'fastest-levenshtein';
import { normalizeSlug } from '../../src/schema/vocabulary.ts';

type Entry = { slug: string; name: string; aliases: string[] };

const wanted = normalizeSlug(decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() ?? ''));
if (wanted) {
  const index: Entry[] = await (await fetch('/api/v1/index.json')).json();
  const exact = index.find((e) => e.slug === wanted || e.aliases.includes(wanted));
  if (exact) location.replace(`/boards/${exact.slug}/`);
  else {
    const scored = index
      .map((e) => ({
        e,
        score: Math.min(
          ...[e.slug, ...e.aliases, normalizeSlug(e.name)].map((n) => distance(wanted, n) / Math.max(n.length, wanted.length)),
        ),
      }))
      .sort((a, b) => a.score - b.score)
      .slice(0, 5)
      .filter((s) => s.score < 0.6);
    if (scored.length) {
      const box = document.querySelector<HTMLElement>('[data-suggestions]')!;
      const list = box.querySelector('ul')!;
      for (const { e } of scored) {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = `/boards/${e.slug}/`;
        a.textContent = e.name;
        li.append(a);
        list.append(li);
      }
      box.hidden = false;
    }
  }
}
