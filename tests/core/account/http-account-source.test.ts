import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreditSummary } from '../../../shared/channels/credits';
import { accountServiceSetting, createHttpAccountSource } from '../../../electron/core/account/http-account-source';
import { createCore } from '../../../electron/core/create-core';
import { createMemoryDataFiles } from '../../../electron/core/receipts/memory-data-files';
import { startAccountService, type AccountServiceEmulator } from '../../emulators/account-service';
import { createTestCipher } from '../../support/test-cipher';

const token = 'nome-account-token-0123456789abcdef';
let service: AccountServiceEmulator;
beforeEach(async () => {
  service = await startAccountService();
});
afterEach(() => service.close());

const client = () => createHttpAccountSource({ baseUrl: service.url, token, fetch: globalThis.fetch, timeoutMs: 2000 });

describe('HTTP account source (loopback account service)', () => {
  it('reads the summary, with the bearer token, and marks it remote', async () => {
    const summary = await client().summary();
    expect(summary).toMatchObject({ source: 'remote', totalBalance: 12_345, available: 12_000, plan: { name: 'NOME Pro' } });
    expect(service.requests[0]).toMatchObject({ method: 'GET', path: '/v1/account/summary', authorization: `Bearer ${token}` });
  });

  it('sends top-ups, plans, holds, releases, settles and the threshold to their documented routes', async () => {
    const account = client();
    expect(await account.topUp({ credits: 500, note: 'gift' })).toMatchObject({ id: 't-remote', credits: 500, note: 'gift' });
    await account.setPlan({ name: 'Team', monthlyAllocation: 50_000, anchorDay: 3 });
    expect(await account.hold({ credits: 10, turnId: 'turn-1', ttlSeconds: 900 })).toMatchObject({ id: 'h-remote', turnId: 'turn-1' });
    expect(await account.release('h-1')).toBe(true);
    await account.settle(['h-remote']);
    await account.setLowBalanceThreshold(250);
    expect(service.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v1/account/top-ups',
      'PUT /v1/account/plan',
      'POST /v1/account/holds',
      'DELETE /v1/account/holds/h-1',
      'POST /v1/account/holds/settle',
      'PUT /v1/account/low-balance-threshold',
    ]);
    expect(service.requests[1]!.body).toEqual({ plan: { name: 'Team', monthlyAllocation: 50_000, anchorDay: 3 } });
  });

  it("maps the service's coded errors through, and everything else to unavailable, never echoing the token", async () => {
    const account = client();
    await expect(account.hold({ credits: 1e9, ttlSeconds: 60 })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/not enough credits/) });
    service.overrides.set('GET /v1/account/summary', { status: 503, body: '{"error":{"code":"unavailable","message":"maintenance"}}' });
    await expect(account.summary()).rejects.toMatchObject({ code: 'unavailable' });
    service.overrides.set('GET /v1/account/summary', { status: 200, body: '<html>proxy</html>' });
    await expect(account.summary()).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/not JSON/) });
    service.overrides.set('GET /v1/account/summary', { status: 200, body: '{"totalBalance":"lots"}' });
    await expect(account.summary()).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/breaks the contract/) });
    service.overrides.set('GET /v1/account/summary', { status: 401, body: `{"error":{"code":"nope","message":"bad token"}}` });
    const error = await account.summary().catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'forbidden' });
    expect(JSON.stringify(error) + String((error as Error).message)).not.toContain(token);
  });

  it('an unreachable service is unavailable, not a crash', async () => {
    await service.close();
    await expect(client().summary()).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/cannot be reached/) });
    service = await startAccountService(); // for afterEach
  });

  it('a service slower than the deadline is unavailable, naming the deadline', async () => {
    service.overrides.set('GET /v1/account/summary', { status: 200, body: '{}', delayMs: 800 });
    const slow = createHttpAccountSource({ baseUrl: service.url, token, fetch: globalThis.fetch, timeoutMs: 150 });
    const started = Date.now();
    await expect(slow.summary()).rejects.toMatchObject({ code: 'unavailable', message: 'the account service did not answer within 150 ms' });
    expect(Date.now() - started).toBeLessThan(700);
  });

  it('refuses a redirect instead of following it, so the token never goes to another address', async () => {
    service.overrides.set('GET /v1/account/summary', { status: 302, body: '', headers: { location: `${service.url}/elsewhere` } });
    await expect(client().summary()).rejects.toMatchObject({ code: 'unavailable' });
    expect(service.requests.map((r) => r.path)).toEqual(['/v1/account/summary']);
  });

  it('the setting: off without NOME_ACCOUNT_URL; https, or http on loopback only', () => {
    expect(accountServiceSetting({})).toBeNull();
    expect(accountServiceSetting({ NOME_ACCOUNT_URL: 'https://account.example/', NOME_ACCOUNT_TOKEN: 't' })).toEqual({ baseUrl: 'https://account.example', token: 't' });
    expect(accountServiceSetting({ NOME_ACCOUNT_URL: 'http://127.0.0.1:9' })).toEqual({ baseUrl: 'http://127.0.0.1:9', token: null });
    expect(() => accountServiceSetting({ NOME_ACCOUNT_URL: 'http://account.example' })).toThrow(/https/);
  });

  it('a setting that cannot be used fails the account calls plainly instead of stopping the app', async () => {
    const core = createCore({
      host: { kind: 'cli', version: '0.0.0', dataDir: '/nonexistent', demo: false },
      clock: { now: () => Date.parse('2026-12-03T12:00:00.000Z') },
      env: { NOME_ACCOUNT_URL: 'http://account.example' },
      cipher: createTestCipher(),
      fetch: globalThis.fetch,
      files: createMemoryDataFiles(),
    });
    const result = await core.router.invoke('credits:summary', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/NOME_ACCOUNT_URL cannot be used: .*https/) } });
    expect((await core.router.invoke('app:info', undefined)).ok).toBe(true);
  });

  it('behind the setting, credits:summary comes from the service, with this host as the source of provider figures', async () => {
    const core = createCore({
      host: { kind: 'cli', version: '0.0.0', dataDir: '/nonexistent', demo: false },
      clock: { now: () => Date.parse('2026-12-03T12:00:00.000Z') },
      env: { NOME_ACCOUNT_URL: service.url, NOME_ACCOUNT_TOKEN: token },
      cipher: createTestCipher(),
      fetch: globalThis.fetch,
      files: createMemoryDataFiles(),
    });
    const result = await core.router.invoke('credits:summary', undefined);
    expect(result.ok).toBe(true);
    const summary = (result as { value: CreditSummary }).value;
    expect(summary).toMatchObject({ source: 'remote', totalBalance: 12_345, providerReported: [] });

    // A turn that ran under a service hold: the receipt stays in this host's log, and the service is told the hold is settled.
    const hold = await core.router.invoke('credits:hold', { credits: 10, turnId: 'turn-1' });
    expect(hold).toMatchObject({ ok: true, value: { id: 'h-remote' } });
    const receipt = { lane: 'credits', laneReason: 'NOME Credits: default lane', provider: 'anthropic', model: 'claude-sonnet-4-5', tokens: { input: 1000, output: 200 }, holdId: 'h-remote' };
    expect(await core.router.invoke('receipts:record', { receipts: [receipt] })).toMatchObject({ ok: true, value: { recordedCount: 1 } });
    expect(service.requests.at(-1)).toMatchObject({ method: 'POST', path: '/v1/account/holds/settle', body: { holdIds: ['h-remote'] } });
    expect(await core.router.invoke('receipts:list', { limit: 5 })).toMatchObject({ ok: true, value: { receipts: [{ holdId: 'h-remote', credits: 6 }] } });

    // The service down at that moment: the receipt is recorded all the same and the call says which hold is left.
    service.overrides.set('POST /v1/account/holds/settle', { status: 503, body: '{"error":{"code":"unavailable","message":"maintenance"}}' });
    expect(await core.router.invoke('receipts:record', { receipts: [{ ...receipt, holdId: 'h-2' }] })).toMatchObject({
      ok: true,
      value: { recordedCount: 1, unsettledHolds: { holdIds: ['h-2'], code: 'unavailable', message: 'the account service answered 503: maintenance' } },
    });
    expect(await core.router.invoke('receipts:list', { limit: 5 })).toMatchObject({ ok: true, value: { receipts: [{ holdId: 'h-2' }, { holdId: 'h-remote' }] } });
    await core.dispose();
  });
});
