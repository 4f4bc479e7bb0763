import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// The dashboard is served by the API process under a strict CSP (api/ui-static.ts): no inline scripts or
// styles, so no modulepreload polyfill (it would be inlined) and CSS always in files.
export default defineConfig({
  base: '/',
  plugins: [preact({ prerender: { enabled: false } })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    target: 'es2022',
    reportCompressedSize: true,
  },
});
