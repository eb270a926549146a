// Astro configuration for the hub site: sources in site/, output in dist/site (the npm package lives beside it in dist/package).
import { defineConfig } from 'astro/config';

export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  outDir: './dist/site',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
  // Pages must work without JavaScript; nothing is prefetched or injected behind the visitor's back.
  prefetch: false,
  devToolbar: { enabled: false },
  compressHTML: true,
  // Scripts stay external files (never inlined), so the Content-Security-Policy needs no 'unsafe-inline'.
  vite: { build: { assetsInlineLimit: 0 } },
});
