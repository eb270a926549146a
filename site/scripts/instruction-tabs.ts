// Turns the three host sections into tabs (arrow keys move), defaulting to the visitor's platform and remembering the choice.
const KEY = 'boardhub-host';

function guessHost(): string {
  const platform = (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform ?? navigator.platform ?? '';
  if (/win/i.test(platform)) return 'windows';
  if (/mac|iphone|ipad/i.test(platform)) return 'macos';
  return 'linux';
}

for (const root of document.querySelectorAll<HTMLElement>('[data-tabs]')) {
  const list = root.querySelector<HTMLElement>('[role="tablist"]')!;
  const tabs = [...root.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const panels = [...root.querySelectorAll<HTMLElement>('[role="tabpanel"]')];
  const select = (host: string, focus = false) => {
    for (const tab of tabs) {
      const on = tab.dataset.host === host;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      if (on && focus) tab.focus();
    }
    for (const panel of panels) panel.hidden = panel.dataset.host !== host;
  };
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(KEY);
  } catch {
    // Storage may be blocked; the platform guess still applies.
  }
  list.hidden = false;
  for (const heading of root.querySelectorAll<HTMLElement>('.host-heading')) heading.classList.add('visually-hidden');
  select(tabs.some((t) => t.dataset.host === saved) ? saved! : guessHost());
  tabs.forEach((tab, index) => {
    tab.addEventListener('click', () => {
      select(tab.dataset.host!);
      try {
        localStorage.setItem(KEY, tab.dataset.host!);
      } catch {
        // Not remembered, still switched.
      }
    });
    tab.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (step) select(tabs[(index + step + tabs.length) % tabs.length]!.dataset.host!, true);
    });
  });
  const print = root.querySelector<HTMLButtonElement>('[data-print]');
  if (print) {
    print.hidden = false;
    print.addEventListener('click', () => window.print());
  }
}
