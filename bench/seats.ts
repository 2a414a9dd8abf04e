// Seat scan and local-probe timings: a home with every CLI signed in, a realistic 8 MB ~/.claude.json (Claude
// Code keeps project history there and rewrites it often, so every watch event re-reads it), and the four
// local probes with nothing listening and with emulators answering. Prints median and p95 of each.
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { scanSeats } from '../electron/core/seats/scan-seats';
import { builtInTargets } from '../electron/core/local-servers/loopback';
import { scanLocalServers } from '../electron/core/local-servers/scan-local-servers';
import { createNodeHomeFiles } from '../electron/headless/home-files';
import { mergedHome } from '../tests/fixtures/homes/fixture-homes';
import { closedLoopbackUrl, startLocalServerEmulator } from '../tests/emulators/local-servers';

async function time(label: string, rounds: number, run: () => Promise<unknown>): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!.toFixed(2);
  console.log(`${label.padEnd(52)} median ${at(0.5).padStart(8)} ms   p95 ${at(0.95).padStart(8)} ms   (${rounds} rounds)`);
}

const home = mergedHome();
const files = createNodeHomeFiles({ home });
const context = { files, env: {}, now: () => Date.now() };
await time('scan six CLIs (small files)', 200, () => scanSeats(context));

const projects: Record<string, unknown> = {};
for (let i = 0; projects && JSON.stringify(projects).length < 8 * 1024 * 1024; i += 1) {
  projects[`/home/user/project-${i}`] = { allowedTools: [], history: Array.from({ length: 20 }, (_, j) => ({ display: `command ${j} in project ${i}`, pastedContents: {} })) };
}
writeFileSync(join(home, '.claude.json'), JSON.stringify({ oauthAccount: { accountUuid: 'u', emailAddress: 'a@b.c' }, projects }));
await time('scan six CLIs with an 8 MB ~/.claude.json', 30, () => scanSeats(context));

const closed = await closedLoopbackUrl();
const nothing = builtInTargets({}, { ollama: closed, 'lm-studio': closed, 'llama-cpp': closed, vllm: closed });
const probe = { fetch: globalThis.fetch, now: () => Date.now(), timeoutMs: 1500 };
await time('probe four local servers, none running', 50, () => scanLocalServers(nothing, probe));

const emulators = await Promise.all((['ollama', 'lm-studio', 'llama-cpp', 'vllm'] as const).map((kind) => startLocalServerEmulator(kind)));
const running = builtInTargets({}, { ollama: emulators[0]!.url, 'lm-studio': emulators[1]!.url, 'llama-cpp': emulators[2]!.url, vllm: emulators[3]!.url });
await time('probe four local servers, all running (emulators)', 50, () => scanLocalServers(running, probe));

await Promise.all(emulators.map((emulator) => emulator.close()));
rmSync(home, { recursive: true, force: true });
