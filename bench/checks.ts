// bench/checks: 50 keys over every provider against loopback emulators with 100 ms injected latency.
// Prints (1) wall time of check-all against the slowest single check, and (2) the per-check overhead of
// the check service (adapter, HTTP port, classify, scrub) over a bare fetch of the same URL.
// Run: npx tsx bench/checks.ts
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { createInterface } from 'node:readline';
import { createCheckScheduler } from '../electron/core/checks/check-scheduler';
import { createKeyCheckService } from '../electron/core/checks/create-key-check-service';
import type { CheckTarget } from '../electron/core/checks/key-check-service';
import { createMinimalScrubber } from '../electron/core/scrub/scrubber';
import type { ProviderRow } from '../tests/emulators/provider-rows';

const latencyMs = 100;
const keyCount = 50;
const clock = { now: () => Date.now() };
const scrubber = createMinimalScrubber();

const kinds: ProviderRow[] = [
  { name: 'openai', provider: 'openai', expect: { state: 'ok' } },
  { name: 'anthropic', provider: 'anthropic', expect: { state: 'ok' } },
  { name: 'gemini', provider: 'gemini', expect: { state: 'ok' } },
  { name: 'deepseek', provider: 'deepseek', expect: { state: 'ok' } },
  { name: 'xai', provider: 'xai', expect: { state: 'ok' } },
  { name: 'openrouter', provider: 'openrouter', preset: 'openrouter', expect: { state: 'ok' } },
  { name: 'groq', provider: 'compatible', preset: 'groq', expect: { state: 'ok' } },
  { name: 'vertex', provider: 'vertex', expect: { state: 'ok' } },
];

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;

async function main() {
  // One emulator per provider, like the real distinct API hosts, in a child process so the servers do not
  // share the measured event loop; keys spread round-robin (6-7 per host).
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('../tests/emulators/emulator-process.ts', import.meta.url).pathname], { stdio: ['pipe', 'pipe', 'inherit'] });
  const answers = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const ask = async <T>(message: unknown): Promise<T> => {
    child.stdin.write(`${JSON.stringify(message)}\n`);
    const { value } = await answers.next();
    return JSON.parse(value as string) as T;
  };
  const { targets } = await ask<{ targets: CheckTarget[] }>({ latencyMs, rows: kinds, keys: keyCount });
  const service = createKeyCheckService({ fetch: globalThis.fetch, clock, scrubber });

  // Warm-up: connection pools, JIT, the RSA key import.
  await Promise.all(targets.map((t) => service.check(t)));

  // (1) Slowest single check: each key alone, one after another.
  // The max of 50 samples jumps with machine load, so the comparison uses the slowest provider's median
  // single check (Vertex: two round trips); the max is printed too.
  const singles: number[] = [];
  const byKind = new Map<string, number[]>();
  for (const [index, target] of targets.entries()) {
    const started = performance.now();
    const result = await service.check(target);
    const elapsed = performance.now() - started;
    singles.push(elapsed);
    const kind = kinds[index % kinds.length]!.name;
    byKind.set(kind, [...(byKind.get(kind) ?? []), elapsed]);
    if (result.state !== 'ok') throw new Error(`${target.provider}: ${result.state} ${result.message}`);
  }
  const [slowestKind, slowest] = [...byKind].map(([kind, times]) => [kind, median(times)] as const).sort((a, b) => b[1] - a[1])[0]!;

  // Check-all through the scheduler (per-host limit 8, joins, backoff), as keys:check and the interval run it.
  const walls: number[] = [];
  for (let run = 0; run < 9; run += 1) {
    const scheduler = createCheckScheduler({ service, clock, source: () => ({ checkTargets: async () => targets, recordCheck: async () => undefined }) });
    const started = performance.now();
    const results = await scheduler.checkKeys(undefined, 'demand');
    walls.push(performance.now() - started);
    if (results.length !== keyCount || results.some((r) => r.state !== 'ok')) throw new Error('check-all did not come back all ok');
  }
  const wall = median(walls);

  // (2) Overhead over bare fetch: same URL, same headers, alternating, no injected latency so the
  // difference is not buried in timer jitter.
  await ask({ setLatencyMs: 0 });
  const openaiTarget = targets[0]!;
  const url = `${openaiTarget.baseUrl}/models`;
  const headers = { authorization: `Bearer ${openaiTarget.secret}`, accept: 'application/json' };
  const bare: number[] = [];
  const checked: number[] = [];
  const deltas: number[] = [];
  for (let i = 0; i < 400; i += 1) {
    let started = performance.now();
    const response = await fetch(url, { headers });
    await response.text();
    const bareMs = performance.now() - started;
    started = performance.now();
    await service.check(openaiTarget);
    const checkMs = performance.now() - started;
    if (i >= 50) {
      bare.push(bareMs);
      checked.push(checkMs);
      deltas.push(checkMs - bareMs);
    }
  }

  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}`);
  console.log(`keys: ${keyCount} over ${kinds.length} providers (one loopback emulator each, in a child process), injected latency ${latencyMs} ms per request (Vertex makes 2 requests)`);
  console.log(`slowest single check: ${slowestKind} median ${fmt(slowest)} (max of all 50 singles ${fmt(Math.max(...singles))}, median of all ${fmt(median(singles))})`);
  console.log(`check-all wall time: median ${fmt(wall)} of ${walls.length} runs (${walls.map(fmt).join(', ')})`);
  console.log(`check-all / slowest single: ${(wall / slowest).toFixed(2)} (target <= 1.3)`);
  console.log(`bare fetch median ${fmt(median(bare))}, check median ${fmt(median(checked))}, per-check overhead median ${fmt(median(deltas))} (target <= 5 ms), n=${deltas.length}`);

  child.stdin.end();
}

await main();
