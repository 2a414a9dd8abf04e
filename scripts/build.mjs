// Builds the renderer (Vite), Electron main (ESM) and the preload (CommonJS: sandboxed preloads cannot
// load ES modules). Nothing here needs the Electron binary.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const started = Date.now();
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });

const shared = { bundle: true, minify: true, platform: 'node', target: 'node22', sourcemap: false, logLevel: 'warning', external: ['electron'] };
await esbuild({
  ...shared,
  entryPoints: ['electron/main.ts'],
  outfile: 'dist/electron/main.mjs',
  format: 'esm',
  // Native and ESM-only packages stay as imports resolved from node_modules at run time.
  packages: 'external',
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});
await esbuild({ ...shared, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs' });
console.log(`built dist/renderer, dist/electron/main.mjs, dist/electron/preload.cjs in ${Date.now() - started} ms`);
