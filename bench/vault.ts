// bench/vault: seal and persist one key, list 1,000 keys (decrypting nothing), open a store of 1,000 keys.
// Real parts throughout: AES-256-GCM Node cipher (file key, so no keyring round trip is measured), the conf
// store with its lock file in a temp data dir, the router with production settings (no output re-check).
// Run: npx tsx bench/vault.ts
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIncidentLog } from '../electron/core/app/app-info';
import { createEventBus } from '../electron/core/events';
import type { Cipher } from '../electron/core/ports';
import { createRouter, type Handlers } from '../electron/core/router';
import { createMinimalScrubber } from '../electron/core/scrub/scrubber';
import { createKeyVault } from '../electron/core/vault/key-vault';
import { createNodeKeyStore } from '../electron/headless/conf-key-store';
import { createNodeCipher, type MasterKeyStore } from '../electron/headless/node-cipher';

const noKeyring: MasterKeyStore = { kind: 'keyring', read: () => Promise.reject(new Error('none')), write: () => Promise.reject(new Error('none')) };
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const xaiKey = () => `xai-${Array.from(randomBytes(80), (b) => alphabet[b % alphabet.length]).join('')}`;

let opens = 0;
function countingCipher(dataDir: string): Cipher {
  const inner = createNodeCipher({ dataDir, allowFileKey: true, keyring: noKeyring });
  return { id: inner.id, describe: () => inner.describe(), seal: (p) => inner.seal(p), open: (s) => (opens++, inner.open(s)) };
}

/** `quietScrubber`: a no-op scrubber, to separate the vault's own cost from the scrubber's rebuild. */
function build(dataDir: string, quietScrubber = false) {
  const cipher = countingCipher(dataDir);
  const vault = createKeyVault(
    {
      ports: { host: { kind: 'cli', version: 'bench', dataDir, demo: false }, clock: { now: () => Date.now() }, env: {}, cipher, fetch: globalThis.fetch },
      events: createEventBus(),
      scrubber: quietScrubber ? { scrub: (text: string) => text, setKnownSecrets: () => undefined } : createMinimalScrubber(),
      incidents: createIncidentLog(() => undefined),
    },
    { store: createNodeKeyStore(dataDir), checks: null },
  );
  const router = createRouter({ handlers: vault.handlers as unknown as Handlers, scrubber: createMinimalScrubber(), checkOutput: false });
  return { vault, router };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)]!;
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

async function time(run: () => Promise<unknown>): Promise<number> {
  // Deferred work from the previous call (the scrubber rebuild after a save) runs before the clock starts.
  await new Promise((resolve) => setImmediate(resolve));
  const started = performance.now();
  const result = (await run()) as { ok?: boolean; error?: unknown };
  if (result && result.ok === false) throw new Error(`bench call failed: ${JSON.stringify(result.error)}`);
  return performance.now() - started;
}

const dataDir = mkdtempSync(join(tmpdir(), 'nome-bench-vault-'));
const quietDir = mkdtempSync(join(tmpdir(), 'nome-bench-vault-quiet-'));
try {
  const { router } = build(dataDir);
  const add = () => router.invoke('keys:add', { provider: 'xai', secret: xaiKey(), check: false });
  await add(); // creates the master key file and the fingerprint key once

  const quiet = build(quietDir, true);
  const addQuiet: number[] = [];
  await quiet.router.invoke('keys:add', { provider: 'xai', secret: xaiKey(), check: false });
  for (let i = 0; i < 50; i++) addQuiet.push(await time(() => quiet.router.invoke('keys:add', { provider: 'xai', secret: xaiKey(), check: false })));

  const addSmall: number[] = [];
  for (let i = 0; i < 50; i++) addSmall.push(await time(add));
  while (((await router.invoke('keys:list', undefined)) as { value: unknown[] }).value.length < 1000) await add();
  const addLarge: number[] = [];
  for (let i = 0; i < 30; i++) addLarge.push(await time(add));
  const total = ((await router.invoke('keys:list', undefined)) as { value: unknown[] }).value.length;

  opens = 0;
  const listWarm: number[] = [];
  for (let i = 0; i < 50; i++) listWarm.push(await time(() => router.invoke('keys:list', undefined)));
  const listCold: number[] = [];
  for (let i = 0; i < 15; i++) {
    const fresh = build(dataDir); // a new host: reads and parses keys.json from disk
    listCold.push(await time(() => fresh.router.invoke('keys:list', undefined)));
  }
  const opensDuringList = opens;

  const openStore: number[] = [];
  for (let i = 0; i < 7; i++) {
    const fresh = build(dataDir);
    openStore.push(await time(() => fresh.vault.open()));
  }

  const size = statSync(join(dataDir, 'keys.json')).size;
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}`);
  console.log(`store: ${total} keys, keys.json ${(size / 1024).toFixed(0)} KiB`);
  console.log(`add one key, no check, store of 1-50 keys:   median ${fmt(median(addSmall))}, p95 ${fmt(p95(addSmall))}  (target <= 10 ms)`);
  console.log(`  same, scrubber stubbed out (vault + store only): median ${fmt(median(addQuiet))}, p95 ${fmt(p95(addQuiet))}`);
  console.log(`add one key, no check, store of ~1,000 keys: median ${fmt(median(addLarge))}, p95 ${fmt(p95(addLarge))}`);
  console.log(`list 1,000 keys, warm (file unchanged):      median ${fmt(median(listWarm))}, p95 ${fmt(p95(listWarm))}  (target <= 20 ms)`);
  console.log(`list 1,000 keys, cold (new host, parse file): median ${fmt(median(listCold))}, p95 ${fmt(p95(listCold))}  (target <= 20 ms)`);
  console.log(`secrets decrypted while listing: ${opensDuringList}`);
  console.log(`open a store of 1,000 keys (decrypt all for the scrubber): median ${fmt(median(openStore))}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(quietDir, { recursive: true, force: true });
}
