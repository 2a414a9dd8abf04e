import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../../shared/errors';
import { providerIds } from '../../../shared/providers';
import { createRouter, type Handlers } from '../../../electron/core/router';
import { createMinimalScrubber } from '../../../electron/core/scrub/scrubber';
import { createMemoryKeyStore } from '../../../electron/core/vault/key-store';
import { vaultDocumentSchema } from '../../../electron/core/vault/vault-document';
import { fakeChecks, keys, makeVault } from './vault-fixtures';

const secretArbitrary = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.constantFrom(keys.anthropic(), keys.openai(), keys.xai(), keys.deepseek(), `sk-ant-oat01-${'x'.repeat(40)}`, '{"type":"service_account","private_key_id":"abcdefgh1234"}', '{"type":'),
  fc.tuple(fc.constantFrom('"', "'", 'Bearer ', ' ', '\n'), fc.constantFrom(keys.anthropic(), keys.openai())).map(([wrap, key]) => `${wrap}${key}${wrap.trim()}`),
  fc.integer({ min: 16_000, max: 40_000 }).map((n) => 'k'.repeat(n)),
);
const urlArbitrary = fc.option(fc.oneof(fc.webUrl(), fc.string({ maxLength: 60 }), fc.constantFrom('http://localhost:1/v1', 'https://u:p@x.io', 'ftp://x', 'http://8.8.8.8/v1', '')), { nil: undefined });
const headerArbitrary = fc.array(fc.record({ name: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('X-Org', 'Host', 'x-a')), value: fc.string({ unit: 'binary', maxLength: 40 }) }), { maxLength: 4 });

const addInput = fc.record(
  {
    provider: fc.oneof(fc.constantFrom(...providerIds), fc.string({ maxLength: 12 })),
    secret: fc.option(secretArbitrary, { nil: undefined }),
    // Keyless endpoints (openai-compatible only); `noKey` with a secret, or for another provider, is refused.
    noKey: fc.option(fc.boolean(), { nil: undefined }),
    label: fc.option(fc.string({ unit: 'binary', maxLength: 150 }), { nil: undefined }),
    baseUrl: urlArbitrary,
    headers: fc.option(headerArbitrary, { nil: undefined }),
    options: fc.option(fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), { maxKeys: 3 }), { nil: undefined }),
    check: fc.boolean(),
    force: fc.boolean(),
    allowForeignHost: fc.boolean(),
  },
  { requiredKeys: ['provider'] },
);

function harness() {
  const store = createMemoryKeyStore();
  const vault = makeVault({ store, checks: fakeChecks(() => 'ok') });
  vault.checks.stateFor = (target) => (target.secret.length % 3 === 0 ? 'invalid_key' : 'ok');
  const router = createRouter({ handlers: vault.vault.handlers as unknown as Handlers, scrubber: createMinimalScrubber(), checkOutput: true });
  return { store, router };
}

/** After any call: the stored document has the full shape, so no half-written record can exist. */
function expectWhole(raw: unknown) {
  if (raw !== null) expect(vaultDocumentSchema.safeParse(raw).success).toBe(true);
}

describe('fuzzing the vault’s inputs', () => {
  it('keys:add never crashes and either saves one whole record or changes nothing', async () => {
    const { store, router } = harness();
    await fc.assert(
      fc.asyncProperty(addInput, async (input) => {
        const before = store.raw();
        const result = await router.invoke('keys:add', input);
        const after = store.raw();
        expectWhole(after);
        const count = (raw: unknown) => (raw as { keys?: unknown[] } | null)?.keys?.length ?? 0;
        if (result.ok) {
          expect(count(after)).toBe(count(before) + 1);
        } else {
          expect(errorCodes).toContain(result.error.code);
          expect(result.error.code).not.toBe('internal');
          // A refusal may have created the vault's fingerprint key, but never a key record.
          expect(count(after)).toBe(count(before));
        }
      }),
      { numRuns: 250 },
    );
  }, 30_000);

  it('keys:update never crashes and either applies whole or changes nothing', async () => {
    const { store, router } = harness();
    const added = await router.invoke('keys:add', { provider: 'openai-compatible', secret: keys.compatible(), baseUrl: 'http://localhost:1/v1', headers: [{ name: 'X-Org', value: 'v' }], check: false });
    expect(added.ok).toBe(true);
    const id = (added as { value: { card: { id: string } } }).value.card.id;
    const updateInput = fc.record(
      {
        id: fc.oneof(fc.constant(id), fc.string({ maxLength: 10 })),
        label: fc.option(fc.string({ unit: 'binary', maxLength: 150 }), { nil: undefined }),
        baseUrl: fc.option(fc.oneof(urlArbitrary, fc.constant(null)), { nil: undefined }),
        headers: fc.option(fc.array(fc.record({ name: fc.constantFrom('X-Org', 'X-New', 'Bad Name', 'Host'), value: fc.option(fc.string({ unit: 'binary', maxLength: 20 }), { nil: null }) }), { maxLength: 3 }), { nil: undefined }),
        priority: fc.option(fc.integer({ min: -5, max: 200_000 }), { nil: undefined }),
        allowForeignHost: fc.boolean(),
      },
      { requiredKeys: ['id'] },
    );
    await fc.assert(
      fc.asyncProperty(updateInput, async (input) => {
        const before = store.raw();
        const result = await router.invoke('keys:update', input);
        expectWhole(store.raw());
        if (!result.ok) {
          expect(result.error.code).not.toBe('internal');
          expect(store.raw()).toEqual(before);
        }
      }),
      { numRuns: 250 },
    );
  }, 30_000);
});
