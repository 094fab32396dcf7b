// Builds the operator UI into dist/, which `siak serve` serves (web_root). Every asset name carries
// a content hash (cached for a year); scripts/budget.mjs then writes gzip twins and checks the
// first screen's JavaScript against the 300 KB budget.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    manifest: true,
    sourcemap: false,
    chunkSizeWarningLimit: 300,
  },
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080', '/loket': 'http://127.0.0.1:8080' },
  },
});
