import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/create-core';
import { systemClock } from '../../../electron/core/ports';
import { routerStatusSources, toHealthLevel } from '../../../electron/core/status/status-sources';
import type { EventName } from '../../../shared/contract';
import { pageComponent, startStatusPageEmulator, statuspageIncident, statuspageSummary, type StatusPageEmulator } from '../../emulators/status-page-emulator';
import { loopbackOnlyFetch } from '../../support/loopback-fetch';
import { manualTimers } from '../../support/manual-timers';
import { createTestCipher } from '../../support/test-cipher';

describe('toHealthLevel', () => {
  it.each([
    ['none', 'operational'],
    ['operational', 'operational'],
    ['minor', 'degraded'],
    ['degraded_performance', 'degraded'],
    ['partial_outage', 'degraded'],
    ['maintenance', 'maintenance'],
    ['under_maintenance', 'maintenance'],
    ['major', 'outage'],
    ['critical', 'outage'],
    ['major_outage', 'outage'],
    ['unknown', 'unknown'],
    [undefined, 'unknown'],
  ])('%s is %s', (value, level) => {
    expect(toHealthLevel(value)).toBe(level);
  });
});

describe('routerStatusSources', () => {
  it('goes on without provider health when the status pages do not answer in time', async () => {
    // A status page fetch that never ends, standing in for a slow network.
    const sources = routerStatusSources((channel) => (channel === 'status-pages:list' ? new Promise(() => {}) : Promise.resolve({ ok: true, value: [] })), { healthWaitMs: 30 });
    const started = Date.now();
    expect(await sources.readHealth()).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reads indicators from status-pages:list', async () => {
    const sources = routerStatusSources(async () => ({ ok: true, value: [{ provider: 'openai', indicator: 'major' }, { provider: 'nope', indicator: 'none' }] }));
    expect(await sources.readHealth()).toEqual([{ provider: 'openai', level: 'outage' }]);
  });

  it("takes the API's health (indicator), not the page-wide one, from a status-pages:list entry", async () => {
    const claudeAiDown = {
      provider: 'anthropic',
      indicator: 'none',
      scope: 'api',
      page: { indicator: 'critical', description: 'Major System Outage' },
      otherIncidents: [{ id: 'c1', name: 'claude.ai unavailable', components: ['claude.ai'] }],
    };
    const apiDown = { provider: 'openai', indicator: 'major', scope: 'api', page: { indicator: 'minor', description: 'Partially Degraded Service' } };
    const sources = routerStatusSources(async () => ({ ok: true, value: [claudeAiDown, apiDown] }));
    expect(await sources.readHealth()).toEqual([
      { provider: 'anthropic', level: 'operational' },
      { provider: 'openai', level: 'outage' },
    ]);
  });

  it('a vault that cannot be read is an error, not "no keys"', async () => {
    const sources = routerStatusSources(async () => ({ ok: false, error: { code: 'storage_failed', message: 'store unreadable' } }));
    await expect(sources.readKeys()).rejects.toThrow(/store unreadable/);
  });
});

// A loopback Anthropic that answers /v1/models as the facts describe: 200, or 401 for a rejected key (§2).
let server: Server;
let answer: 'ok' | 'invalid' = 'invalid';
let baseUrl: string;
let core: Core;
let seen: { event: EventName; payload: unknown }[];
/** Core's timers: the test closes the notification window by hand instead of waiting 2 s. */
let timers: ReturnType<typeof manualTimers>;

beforeEach(async () => {
  server = createServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    if (answer === 'ok') {
      response.end(JSON.stringify({ data: [{ type: 'model', id: 'claude-x', display_name: 'Claude', created_at: '2026-01-01T00:00:00Z' }], has_more: false, first_id: 'claude-x', last_id: 'claude-x' }));
    } else {
      response.statusCode = 401;
      response.end(JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Only loopback answers: the status pages this core would read are on the internet, which tests never reach.
  timers = manualTimers();
  core = createCore({ host: { kind: 'cli', version: '0.0.0', dataDir: '/nonexistent', demo: false }, clock: systemClock, timers: timers.timers, env: {}, cipher: createTestCipher(), fetch: loopbackOnlyFetch });
  seen = [];
  core.events.subscribe((event, payload) => seen.push({ event, payload }));
  core.start();
});

afterEach(async () => {
  await core.dispose();
  await new Promise((resolve) => server.close(resolve));
});

const named = (event: EventName) => seen.filter((entry) => entry.event === event).map((entry) => entry.payload as Record<string, unknown>);

async function until(predicate: () => boolean) {
  for (let i = 0; i < 200 && !predicate(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(predicate()).toBe(true);
}

describe('status from the real vault and checks', () => {
  it('a key checked invalid makes the app failing with one notification; recovery, then a new failure, notifies again', async () => {
    const secret = `sk-ant-api03-${'Zq9'.repeat(30)}AA`;
    const added = await core.router.invoke('keys:add', { provider: 'anthropic', secret, label: 'work', baseUrl, force: true, allowForeignHost: true });
    expect(added.ok).toBe(true);
    await until(() => named('app:status-changed').some((report) => report.status === 'failing'));
    expect((await core.router.invoke('app:status', undefined)) as unknown).toMatchObject({ ok: true, value: { status: 'failing', headline: 'Anthropic key "work" invalid' } });
    expect(named('app:notification')).toHaveLength(0);
    expect(timers.fire()).toBe(2_000);
    expect(named('app:notification')).toHaveLength(1);

    await core.router.invoke('keys:check', {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(timers.pending.size).toBe(0);
    expect(named('app:notification')).toHaveLength(1);

    answer = 'ok';
    await core.router.invoke('keys:check', {});
    await until(() => named('app:status-changed').at(-1)?.status === 'ok');

    answer = 'invalid';
    await core.router.invoke('keys:check', {});
    await until(() => timers.pending.size === 1);
    timers.fire();
    expect(named('app:notification')).toHaveLength(2);
    expect(JSON.stringify(seen)).not.toContain(secret);
  });

  it('credits crossing the low threshold make the app low_credits with one notification, and recovery clears it', async () => {
    expect((await core.router.invoke('credits:top-up', { credits: 1000 })).ok).toBe(true);
    await until(() => named('app:status-changed').at(-1)?.creditsLine === 'Credits: 1,000 available');
    await core.router.invoke('credits:set-threshold', { credits: 5000 });
    await core.router.invoke('credits:top-up', { credits: 1 });
    await until(() => named('app:status-changed').at(-1)?.status === 'low_credits');
    expect(named('app:notification').map((n) => n.episode)).toEqual(['credits:low']);

    await core.router.invoke('credits:top-up', { credits: 10_000 });
    await until(() => named('app:status-changed').at(-1)?.status === 'ok');
    expect(named('app:notification')).toHaveLength(1);
  });
});

describe('status from provider health read off a loopback status page', () => {
  let pages: StatusPageEmulator;
  beforeEach(async () => {
    pages = await startStatusPageEmulator();
    answer = 'ok';
  });
  afterEach(async () => {
    answer = 'invalid';
    await pages.close();
  });

  /** A fresh core whose Anthropic status page is `summary`, with one Anthropic key that checks ok. */
  async function statusWith(summary: string) {
    pages.set('/anthropic/api/v2/summary.json', { status: 200, body: summary });
    const withPage = createCore({
      host: { kind: 'cli', version: '0.0.0', dataDir: '/nonexistent', demo: false },
      clock: systemClock,
      env: { NOME_STATUS_PAGE_ANTHROPIC: `${pages.url}/anthropic/api/v2/summary.json` },
      cipher: createTestCipher(),
      fetch: loopbackOnlyFetch,
    });
    try {
      const added = await withPage.router.invoke('keys:add', { provider: 'anthropic', secret: `sk-ant-api03-${'Hq7'.repeat(31)}AA`, label: 'work', baseUrl, force: true, allowForeignHost: true });
      expect(added.ok).toBe(true);
      await withPage.router.invoke('keys:check', {});
      const status = await withPage.router.invoke('app:status', undefined);
      if (!status.ok) throw new Error(status.error.message);
      return status.value as { status: string; headline: string; providers: { line: string }[] };
    } finally {
      await withPage.dispose();
    }
  }

  it('a claude.ai-only outage leaves the app ok: the Anthropic API is operational', async () => {
    const report = await statusWith(
      statuspageSummary('anthropic', {
        statuses: { 'claude.ai': 'major_outage' },
        incidents: [statuspageIncident('c1', 'claude.ai unavailable', 'investigating', 'critical', [pageComponent('anthropic', 'claude.ai')])],
      }),
    );
    expect(report).toMatchObject({ status: 'ok', headline: 'All keys ok', providers: [{ line: 'Anthropic: key ok' }] });
  });

  it('a Claude API component outage makes the app failing with a major outage', async () => {
    const report = await statusWith(statuspageSummary('anthropic', { statuses: { 'Claude API (api.anthropic.com)': 'major_outage' } }));
    expect(report).toMatchObject({ status: 'failing', headline: 'Anthropic major outage', providers: [{ line: 'Anthropic: key ok · major outage' }] });
  });

  it('a summary without the Claude API component falls back to the page-wide indicator', async () => {
    const report = await statusWith(statuspageSummary('anthropic', { without: ['Claude API (api.anthropic.com)'], statuses: { 'claude.ai': 'degraded_performance' } }));
    expect(report).toMatchObject({ status: 'attention', headline: 'Anthropic degraded service' });
  });
});
