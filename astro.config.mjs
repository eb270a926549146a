// Astro configuration for the hub site: sources in site/, output in dist/site (the npm package lives beside it in dist/package).
import { defineConfig } from 'astro/config';

export default defineConfig({
  srcDir: './site',
  outDir: './dist/site',
});
