// Status pages inside the real core: a failing status page never changes a key's state, and a started
// core refreshes pages in the background and emits status-pages:changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/create-core';
import type { CorePorts } from '../../../electron/core/ports';
import { startProviderEmulator, type ProviderEmulator } from '../../emulators/provider-emulator';
import { fakeKey } from '../../emulators/row-target';
import { startStatusPageEmulator, statuspageSummary, type StatusPageEmulator } from '../../emulators/status-page-emulator';
import { createTestCipher } from '../../support/test-cipher';

let emulator: ProviderEmulator;
let pages: StatusPageEmulator;
beforeAll(async () => {
  emulator = await startProviderEmulator();
  pages = await startStatusPageEmulator();
});
afterAll(async () => {
  await emulator.close();
  await pages.close();
});

function portsWith(env: Record<string, string>): CorePorts {
  return {
    host: { kind: 'serve', version: '0.0.0-test', dataDir: '/nonexistent-nome-test', demo: false },
    clock: { now: () => Date.now() },
    env,
    cipher: createTestCipher(),
    fetch: globalThis.fetch,
  };
}

const allPages = (url: string) => ({
  NOME_STATUS_PAGE_OPENAI: `${url}/openai.json`,
  NOME_STATUS_PAGE_ANTHROPIC: `${url}/anthropic.json`,
  NOME_STATUS_PAGE_DEEPSEEK: `${url}/deepseek.json`,
  NOME_STATUS_PAGE_XAI: `${url}/xai.xml`,
  NOME_STATUS_PAGE_VERTEX: `${url}/vertex.json`,
});

describe('status pages feature', () => {
  it("a failing or alarming status page never changes a key's state", async () => {
    pages.set('/openai.json', { status: 500, body: 'oops' });
    pages.set('/anthropic.json', { status: 200, body: statuspageSummary('anthropic', { statuses: { 'Claude API (api.anthropic.com)': 'major_outage' } }) });
    const core = createCore(portsWith(allPages(pages.url)));
    const key = fakeKey('openai');
    const mounted = emulator.mount({ provider: 'openai', key });
    const added = await core.router.invoke('keys:add', { provider: 'openai', secret: key, baseUrl: mounted.baseUrl, allowForeignHost: true });
    expect(added.ok).toBe(true);
    const health = await core.router.invoke('status-pages:list', { refresh: true });
    expect(health.ok && (health.value as { provider: string; indicator: string }[]).map((h) => [h.provider, h.indicator])).toEqual([
      ['openai', 'unknown'],
      ['anthropic', 'major'],
      ['deepseek', 'unknown'],
      ['xai', 'unknown'],
      ['vertex', 'unknown'],
    ]);
    const cards = await core.router.invoke('keys:list', undefined);
    expect(cards.ok && (cards.value as { state: string }[]).map((card) => card.state)).toEqual(['ok']);
    await core.dispose();
  });

  it('a started core fetches the pages in the background and emits status-pages:changed', async () => {
    pages.set('/openai.json', { status: 200, body: statuspageSummary('openai', { statuses: { 'Chat Completions': 'degraded_performance' } }) });
    const core = createCore(portsWith(allPages(pages.url)));
    const seen: unknown[] = [];
    core.events.subscribe((event, payload) => {
      if (event === 'status-pages:changed') seen.push(payload);
    });
    core.start();
    await expect.poll(() => seen.length, { timeout: 5_000 }).toBeGreaterThan(0);
    expect((seen[0] as { provider: string; indicator: string }[]).find((h) => h.provider === 'openai')?.indicator).toBe('minor');
    await core.dispose();
  });

  it('a status-pages:list that fetched a new reading emits status-pages:changed for every other listener (no timer needed)', async () => {
    pages.set('/anthropic.json', { status: 200, body: statuspageSummary('anthropic', { statuses: { 'Claude API (api.anthropic.com)': 'partial_outage' } }) });
    const core = createCore(portsWith(allPages(pages.url)));
    const seen: { provider: string; indicator: string }[][] = [];
    core.events.subscribe((event, payload) => {
      if (event === 'status-pages:changed') seen.push(payload as never);
    });
    await core.router.invoke('status-pages:list', { refresh: true });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.find((h) => h.provider === 'anthropic')?.indicator).toBe('minor');
    // Cached: nothing fetched, nothing emitted.
    await core.router.invoke('status-pages:list', undefined);
    expect(seen).toHaveLength(1);
    await core.dispose();
  });

  it('NOME_STATUS_PAGES=off lists nothing and fetches nothing, even when started', async () => {
    const before = pages.hits('/openai.json');
    const core = createCore(portsWith({ ...allPages(pages.url), NOME_STATUS_PAGES: 'off' }));
    core.start();
    const health = await core.router.invoke('status-pages:list', { refresh: true });
    expect(health).toEqual({ ok: true, value: [] });
    expect(pages.hits('/openai.json')).toBe(before);
    await core.dispose();
  });
});
