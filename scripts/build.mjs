// Builds the renderer (Vite), Electron main (ESM) and the preload (CommonJS: sandboxed preloads cannot
// load ES modules). Nothing here needs the Electron binary.
// Run: node scripts/build.mjs [OUT_DIR]   (default dist/; tests build into a temporary dir instead)
import { resolve } from 'node:path';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const outDir = resolve(process.argv[2] ?? 'dist');
const started = Date.now();
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn', build: { outDir: `${outDir}/renderer` } });

const shared = { bundle: true, minify: true, platform: 'node', target: 'node22', sourcemap: false, logLevel: 'warning', external: ['electron'] };
await esbuild({
  ...shared,
  entryPoints: ['electron/main.ts'],
  outfile: `${outDir}/electron/main.mjs`,
  format: 'esm',
  // Native and ESM-only packages stay as imports resolved from node_modules at run time.
  packages: 'external',
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});
await esbuild({ ...shared, entryPoints: ['electron/preload.ts'], outfile: `${outDir}/electron/preload.cjs`, format: 'cjs' });
const shown = process.argv[2] ?? 'dist';
console.log(`built ${shown}/renderer, ${shown}/electron/main.mjs, ${shown}/electron/preload.cjs in ${Date.now() - started} ms`);
