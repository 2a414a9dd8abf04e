import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/create-core';
import { systemClock } from '../../../electron/core/ports';
import { toHealthLevel } from '../../../electron/core/status/status-sources';
import type { EventName } from '../../../shared/contract';
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

// A loopback Anthropic that answers /v1/models as the facts describe: 200, or 401 for a rejected key (§2).
let server: Server;
let answer: 'ok' | 'invalid' = 'invalid';
let baseUrl: string;
let core: Core;
let seen: { event: EventName; payload: unknown }[];

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
  core = createCore({ host: { kind: 'cli', version: '0.0.0', dataDir: '/nonexistent', demo: false }, clock: systemClock, env: {}, cipher: createTestCipher(), fetch: globalThis.fetch });
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
    expect(named('app:notification')).toHaveLength(1);

    await core.router.invoke('keys:check', {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(named('app:notification')).toHaveLength(1);

    answer = 'ok';
    await core.router.invoke('keys:check', {});
    await until(() => named('app:status-changed').at(-1)?.status === 'ok');

    answer = 'invalid';
    await core.router.invoke('keys:check', {});
    await until(() => named('app:notification').length === 2);
    expect(JSON.stringify(seen)).not.toContain(secret);
  });
});
