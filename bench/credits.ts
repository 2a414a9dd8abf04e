// bench/credits: record 1,000,000 receipts through the router in batches, then time the credit summary
// warm and from a cold start (a fresh process) with them on disk, and report peak memory.
// Run: npx tsx bench/credits.ts [--receipts N] [--batch N] [--concurrency N] [--in-memory] [--ids] [--keys]   (data in a temp dir, removed after)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore, type Core } from '../electron/core/create-core';
import type { CorePorts, DataFiles } from '../electron/core/ports';
import { createMemoryDataFiles } from '../electron/core/receipts/memory-data-files';
import { createNodeKeyStore } from '../electron/headless/conf-key-store';
import { createNodeDataFiles } from '../electron/headless/node-data-files';

const { values } = parseArgs({
  options: {
    receipts: { type: 'string', default: '1000000' },
    batch: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '4' },
    cold: { type: 'string' },
    'in-memory': { type: 'boolean', default: false },
    /** Every receipt carries a runtime-given id, so each is checked against the recent-id window. */
    ids: { type: 'boolean', default: false },
    /** The byok receipts name their key (two keys in the data dir's real keys.json), so each batch also
     *  sets those keys' lastUsedAt: one keys:list and one key-store write a batch. */
    keys: { type: 'boolean', default: false },
  },
});

function coreAt(dataDir: string, files: DataFiles = createNodeDataFiles(dataDir)): Core {
  const ports: CorePorts = {
    host: { kind: 'cli', version: 'bench', dataDir, demo: false },
    clock: { now: () => Date.now() },
    env: {},
    cipher: {
      id: 'bench',
      describe: async () => ({ cipher: 'bench', weaker: false, available: true, note: null }),
      seal: async (text) => text,
      open: async (text) => text,
    },
    fetch: (async () => {
      throw new Error('no network in the bench');
    }) as typeof fetch,
    files,
  };
  return createCore(ports, { checkOutput: false, ...(values.keys ? { keyStore: createNodeKeyStore(dataDir) } : {}) });
}

async function summaryMs(core: Core): Promise<number> {
  const started = performance.now();
  const result = await core.router.invoke('credits:summary', undefined);
  if (!result.ok) throw new Error(result.error.message);
  return performance.now() - started;
}

/** Files in memory whose receipt segments only count their bytes (no disk, no copying): the CPU cost alone. */
function discardingSegments(): DataFiles {
  const memory = createMemoryDataFiles();
  const sizes = new Map<string, number>();
  return {
    ...memory,
    size: async (path) => (path.endsWith('.jsonl') ? (sizes.get(path) ?? null) : memory.size(path)),
    append: async (path, data, options) => {
      if (path.endsWith('.jsonl')) sizes.set(path, (sizes.get(path) ?? 0) + data.length);
      else await memory.append(path, data, options);
    },
  };
}

if (values.cold) {
  // The child: a fresh process, nothing cached; time from building core to the first summary.
  const started = performance.now();
  const core = coreAt(values.cold);
  await summaryMs(core);
  process.stdout.write(JSON.stringify({ coldMs: performance.now() - started, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

const total = Number(values.receipts);
const batchSize = Number(values.batch);
const concurrency = Number(values.concurrency);
const dataDir = mkdtempSync(join(tmpdir(), 'nome-bench-credits-'));
const mix = [
  { lane: 'credits', provider: 'anthropic', model: 'claude-sonnet-4-5' },
  { lane: 'credits', provider: 'openai', model: 'gpt-4.1' },
  { lane: 'credits', provider: 'gemini', model: 'gemini-2.5-pro' },
  { lane: 'byok', provider: 'deepseek', model: 'deepseek-chat' },
  { lane: 'byok', provider: 'openrouter', model: 'openai/gpt-4o' },
  { lane: 'byok', provider: 'openai-compatible', model: 'team-finetune-v2' },
  { lane: 'local', provider: 'ollama', model: 'qwen2.5-coder:7b' },
  { lane: 'provider-subscription', provider: 'anthropic', model: 'claude-sonnet-4-5', seat: 'claude-code:max' },
];

try {
  // --in-memory: the same path with the files in memory, to separate the CPU cost from the disk's.
  const core = values['in-memory'] ? coreAt(dataDir, discardingSegments()) : coreAt(dataDir);
  const keyIds = new Map<string, string>();
  if (values.keys) {
    for (const [provider, secret, options] of [
      ['deepseek', `sk-${'a1b2c3d4'.repeat(4)}`, {}],
      ['openai-compatible', `sk-or-v1-${'0123456789abcdef'.repeat(4)}`, { baseUrl: 'https://openrouter.ai/api/v1' }],
    ] as const) {
      const added = await core.router.invoke('keys:add', { provider, secret, check: false, ...options });
      if (!added.ok) throw new Error(added.error.message);
      keyIds.set(provider === 'deepseek' ? 'deepseek' : 'openrouter', (added.value as { card: { id: string } }).card.id);
    }
  }
  const now = Date.now();
  const spanMs = 28 * 86_400_000;
  // The minute's ISO prefix is cached: Date#toISOString for every receipt cost the bench more than pricing.
  let minute = -1;
  let minutePrefix = '';
  const isoAt = (ms: number): string => {
    if (Math.floor(ms / 60_000) !== minute) {
      minute = Math.floor(ms / 60_000);
      minutePrefix = new Date(minute * 60_000).toISOString().slice(0, 17);
    }
    const withinMinute = ms - minute * 60_000;
    return `${minutePrefix}${String(Math.floor(withinMinute / 1000)).padStart(2, '0')}.${String(withinMinute % 1000).padStart(3, '0')}Z`;
  };
  const makeBatch = (done: number) => {
    const batch = [];
    for (let i = done; i < Math.min(total, done + batchSize); i++) {
      const pick = mix[i % mix.length]!;
      const keyId = pick.lane === 'byok' ? keyIds.get(pick.provider) : undefined;
      batch.push({
        ...(values.ids ? { id: `bench-${i}` } : {}),
        ...pick,
        ...(keyId ? { keyId } : {}),
        at: isoAt(now - spanMs + Math.floor((i / total) * spanMs)),
        laneReason: 'bench',
        tokens: { input: 500 + (i % 9000), output: 50 + (i % 1500), cacheRead: i % 3 ? 0 : 4000, cacheWrite: 0 },
      });
    }
    return batch;
  };
  // Batches are made as they are needed (a million up front would skew peak memory); making them is
  // synchronous on this thread, so its time is measured and taken out of the recording time.
  let generationMs = 0;
  const batchCount = Math.ceil(total / batchSize);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  // `concurrency` calls in flight, as a runtime with parallel turns would have: one batch is priced and
  // scrubbed while the one before it is fsynced. Appends still reach the file one at a time, in order.
  let next = 0;
  const worker = async () => {
    while (next < batchCount) {
      const made = performance.now();
      const batch = makeBatch(next++ * batchSize);
      generationMs += performance.now() - made;
      const result = await core.router.invoke('receipts:record', { receipts: batch, echo: false });
      if (!result.ok) throw new Error(result.error.message);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const recordMs = performance.now() - started - generationMs;
  const cpu = process.cpuUsage(cpuBefore);
  const recordCpuMs = (cpu.user + cpu.system) / 1000 - generationMs;
  if (values.ids) {
    // A retried call (the runtime timed out on the last batch) must count nothing twice.
    const retried = await core.router.invoke('receipts:record', { receipts: makeBatch((batchCount - 1) * batchSize), echo: false });
    if (!retried.ok) throw new Error(retried.error.message);
    const { recordedCount, duplicates } = retried.value as { recordedCount: number; duplicates: number };
    console.log(`retried last batch: ${recordedCount} recorded again, ${duplicates} duplicates`);
  }
  await core.dispose(); // writes the rollup snapshot
  if (values['in-memory']) {
    console.log(`bench/credits --in-memory${values.ids ? ' --ids' : ''}${values.keys ? ' --keys' : ''}  ${cpus().length} cores, Node ${process.version}, load ${loadavg()[0]!.toFixed(2)}`);
    console.log(`record rate, files in memory: ${Math.round(total / (recordMs / 1000)).toLocaleString('en-US')} receipts/s (${((recordMs * 1000) / total).toFixed(2)} µs a receipt)`);
  } else {
    await reportDisk(recordMs, recordCpuMs);
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

async function reportDisk(recordMs: number, recordCpuMs: number): Promise<void> {
  const recordRssMb = process.resourceUsage().maxRSS / 1024;

  const warmCore = coreAt(dataDir);
  await summaryMs(warmCore); // opens the log from the snapshot
  const warm: number[] = [];
  for (let i = 0; i < 30; i++) warm.push(await summaryMs(warmCore));
  warm.sort((a, b) => a - b);

  const coldRun = (args: string[]) => {
    const spawned = performance.now();
    const child = JSON.parse(execFileSync(process.execPath, [...args, '--cold', dataDir], { encoding: 'utf8' })) as { coldMs: number; maxRssMb: number };
    return { ...child, processMs: performance.now() - spawned };
  };
  const colds = [0, 1, 2].map(() => coldRun([...process.execArgv, new URL(import.meta.url).pathname]));
  // The app ships its main process bundled (scripts/build.mjs: esbuild, packages from node_modules), so a
  // fresh process is also timed that way: this file bundled alike, run by plain Node without tsx. It is
  // written under node_modules/.cache so its package imports resolve as the app's do.
  const { build } = await import('esbuild');
  const bundleDir = join(new URL('..', import.meta.url).pathname, 'node_modules', '.cache', 'nome-bench');
  mkdirSync(bundleDir, { recursive: true });
  const bundle = join(bundleDir, `credits-cold-${process.pid}.mjs`);
  await build({
    entryPoints: [new URL(import.meta.url).pathname],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  let bundledColds;
  try {
    bundledColds = [0, 1, 2].map(() => coldRun([bundle]));
  } finally {
    rmSync(bundle, { force: true });
  }
  const bytes = readdirSync(join(dataDir, 'receipts')).reduce((sum, name) => sum + statSync(join(dataDir, 'receipts', name)).size, 0);

  const line = (label: string, value: string) => console.log(`${label.padEnd(40)} ${value}`);
  console.log(`bench/credits${values.ids ? ' --ids' : ''}${values.keys ? ' --keys' : ''}  ${cpus().length} cores, Node ${process.version}, fsync per batch`);
  line('receipts recorded', `${total.toLocaleString('en-US')} in batches of ${batchSize}, ${concurrency} in flight, through receipts:record`);
  line('record time', `${(recordMs / 1000).toFixed(2)} s`);
  line('record rate', `${Math.round(total / (recordMs / 1000)).toLocaleString('en-US')} receipts/s`);
  line('record CPU per receipt (user+system)', `${((recordCpuMs * 1000) / total).toFixed(2)} µs (${Math.round(total / (recordCpuMs / 1000)).toLocaleString('en-US')} receipts per CPU-second)`);
  line('load average at the end (1 min)', loadavg()[0]!.toFixed(2));
  line('receipt log on disk', `${(bytes / 1024 / 1024).toFixed(0)} MB`);
  line('summary warm (median / p95 of 30)', `${warm[15]!.toFixed(2)} ms / ${warm[28]!.toFixed(2)} ms`);
  line('summary cold: core built + first summary', colds.map((c) => `${c.coldMs.toFixed(0)} ms`).join(', '));
  line('  whole fresh process (Node start, tsx)', colds.map((c) => `${c.processMs.toFixed(0)} ms`).join(', '));
  line('  whole fresh process, bundled as shipped', bundledColds.map((c) => `${c.processMs.toFixed(0)} ms (summary ${c.coldMs.toFixed(0)} ms)`).join(', '));
  line('peak RSS while recording', `${recordRssMb.toFixed(0)} MB`);
  line('peak RSS of a cold summary process', `${Math.max(...colds.map((c) => c.maxRssMb)).toFixed(0)} MB (bundled: ${Math.max(...bundledColds.map((c) => c.maxRssMb)).toFixed(0)} MB)`);
  await warmCore.dispose();
}
