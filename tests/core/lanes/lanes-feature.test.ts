// The seats/local/lanes feature: cached scans, events only on change (file watch, server change, keys change),
// and no token bytes in any channel output or event.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEventBus } from '../../../electron/core/events';
import { createLanesFeature } from '../../../electron/core/lanes/lanes-feature';
import type { LaneKey } from '../../../electron/core/lanes/compute-lanes';
import type { LaneSources } from '../../../electron/core/lanes/lane-sources';
import { createNodeHomeFiles } from '../../../electron/headless/home-files';
import type { LaneAvailability, LocalServer, Seat } from '../../../shared/channels/seats';
import { fixtureHome, leakedTokens, mergedHome } from '../../fixtures/homes/fixture-homes';
import { closedLoopbackUrl, startLocalServerEmulator, type LocalServerEmulator } from '../../emulators/local-servers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Keys and credits come from other features; this test hands in a fake source (a port) it can change. */
function fakeSources(): LaneSources & { keyList: LaneKey[]; endpoints: { server: 'custom'; label: string; url: string }[] } {
  const sources = {
    keyList: [] as LaneKey[],
    endpoints: [] as { server: 'custom'; label: string; url: string }[],
    cards: async () => ({ keys: sources.keyList, endpoints: sources.endpoints }),
    creditsAvailable: async () => 2500,
  };
  return sources;
}

async function setup(home: string, options: { withHome?: boolean } = {}) {
  const events = createEventBus();
  const seen: { event: string; payload: unknown }[] = [];
  events.subscribe((event, payload) => seen.push({ event, payload }));
  const ollama = await startLocalServerEmulator('ollama');
  cleanups.push(() => ollama.close());
  const closed = await closedLoopbackUrl();
  const sources = fakeSources();
  const feature = createLanesFeature({
    events,
    clock: { now: () => Date.parse('2026-12-03T12:00:00Z') },
    env: {},
    fetch: globalThis.fetch,
    homeFiles: options.withHome === false ? undefined : createNodeHomeFiles({ home, debounceMs: 30 }),
    sources,
    localServerUrls: { ollama: ollama.url, 'lm-studio': closed, 'llama-cpp': closed, vllm: closed },
    probeTimeoutMs: 500,
    reprobeMs: 60_000,
  });
  cleanups.push(() => feature.dispose?.());
  const h = feature.handlers;
  return { feature, events, seen, sources, ollama, seats: () => h['seats:list'](undefined) as Promise<Seat[]>, local: (refresh = false) => h['local:list']({ refresh }) as Promise<LocalServer[]>, lanes: (refresh = false) => h['lanes:availability']({ refresh }) as Promise<LaneAvailability> };
}

async function waitFor(check: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('lanes feature', () => {
  it('answers from one scan: every CLI signed in, Ollama running, defaults and reasons', async () => {
    const home = mergedHome();
    cleanups.push(() => rmSync(home, { recursive: true, force: true }));
    const { seats, local, lanes, seen } = await setup(home);
    expect((await seats()).filter((seat) => seat.status === 'signed_in')).toHaveLength(6);
    expect((await local()).find((server) => server.server === 'ollama')?.state).toBe('running');
    const families = Object.fromEntries((await lanes()).families.map((family) => [family.family, family]));
    expect(families['claude-sonnet']).toMatchObject({ defaultLane: 'provider-subscription', defaultVia: 'Claude Code (Max)' });
    expect(families.gpt).toMatchObject({ defaultLane: 'provider-subscription', defaultVia: 'Codex CLI (Pro)' });
    expect(families.llama).toMatchObject({ defaultLane: 'local', defaultVia: 'Ollama: llama3.2:3b' });
    expect(families.deepseek).toMatchObject({ defaultLane: 'credits' });
    expect(seen).toEqual([]);
  });

  it('a sign-in appearing on disk is seen by the watch and announced once', async () => {
    const home = mergedHome(['empty']);
    cleanups.push(() => rmSync(home, { recursive: true, force: true }));
    mkdirSync(join(home, '.claude'));
    const { feature, seats, lanes, seen } = await setup(home);
    expect((await seats()).find((seat) => seat.source === 'claude-code')?.status).toBe('signed_out');
    await lanes();
    feature.start?.();
    await new Promise((resolve) => setTimeout(resolve, 150));
    cpSync(join(fixtureHome('claude-code'), '.claude', '.credentials.json'), join(home, '.claude', '.credentials.json'));
    await waitFor(() => seen.some((entry) => entry.event === 'lanes:changed'));
    const changed = seen.filter((entry) => entry.event === 'seats:changed');
    expect(changed).toHaveLength(1);
    expect((changed[0]!.payload as Seat[]).find((seat) => seat.source === 'claude-code')).toMatchObject({ status: 'signed_in', plan: 'Max' });
    const lanesChanged = seen.find((entry) => entry.event === 'lanes:changed')!.payload as LaneAvailability;
    expect(lanesChanged.families.find((family) => family.family === 'claude-opus')?.defaultLane).toBe('provider-subscription');
  });

  it('a CLI installed after start is watched too: its folder appears, then its sign-in', async () => {
    const home = mergedHome(['empty']);
    cleanups.push(() => rmSync(home, { recursive: true, force: true }));
    const { feature, seats, seen } = await setup(home);
    expect((await seats()).find((seat) => seat.source === 'grok-cli')?.status).toBe('not_found');
    feature.start?.();
    await new Promise((resolve) => setTimeout(resolve, 150));
    mkdirSync(join(home, '.grok'));
    await waitFor(() => seen.some((entry) => entry.event === 'seats:changed'));
    await new Promise((resolve) => setTimeout(resolve, 150));
    cpSync(join(fixtureHome('grok-cli'), '.grok', 'auth.json'), join(home, '.grok', 'auth.json'));
    await waitFor(() => seen.filter((entry) => entry.event === 'seats:changed').length === 2);
    const last = seen.filter((entry) => entry.event === 'seats:changed').at(-1)!.payload as Seat[];
    expect(last.find((seat) => seat.source === 'grok-cli')).toMatchObject({ status: 'signed_in', email: 'grok@example.com' });
  });

  it('a re-scan that finds the same files emits nothing', async () => {
    const { seats, seen, feature } = await setup(fixtureHome('codex'));
    await seats();
    await feature.handlers['seats:list']({ refresh: true });
    expect(seen).toEqual([]);
  });

  it('a local server stopping is announced on the next probe, with lanes', async () => {
    const { local, lanes, seen, ollama } = await setup(fixtureHome('empty'));
    await local();
    await lanes();
    await ollama.close();
    const servers = await local(true);
    expect(servers.find((server) => server.server === 'ollama')?.state).toBe('not_running');
    expect(seen.map((entry) => entry.event)).toContain('local:changed');
    await waitFor(() => seen.some((entry) => entry.event === 'lanes:changed'));
  });

  it('a keys:changed event recomputes lanes with the new key', async () => {
    const { feature, lanes, seen, sources, events } = await setup(fixtureHome('empty'));
    await lanes();
    feature.start?.();
    sources.keyList = [{ provider: 'deepseek', label: 'DS', state: 'ok' }];
    // keys:changed belongs to the vault's contract; emitted untyped so this test does not depend on it.
    (events.emit as (event: string, payload: unknown) => void)('keys:changed', []);
    await waitFor(() => seen.some((entry) => entry.event === 'lanes:changed'));
    const changed = seen.find((entry) => entry.event === 'lanes:changed')!.payload as LaneAvailability;
    expect(changed.families.find((family) => family.family === 'deepseek')).toMatchObject({ defaultLane: 'byok', defaultVia: 'key “DS” (DeepSeek)' });
  });

  it('the user’s loopback endpoints from the vault are probed as local servers', async () => {
    const { local, sources } = await setup(fixtureHome('empty'));
    const custom: LocalServerEmulator = await startLocalServerEmulator('custom');
    cleanups.push(() => custom.close());
    sources.endpoints = [{ server: 'custom', label: 'Home box', url: custom.url }];
    const server = (await local(true)).find((entry) => entry.server === 'custom');
    expect(server).toMatchObject({ label: 'Home box', state: 'running' });
    expect(server?.models.map((model) => model.id)).toContain('my-finetune');
  });

  it('a loopback endpoint saved as a key is probed at once on keys:changed, not at the next re-probe', async () => {
    const { feature, local, seen, sources, events } = await setup(fixtureHome('empty'));
    await local();
    feature.start?.();
    const custom = await startLocalServerEmulator('custom');
    cleanups.push(() => custom.close());
    sources.endpoints = [{ server: 'custom', label: 'Home box', url: custom.url }];
    (events.emit as (event: string, payload: unknown) => void)('keys:changed', []);
    await waitFor(() => seen.some((entry) => entry.event === 'local:changed'));
    const servers = seen.find((entry) => entry.event === 'local:changed')!.payload as LocalServer[];
    expect(servers.find((server) => server.server === 'custom')).toMatchObject({ label: 'Home box', state: 'running' });
    // A keys:changed that leaves the endpoints as they were does not probe again.
    const probes = custom.requests.length;
    (events.emit as (event: string, payload: unknown) => void)('keys:changed', []);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(custom.requests.length).toBe(probes);
  });

  it('without a homeFiles port every seat says the host cannot read the home folder', async () => {
    const { seats } = await setup(fixtureHome('claude-code'), { withHome: false });
    for (const seat of await seats()) expect(seat).toMatchObject({ status: 'unreadable', detail: 'This host does not let NOME read the home folder' });
  });

  it('no output or event carries token bytes', async () => {
    const home = mergedHome([...['claude-code', 'codex', 'gemini-cli', 'github-copilot-hosts', 'qwen-code', 'grok-cli'], 'malformed']);
    cleanups.push(() => rmSync(home, { recursive: true, force: true }));
    const { feature, seats, local, lanes, seen } = await setup(home);
    const outputs = [await seats(), await local(), await lanes()];
    feature.start?.();
    writeFileSync(join(home, '.codex', 'auth.json'), '{"tokens": {"access_token": "half-writ');
    await waitFor(() => seen.some((entry) => entry.event === 'seats:changed'));
    expect(leakedTokens(JSON.stringify({ outputs, seen }))).toEqual([]);
  });
});
