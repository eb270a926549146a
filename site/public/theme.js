// Applies the saved colour theme before the first paint (a blocking external script, allowed by the CSP).
try {
  var theme = localStorage.getItem('boardhub-theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch (e) {}
