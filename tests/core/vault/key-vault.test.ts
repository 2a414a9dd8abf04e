import { describe, expect, it } from 'vitest';
import { NomeError } from '../../../shared/errors';
import { createRouter, type Handlers } from '../../../electron/core/router';
import { createMinimalScrubber } from '../../../electron/core/scrub/scrubber';
import { createMemoryKeyStore } from '../../../electron/core/vault/key-store';
import { parseVaultDocument } from '../../../electron/core/vault/vault-document';
import { aesCipher, fakeChecks, keys, makeVault, memoryMasterKeyStore, settle } from './vault-fixtures';

const h = (harness: ReturnType<typeof makeVault>) => harness.vault.handlers;

async function rejection(promise: unknown): Promise<NomeError> {
  const error = await Promise.resolve(promise).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NomeError);
  return error as NomeError;
}

describe('keys:add', () => {
  it('checks the candidate, seals it and returns a masked card (prefix plus last 4)', async () => {
    const harness = makeVault();
    const secret = keys.anthropic();
    const saved = await h(harness)['keys:add']({ provider: 'anthropic', secret, check: true, force: false, allowForeignHost: false });
    expect(harness.checks.calls).toHaveLength(1);
    expect(harness.checks.calls[0]!.keyId).toBeNull();
    expect(saved.card.masked).toBe(`sk-ant-api03-…${secret.slice(-4)}`);
    expect(saved.card).toMatchObject({ provider: 'anthropic', state: 'ok', source: 'stored', kind: 'api', priority: 0, needsReentry: false, readOnly: false });
    expect(saved.card.storage).toEqual({ cipher: 'aes-256-gcm:keyring', weaker: false });
    expect(JSON.stringify(saved)).not.toContain(secret.slice(13, -4));
  });

  it('does not save a key whose check says invalid_key, and never echoes the key in the refusal', async () => {
    const harness = makeVault({ checks: fakeChecks(() => 'invalid_key') });
    const secret = keys.openai();
    const error = await rejection(h(harness)['keys:add']({ provider: 'openai', secret, check: true, force: false, allowForeignHost: false }));
    expect(error.code).toBe('check_failed');
    expect(JSON.stringify({ message: error.message, detail: error.detail })).not.toContain(secret);
    expect(await h(harness)['keys:list']()).toEqual([]);
  });

  it('saves an invalid_key candidate when the user insists (force)', async () => {
    const harness = makeVault({ checks: fakeChecks(() => 'invalid_key') });
    const secret = keys.openai();
    const saved = await h(harness)['keys:add']({ provider: 'openai', secret, check: true, force: true, allowForeignHost: false });
    expect(saved.card.state).toBe('invalid_key');
    expect(saved.check?.message).not.toContain(secret);
  });

  it('skips the check when check is false and saves the key unchecked', async () => {
    const harness = makeVault();
    const saved = await h(harness)['keys:add']({ provider: 'xai', secret: keys.xai(), check: false, force: false, allowForeignHost: false });
    expect(harness.checks.calls).toHaveLength(0);
    expect(saved.check).toBeNull();
    expect(saved.card.state).toBe('unchecked');
  });

  it('detects the same key saved twice through its keyed fingerprint, under any label or provider', async () => {
    const harness = makeVault();
    const secret = keys.deepseek();
    const first = await h(harness)['keys:add']({ provider: 'deepseek', secret, label: 'one', check: false, force: false, allowForeignHost: false });
    const error = await rejection(h(harness)['keys:add']({ provider: 'deepseek', secret: `  "${secret}" `, label: 'two', check: false, force: false, allowForeignHost: false }));
    expect(error.code).toBe('conflict');
    expect(error.detail).toEqual({ id: first.card.id });
  });

  it('keeps fingerprints keyed: two vaults fingerprint the same key differently, and neither is a plain hash', async () => {
    const secret = keys.anthropic();
    const a = createMemoryKeyStore();
    const b = createMemoryKeyStore();
    await h(makeVault({ store: a }))['keys:add']({ provider: 'anthropic', secret, check: false, force: false, allowForeignHost: false });
    await h(makeVault({ store: b }))['keys:add']({ provider: 'anthropic', secret, check: false, force: false, allowForeignHost: false });
    const fa = parseVaultDocument(a.raw()).keys[0]!.fingerprint!.value;
    const fb = parseVaultDocument(b.raw()).keys[0]!.fingerprint!.value;
    expect(fa).not.toBe(fb);
    const { createHash } = await import('node:crypto');
    expect([createHash('sha256').update(secret).digest('base64url'), createHash('sha256').update(secret).digest('hex')]).not.toContain(fa);
  });

  it('refuses Claude subscription tokens with an explanation', async () => {
    const harness = makeVault();
    const error = await rejection(h(harness)['keys:add']({ provider: 'anthropic', secret: `sk-ant-oat01-${'a'.repeat(60)}`, check: true, force: true, allowForeignHost: false }));
    expect(error.code).toBe('bad_input');
    expect(error.message).toMatch(/subscription/);
    expect(harness.checks.calls).toHaveLength(0);
  });

  it('warns before sending a first-party key to a host that is not its provider’s, and saves only when allowed', async () => {
    const harness = makeVault();
    const secret = keys.anthropic();
    const input = { provider: 'openai-compatible' as const, secret, baseUrl: 'https://api.example.net/v1', check: true, force: false };
    const error = await rejection(h(harness)['keys:add']({ ...input, allowForeignHost: false }));
    expect(error.code).toBe('bad_input');
    expect(error.detail).toMatchObject({ reason: 'foreign_host' });
    expect(harness.checks.calls).toHaveLength(0);
    const saved = await h(harness)['keys:add']({ ...input, allowForeignHost: true });
    expect(saved.warnings[0]).toMatch(/api\.example\.net/);
    expect(saved.card.warnings[0]).toMatch(/api\.anthropic\.com/);
  });

  it('requires a base URL for openai-compatible, refuses userinfo, and warns on plain http off the local network', async () => {
    const harness = makeVault();
    const add = (baseUrl: string) => h(harness)['keys:add']({ provider: 'openai-compatible', secret: keys.compatible(), baseUrl, check: false, force: false, allowForeignHost: false });
    expect((await rejection(add(''))).code).toBe('bad_input');
    expect((await rejection(add('https://user:pw@example.com/v1'))).code).toBe('bad_input');
    expect((await rejection(add('ftp://example.com'))).code).toBe('bad_input');
    expect((await add('http://127.0.0.1:11434/v1/')).card.baseUrl).toBe('http://127.0.0.1:11434/v1');
    expect((await add('http://models.example.com/v1')).warnings.join(' ')).toMatch(/unencrypted/);
  });

  it('seals custom header values and shows only their names', async () => {
    const harness = makeVault();
    const value = `hv-${keys.compatible()}`;
    const saved = await h(harness)['keys:add']({ provider: 'openai-compatible', secret: keys.compatible(), baseUrl: 'http://localhost:8000/v1', headers: [{ name: 'X-Team', value }], check: true, force: false, allowForeignHost: false });
    expect(saved.card.headerNames).toEqual(['X-Team']);
    expect(harness.checks.calls[0]!.headers).toEqual({ 'X-Team': value });
    expect(JSON.stringify((harness.store as ReturnType<typeof createMemoryKeyStore>).raw())).not.toContain(value);
    const bad = await rejection(h(harness)['keys:add']({ provider: 'openai-compatible', secret: keys.compatible(), baseUrl: 'http://localhost:8000/v1', headers: [{ name: 'X-A', value: 'a\r\nHost: evil' }], check: false, force: false, allowForeignHost: false }));
    expect(bad.code).toBe('bad_input');
  });

  it('refuses a 1 MB paste at once with a clear error, through the channel and in core, and stores nothing', async () => {
    const harness = makeVault();
    const router = createRouter({ handlers: harness.vault.handlers as unknown as Handlers, scrubber: createMinimalScrubber(), checkOutput: true });
    const huge = `sk-proj-${'A'.repeat(1_000_000)}`;
    const started = performance.now();
    const viaChannel = await router.invoke('keys:add', { provider: 'openai', secret: huge, check: true });
    expect(viaChannel).toEqual({ ok: false, error: { code: 'bad_input', message: expect.stringMatching(/at most 16384 characters/) } });
    // Past the schema too (a host that skipped it): the core's own rule refuses it before any scan.
    const inCore = await rejection(h(harness)['keys:add']({ provider: 'openai', secret: huge, check: true, force: false, allowForeignHost: false }));
    expect(inCore).toMatchObject({ code: 'bad_input', message: expect.stringMatching(/too long to be a key/) });
    // Generous for a loaded machine; a scan per character or a regex backtrack over 1 MB would take seconds.
    expect(performance.now() - started).toBeLessThan(1000);
    expect(harness.checks.calls).toHaveLength(0);
    expect(await h(harness)['keys:list']()).toEqual([]);
  });

  it('refuses a non-Google JSON with line breaks as a key: it would be sent as a bearer header', async () => {
    const harness = makeVault();
    const error = await rejection(h(harness)['keys:add']({ provider: 'openai-compatible', secret: '{\r\n"token": "abc"}', baseUrl: 'http://localhost:1/v1', check: false, force: false, allowForeignHost: false }));
    expect(error).toMatchObject({ code: 'bad_input', message: expect.stringMatching(/no spaces or line breaks/) });
  });

  it('refuses to store anything when no cipher can seal (no keyring, no opt-in)', async () => {
    const { deadKeyring } = await import('./vault-fixtures');
    const harness = makeVault({ cipher: aesCipher(deadKeyring as never) });
    const error = await rejection(h(harness)['keys:add']({ provider: 'openai', secret: keys.openai(), check: true, force: false, allowForeignHost: false }));
    expect(error.code).toBe('storage_unavailable');
    expect(harness.checks.calls).toHaveLength(0);
  });
});

describe('keys:replace', () => {
  it('keeps the old key when the new one fails its check, and swaps only after sealing the new one', async () => {
    const harness = makeVault();
    const oldSecret = keys.openai();
    const { card } = await h(harness)['keys:add']({ provider: 'openai', secret: oldSecret, check: false, force: false, allowForeignHost: false });
    harness.checks.stateFor = () => 'invalid_key';
    const error = await rejection(h(harness)['keys:replace']({ id: card.id, secret: keys.openai(), check: true, force: false, allowForeignHost: false }));
    expect(error.code).toBe('check_failed');
    expect((await harness.vault.checkTargets([card.id]))[0]!.secret).toBe(oldSecret);

    harness.checks.stateFor = () => 'ok';
    const newSecret = keys.openai();
    const replaced = await h(harness)['keys:replace']({ id: card.id, secret: newSecret, check: true, force: false, allowForeignHost: false });
    expect(replaced.card.id).toBe(card.id);
    expect(replaced.card.masked).toBe(`sk-proj-…${newSecret.slice(-4)}`);
    expect((await harness.vault.checkTargets([card.id]))[0]!.secret).toBe(newSecret);
  });
});

describe('keys:update, keys:remove, keys:reorder', () => {
  it('updates label, base URL, options and keeps a header value when given null', async () => {
    const harness = makeVault();
    const { card } = await h(harness)['keys:add']({ provider: 'openai-compatible', secret: keys.compatible(), baseUrl: 'http://localhost:1234/v1', headers: [{ name: 'X-Org', value: 'org-secret-value' }], check: false, force: false, allowForeignHost: false });
    const updated = await h(harness)['keys:update']({ id: card.id, label: ' LM Studio ', baseUrl: 'http://localhost:4321/v1', headers: [{ name: 'X-Org', value: null }, { name: 'X-New', value: 'new-secret-value' }], options: { location: 'us-central1' }, allowForeignHost: false });
    expect(updated).toMatchObject({ label: 'LM Studio', baseUrl: 'http://localhost:4321/v1', headerNames: ['X-Org', 'X-New'], options: { location: 'us-central1' } });
    const [target] = await harness.vault.checkTargets([card.id]);
    expect(target!.headers).toEqual({ 'X-Org': 'org-secret-value', 'X-New': 'new-secret-value' });
    const error = await rejection(h(harness)['keys:update']({ id: card.id, headers: [{ name: 'X-Unknown', value: null }], allowForeignHost: false }));
    expect(error.code).toBe('bad_input');
  });

  it('keeps several keys per provider in an explicit order, refuses a stale order, and renumbers on remove', async () => {
    const harness = makeVault();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await h(harness)['keys:add']({ provider: 'openai', secret: keys.openai(), label: `k${i}`, check: false, force: false, allowForeignHost: false })).card.id);
    expect((await h(harness)['keys:list']()).map((c) => [c.label, c.priority])).toEqual([['k0', 0], ['k1', 1], ['k2', 2]]);

    const stale = await rejection(h(harness)['keys:reorder']({ provider: 'openai', ids: [ids[2]!, ids[0]!] }));
    expect(stale.code).toBe('conflict');
    const reordered = await h(harness)['keys:reorder']({ provider: 'openai', ids: [ids[2]!, ids[0]!, ids[1]!] });
    expect(reordered.map((c) => c.label)).toEqual(['k2', 'k0', 'k1']);

    await h(harness)['keys:update']({ id: ids[1]!, priority: 0, allowForeignHost: false });
    expect((await h(harness)['keys:list']()).map((c) => c.label)).toEqual(['k1', 'k2', 'k0']);

    await h(harness)['keys:remove']({ id: ids[2]! });
    expect((await h(harness)['keys:list']()).map((c) => [c.label, c.priority])).toEqual([['k1', 0], ['k0', 1]]);
    expect((await rejection(h(harness)['keys:remove']({ id: ids[2]! }))).code).toBe('not_found');
  });
});

describe('keys:changed and lastUsedAt', () => {
  it('every write emits keys:changed with the fresh cards, and never a secret', async () => {
    const harness = makeVault();
    const secret = keys.openai();
    const rotated = keys.openai();
    const changes = () => harness.emitted.filter((e) => e.event === 'keys:changed').length;
    const steps: Array<[string, () => unknown]> = [];
    let id = '';
    let second = '';
    steps.push(['add', async () => (id = (await h(harness)['keys:add']({ provider: 'openai', secret, check: false, force: false, allowForeignHost: false })).card.id)]);
    steps.push(['add', async () => (second = (await h(harness)['keys:add']({ provider: 'openai', secret: keys.openai(), check: false, force: false, allowForeignHost: false })).card.id)]);
    steps.push(['replace', () => h(harness)['keys:replace']({ id, secret: rotated, check: false, force: false, allowForeignHost: false })]);
    steps.push(['update', () => h(harness)['keys:update']({ id, label: 'renamed', allowForeignHost: false })]);
    steps.push(['reorder', () => h(harness)['keys:reorder']({ provider: 'openai', ids: [second, id] })]);
    steps.push(['remove', () => h(harness)['keys:remove']({ id: second })]);
    for (const [name, step] of steps) {
      const before = changes();
      await step();
      await settle();
      expect(changes(), name).toBe(before + 1);
    }
    const last = harness.emitted.filter((e) => e.event === 'keys:changed').at(-1)!.payload as Array<{ id: string; label: string }>;
    expect(last.map((card) => [card.id, card.label])).toEqual([[id, 'renamed']]);
    expect(JSON.stringify(harness.emitted)).not.toContain(secret);
    expect(JSON.stringify(harness.emitted)).not.toContain(rotated);
  });

  it('markUsed sets a key’s lastUsedAt on its card and ignores ids it does not hold', async () => {
    const harness = makeVault();
    const { card } = await h(harness)['keys:add']({ provider: 'xai', secret: keys.xai(), check: false, force: false, allowForeignHost: false });
    expect(card.lastUsedAt).toBeNull();
    await harness.vault.markUsed(card.id, '2026-12-01T10:00:00.000Z');
    await harness.vault.markUsed('key_gone', '2026-12-01T11:00:00.000Z');
    const [listed] = await h(harness)['keys:list']();
    expect(listed).toMatchObject({ id: card.id, lastUsedAt: '2026-12-01T10:00:00.000Z', createdAt: card.createdAt });
  });
});

describe('environment keys', () => {
  const env = { OPENAI_API_KEY: keys.openai(), OPENAI_BASE_URL: 'https://proxy.example.org/v1', GEMINI_API_KEY: `AQ.${'b'.repeat(40)}`, GOOGLE_API_KEY: `AIza${'c'.repeat(35)}`, GOOGLE_APPLICATION_CREDENTIALS: '/home/me/sa.json', DEEPSEEK_API_KEY: keys.deepseek(), XAI_API_KEY: keys.xai(), ANTHROPIC_API_KEY: keys.anthropic() };

  it('shows each as a read-only card with its source and precedence, after the stored keys of its provider', async () => {
    const harness = makeVault({ env });
    await h(harness)['keys:add']({ provider: 'openai', secret: keys.openai(), check: false, force: false, allowForeignHost: false });
    const cards = await h(harness)['keys:list']();
    const bySource = Object.fromEntries(cards.filter((c) => c.readOnly).map((c) => [c.source, c]));
    expect(Object.keys(bySource).sort()).toEqual(['ANTHROPIC_API_KEY', 'DEEPSEEK_API_KEY', 'GEMINI_API_KEY', 'GOOGLE_API_KEY', 'GOOGLE_APPLICATION_CREDENTIALS', 'OPENAI_API_KEY', 'XAI_API_KEY']);
    expect(bySource.OPENAI_API_KEY).toMatchObject({ id: 'env:OPENAI_API_KEY', priority: 1, baseUrl: 'https://proxy.example.org/v1', storage: { cipher: 'environment', weaker: false } });
    expect(bySource.OPENAI_API_KEY!.precedence).toMatch(/Stored OpenAI keys are tried first/);
    expect(bySource.OPENAI_API_KEY!.warnings.join(' ')).toMatch(/proxy\.example\.org/);
    // Google's SDKs use GOOGLE_API_KEY when both are set; the cards say the same.
    expect(bySource.GOOGLE_API_KEY!.precedence).toMatch(/wins over GEMINI_API_KEY/);
    expect(bySource.GEMINI_API_KEY!.precedence).toMatch(/GOOGLE_API_KEY is also set and wins over it/);
    expect([bySource.GOOGLE_API_KEY!.priority, bySource.GEMINI_API_KEY!.priority]).toEqual([0, 1]);
    expect(bySource.GOOGLE_APPLICATION_CREDENTIALS!.masked).toBe('credentials file sa.json');
    expect(JSON.stringify(cards)).not.toContain(env.OPENAI_API_KEY);
    expect((await rejection(h(harness)['keys:remove']({ id: 'env:OPENAI_API_KEY' }))).message).toMatch(/read-only/);
  });

  it('imports an environment key only when asked, with OPENAI_BASE_URL as its base URL', async () => {
    const harness = makeVault({ env });
    expect((await h(harness)['keys:list']()).some((c) => !c.readOnly)).toBe(false);
    const saved = await h(harness)['keys:import-env']({ name: 'OPENAI_API_KEY', check: false, force: false });
    expect(saved.card).toMatchObject({ source: 'stored', baseUrl: 'https://proxy.example.org/v1', label: 'OPENAI_API_KEY (imported)' });
    expect(saved.warnings.join(' ')).toMatch(/proxy\.example\.org/);
    const vertex = await h(harness)['keys:import-env']({ name: 'GOOGLE_APPLICATION_CREDENTIALS', check: false, force: false });
    expect(vertex.card).toMatchObject({ provider: 'vertex', kind: 'service-account', masked: 'service account …3456' });
    expect((await rejection(h(harness)['keys:import-env']({ name: 'PATH', check: false, force: false }))).code).toBe('not_found');
  });

  it('never shows or uses an OPENAI_BASE_URL that breaks the base-URL rules (a password in it stays out of every card)', async () => {
    const secret = keys.openai();
    const harness = makeVault({ env: { OPENAI_API_KEY: secret, OPENAI_BASE_URL: 'https://alice:hunter2-pw@proxy.example.org/v1' } });
    const [card] = await h(harness)['keys:list']();
    expect(card).toMatchObject({ id: 'env:OPENAI_API_KEY', baseUrl: null });
    expect(card!.warnings.join(' ')).toMatch(/OPENAI_BASE_URL cannot be used: Put credentials in the key or a header/);
    expect(JSON.stringify(card)).not.toContain('hunter2-pw');
    // Not sent to the official API instead (it may be the proxy's key), and not importable as it stands.
    const [result] = await h(harness)['keys:check']({ ids: ['env:OPENAI_API_KEY'] });
    expect(result).toMatchObject({ id: 'env:OPENAI_API_KEY', state: 'unchecked', message: expect.stringMatching(/not checked until it is fixed/) });
    expect(await h(harness)['keys:check']({})).toEqual([expect.objectContaining({ id: 'env:OPENAI_API_KEY', state: 'unchecked' })]);
    expect(harness.checks.calls).toHaveLength(0);
    expect((await harness.vault.checkTargets()).length).toBe(0);
    expect((await rejection(h(harness)['keys:import-env']({ name: 'OPENAI_API_KEY', check: false, force: false }))).code).toBe('bad_input');
    expect(await h(harness)['keys:list']()).toHaveLength(1);
  });

  it('normalizes a usable OPENAI_BASE_URL and warns when it is plain http off the local network', async () => {
    const harness = makeVault({ env: { OPENAI_API_KEY: keys.compatible(), OPENAI_BASE_URL: ' http://gateway.example.org/v1/ ' } });
    const [card] = await h(harness)['keys:list']();
    expect(card!.baseUrl).toBe('http://gateway.example.org/v1');
    expect(card!.warnings.join(' ')).toMatch(/unencrypted/);
    await h(harness)['keys:check']({ ids: ['env:OPENAI_API_KEY'] });
    expect(harness.checks.calls.map((call) => call.baseUrl)).toEqual(['http://gateway.example.org/v1']);
  });
});

describe('checks and records the vault cannot open', () => {
  it('records check results on the card (state, lastCheckedAt, figures) and emits keys:changed without secrets', async () => {
    const harness = makeVault();
    const secret = keys.deepseek();
    const { card } = await h(harness)['keys:add']({ provider: 'deepseek', secret, check: false, force: false, allowForeignHost: false });
    harness.checks.stateFor = () => 'no_credit';
    const [result] = await h(harness)['keys:check']({ ids: [card.id] });
    expect(result).toMatchObject({ id: card.id, state: 'no_credit' });
    expect(result!.message).not.toContain(secret);
    await harness.vault.recordCheck({ ...result!, state: 'ok', figures: { source: 'deepseek-balance', reportedAt: result!.checkedAt, currency: 'USD', remaining: 4.2, limit: null, usage: null, isAvailable: true, detail: {} } });
    await settle();
    const [listed] = await h(harness)['keys:list']();
    expect(listed).toMatchObject({ state: 'ok', lastCheckedAt: result!.checkedAt, lastCheck: { figures: { remaining: 4.2 } } });
    const changes = harness.emitted.filter((e) => e.event === 'keys:changed');
    expect(changes.length).toBeGreaterThan(0);
    expect(JSON.stringify(harness.emitted)).not.toContain(secret);
  });

  it('keeps a record sealed under a lost master key and shows it as needing re-entry, never dropping it', async () => {
    const store = createMemoryKeyStore();
    const first = makeVault({ store, cipher: aesCipher(memoryMasterKeyStore()) });
    const { card } = await h(first)['keys:add']({ provider: 'anthropic', secret: keys.anthropic(), check: false, force: false, allowForeignHost: false });
    // The keyring was reset: same cipher, new master key.
    const after = makeVault({ store, cipher: aesCipher(memoryMasterKeyStore()) });
    await after.vault.open();
    const [listed] = await h(after)['keys:list']();
    expect(listed).toMatchObject({ id: card.id, needsReentry: true, state: 'unchecked' });
    expect(await after.vault.checkTargets()).toEqual([]);
    const results = await h(after)['keys:check']({ ids: [card.id] });
    expect(results[0]).toMatchObject({ state: 'unchecked' });
    // Re-entry through replace clears it.
    const secret = keys.anthropic();
    const replaced = await h(after)['keys:replace']({ id: card.id, secret, check: false, force: false, allowForeignHost: false });
    expect(replaced.card.needsReentry).toBe(false);
    expect((await after.vault.checkTargets([card.id]))[0]!.secret).toBe(secret);
  });

  it('shows a record sealed by another host’s cipher as needing re-entry without trying to open it', async () => {
    const store = createMemoryKeyStore();
    await h(makeVault({ store }))['keys:add']({ provider: 'xai', secret: keys.xai(), check: false, force: false, allowForeignHost: false });
    const other = { ...aesCipher(), id: 'safeStorage', open: () => Promise.reject(new Error('must not be called')) };
    const [card] = await h(makeVault({ store, cipher: other }))['keys:list']();
    expect(card!.needsReentry).toBe(true);
  });

  it('teaches the scrubber every stored secret and header value when the vault opens', async () => {
    const store = createMemoryKeyStore();
    const secret = keys.compatible();
    await h(makeVault({ store, cipher: aesCipher(memoryMasterKeyStore(Buffer.alloc(32, 7))) }))['keys:add']({ provider: 'openai-compatible', secret, baseUrl: 'http://localhost:1/v1', headers: [{ name: 'X-K', value: 'header-secret-1' }], check: false, force: false, allowForeignHost: false });
    const reopened = makeVault({ store, cipher: aesCipher(memoryMasterKeyStore(Buffer.alloc(32, 7))) });
    await reopened.vault.open();
    const scrubbed = reopened.context.scrubber.scrub(`got ${secret} and header-secret-1`);
    expect(scrubbed).not.toContain(secret);
    expect(scrubbed).not.toContain('header-secret-1');
  });

  it('moves a store with the wrong shape aside, reports it, and keeps working', async () => {
    const store = createMemoryKeyStore({ format: 'something-else', keys: 5 });
    const harness = makeVault({ store });
    expect(await h(harness)['keys:list']()).toEqual([]);
    expect(harness.context.incidents.list()).toHaveLength(1);
    await h(harness)['keys:add']({ provider: 'xai', secret: keys.xai(), check: false, force: false, allowForeignHost: false });
    expect(await h(harness)['keys:list']()).toHaveLength(1);
  });
});
