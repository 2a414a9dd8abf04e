// Builds the renderer. The production build gets a strict CSP <meta>; the dev server keeps Vite's inline
// HMR preamble working, so only the build is locked down (Electron and serve also send the CSP header).
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { productionCspMeta } from './electron/core/app/content-security-policy.ts';

const cspMeta: Plugin = {
  name: 'nome-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: productionCspMeta }, injectTo: 'head-prepend' }],
};

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), cspMeta],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
