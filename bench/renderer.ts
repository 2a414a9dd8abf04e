// Renderer figures: the keys panel with 500 keys (data in hand to painted list), the renderer's JavaScript
// gzipped, and `serve` start to first contentful paint. Run `npm run build` first; then
// `npx tsx bench/renderer.ts`. Chromium is Debian's (/usr/bin/chromium), as in e2e.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import type { KeyCard } from '../shared/channels/keys';
import { keyStates } from '../shared/vocabulary';
import { providerIds } from '../shared/providers';

const rendererDir = 'dist/renderer';
const runs = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function syntheticCards(count: number): KeyCard[] {
  const at = new Date(Date.now() - 5 * 60_000).toISOString();
  return Array.from({ length: count }, (_, i) => {
    const provider = providerIds[i % providerIds.length]!;
    const state = keyStates[i % keyStates.length]!;
    return {
      id: `key_${i}`, provider, label: `Key ${i}`, masked: `sk-…${String(i).padStart(4, '0')}`, kind: 'api', state,
      storage: { cipher: 'aes-256-gcm:keyring', weaker: false }, source: 'stored', readOnly: false, precedence: null,
      priority: Math.floor(i / providerIds.length), baseUrl: null, headerNames: [], options: {}, needsReentry: false, warnings: [],
      createdAt: at, updatedAt: at, lastCheckedAt: at, lastUsedAt: null,
      lastCheck: { state, httpStatus: 200, providerCode: null, retryAfterS: state === 'rate_limited' ? 40 : null, latencyMs: 120, checkedAt: at, message: 'ok', figures: null },
    };
  });
}

/** Serves dist/renderer with a stand-in `window.nome` (like the preload) whose keys:list answers 500 cards. */
async function keysPanelPaint(browser: Browser): Promise<{ firstScreen: number[]; all: number[] }> {
  const { startServe } = await import('../electron/headless/serve');
  // A core that answers nothing: the page's own window.nome stand-in answers instead.
  const core = { events: { subscribe: () => () => undefined }, router: { invoke: async () => ({ ok: false, error: { code: 'unavailable', message: 'bench' } }) } };
  const host = await startServe({ core: core as never, rendererDir });
  const cards = syntheticCards(500);
  const page = await browser.newPage();
  // Strings, not functions: tsx wraps named helpers in `__name`, which the page does not have.
  await page.addInitScript(`(() => {
    const data = ${JSON.stringify(cards)};
    const info = { name: 'NOME Settings', version: '0.0.0', host: 'electron', dataDir: '/tmp', storage: { cipher: 'bench', weaker: false, available: true, note: null }, incidents: [], demo: false };
    const answers = {
      on: () => () => undefined,
      'app:info': async () => info,
      'keys:list': () => new Promise((resolve) => { window.__dataAt = performance.now(); resolve(data); }),
    };
    window.nome = new Proxy(answers, { get: (target, name) => target[name] ?? (async () => Promise.reject({ code: 'unavailable', message: 'bench' })) });
    // Resolves after the frame that first shows at least \`count\` cards has painted: the list is in the DOM,
    // the next frame paints it, and the task after that frame runs post-paint.
    const paintedWith = (count) => new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (document.querySelectorAll('li.key-card').length < count) return;
        observer.disconnect();
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
      });
      document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { childList: true, subtree: true }));
    });
    window.__firstScreen = paintedWith(12);
    window.__painted = paintedWith(data.length);
  })()`);
  const firstScreen: number[] = [];
  const all: number[] = [];
  for (let run = 0; run < runs; run++) {
    await page.goto(`${host.origin}/?run=${run}#/keys`);
    const [first, whole] = (await page.evaluate('Promise.all([window.__firstScreen, window.__painted]).then((t) => t.map((at) => at - window.__dataAt))')) as [number, number];
    firstScreen.push(first);
    all.push(whole);
  }
  await page.close();
  await host.close();
  return { firstScreen, all };
}

function rendererGzipBytes(): { js: number; jsRaw: number; css: number } {
  const assets = join(rendererDir, 'assets');
  let js = 0;
  let jsRaw = 0;
  let css = 0;
  for (const file of readdirSync(assets)) {
    const body = readFileSync(join(assets, file));
    if (file.endsWith('.js')) {
      js += gzipSync(body, { level: 9 }).length;
      jsRaw += body.length;
    } else if (file.endsWith('.css')) css += gzipSync(body, { level: 9 }).length;
  }
  return { js, jsRaw, css };
}

/** Wall time from spawning `nome-settings serve` to the page's first contentful paint. */
async function serveToFirstPaint(browser: Browser): Promise<{ ready: number; fcp: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nome-bench-'));
  const started = Date.now();
  const child = spawn(process.execPath, ['bin/nome-settings.js', '--data-dir', dataDir, 'serve'], {
    env: { ...process.env, NOME_ALLOW_FILE_KEY: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  const ready = Date.now() - started;
  const page = await browser.newPage();
  await page.goto(url);
  // A string, not a function: tsx would wrap named helpers in `__name`, which the page does not have.
  const paint = (await page.evaluate(`new Promise((resolve) => {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') resolve(performance.timeOrigin + entry.startTime);
    }).observe({ type: 'paint', buffered: true });
  })`)) as number;
  await page.close();
  child.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
  return { ready, fcp: Math.round(paint - started) };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  const paint = await keysPanelPaint(browser);
  const size = rendererGzipBytes();
  const serveRuns: { ready: number; fcp: number }[] = [];
  for (let i = 0; i < 3; i++) serveRuns.push(await serveToFirstPaint(browser));
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}`);
  const line = (values: number[]) => `median ${median(values).toFixed(1)} ms (min ${Math.min(...values).toFixed(1)}, max ${Math.max(...values).toFixed(1)}; ${runs} loads)`;
  console.log(`keys panel, 500 keys, data to painted first screen: ${line(paint.firstScreen)}; target <= 100 ms`);
  console.log(`keys panel, 500 keys, data to all 500 cards painted: ${line(paint.all)}`);
  console.log(`renderer JavaScript: ${(size.js / 1024).toFixed(1)} KB gzipped (${(size.jsRaw / 1024).toFixed(1)} KB raw; target <= 250 KB); CSS ${(size.css / 1024).toFixed(1)} KB gzipped`);
  console.log(`serve start to first contentful paint: median ${median(serveRuns.map((r) => r.fcp))} ms (serve printed its URL after median ${median(serveRuns.map((r) => r.ready))} ms; 3 cold starts)`);
} finally {
  await browser.close();
}
