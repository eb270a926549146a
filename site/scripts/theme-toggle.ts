// The light/dark toggle: follows the system until the visitor chooses, then remembers the choice.
const button = document.querySelector<HTMLButtonElement>('.theme-toggle');
if (button) {
  const root = document.documentElement;
  const systemDark = window.matchMedia('(prefers-color-scheme: dark)');
  const isDark = () => (root.dataset.theme ? root.dataset.theme === 'dark' : systemDark.matches);
  const sync = () => button.setAttribute('aria-pressed', String(isDark()));
  button.hidden = false;
  sync();
  systemDark.addEventListener('change', sync);
  button.addEventListener('click', () => {
    root.dataset.theme = isDark() ? 'light' : 'dark';
    try {
      localStorage.setItem('boardhub-theme', root.dataset.theme);
    } catch {
      // Private browsing: the choice lasts for this page only.
    }
    sync();
  });
}
