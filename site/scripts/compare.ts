// The compare page: reads ?boards= from the URL, fetches each board's JSON from the static API and draws the table.
import { comparisonRows, selectionFromQuery } from '../../src/query/compare.ts';
import type { ResolvedBoard } from '../../src/schema/resolved-board.ts';

const form = document.querySelector<HTMLFormElement>('[data-compare-form]')!;
const status = document.querySelector<HTMLElement>('[data-compare-status]')!;
const result = document.querySelector<HTMLElement>('[data-compare-result]')!;
const selects = [...form.querySelectorAll<HTMLSelectElement>('select')];
const options = document.querySelector<HTMLTemplateElement>('[data-board-options]')!.content;
for (const select of selects) select.append(options.cloneNode(true));

function cell(tag: 'td' | 'th', text: string, scope?: string): HTMLElement {
  const element = document.createElement(tag);
  element.textContent = text;
  if (scope) element.setAttribute('scope', scope);
  return element;
}

async function render(slugs: string[]) {
  selects.forEach((select, i) => (select.value = slugs[i] ?? ''));
  result.replaceChildren();
  if (slugs.length < 2) {
    status.textContent = 'Choose two to four boards. Rows where they differ are highlighted.';
    return;
  }
  const boards: ResolvedBoard[] = [];
  for (const slug of slugs) {
    const response = await fetch(`/api/v1/device-types/${encodeURIComponent(slug)}.json`);
    if (!response.ok) {
      status.textContent = `There is no board "${slug}".`;
      return;
    }
    boards.push(await response.json());
  }
  const table = document.createElement('table');
  table.className = 'comparison';
  const head = table.createTHead().insertRow();
  head.append(cell('th', 'Field', 'col'));
  for (const board of boards) {
    const th = cell('th', '', 'col');
    const link = document.createElement('a');
    link.href = `/boards/${board.slug}/`;
    link.textContent = board.name;
    th.append(link);
    head.append(th);
  }
  const body = table.createTBody();
  const rows = comparisonRows(boards);
  for (const row of rows) {
    const tr = body.insertRow();
    if (row.differs) tr.className = 'differs';
    tr.append(cell('th', row.differs ? `${row.label} (differs)` : row.label, 'row'), ...row.values.map((v) => cell('td', v)));
  }
  const wrap = document.createElement('div');
  wrap.className = 'table-wrap';
  wrap.append(table);
  result.append(wrap);
  status.textContent = `Comparing ${boards.length} boards: ${rows.filter((r) => r.differs).length} of ${rows.length} rows differ.`;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const slugs = [...new Set(selects.map((s) => s.value).filter(Boolean))];
  history.pushState(null, '', slugs.length ? `?boards=${slugs.join(',')}` : location.pathname);
  void render(slugs);
});
window.addEventListener('popstate', () => void render(selectionFromQuery(location.search)));
void render(selectionFromQuery(location.search));
