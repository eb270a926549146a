// Re-export: the browser launcher lives in src/bench so benchmarks can use it too.
export { launchBrowser, CHROMIUM } from '../../src/bench/browser.ts';
