// The vault keeps the scrubber's known secrets current as keys change (issue 6, layer a): a key's secret and
// every header value stay known through adds, header edits and replacements, raw and encoded. Fails before
// the fix: a header edit handed the scrubber only the new header values, so the key itself was forgotten.
import { describe, expect, it } from 'vitest';
import { keys, makeVault, settle } from '../vault/vault-fixtures';
import type { Handlers } from '../../../electron/core/router';

type VaultHandlers = Pick<Handlers, 'keys:add' | 'keys:update' | 'keys:replace'>;
const h = (harness: ReturnType<typeof makeVault>) => harness.vault.handlers as unknown as VaultHandlers;
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('the vault keeps the scrubber current', () => {
  it('a key, its header values, a header edit and a replacement: every current secret is known, raw and base64', async () => {
    const harness = makeVault();
    const { scrubber } = harness.context;
    const secret = keys.compatible();
    const header = `team-${keys.compatible()}`;
    const added = await h(harness)['keys:add']({ provider: 'openai-compatible', secret, baseUrl: 'http://localhost:1/v1', headers: [{ name: 'X-Team', value: header }], check: false, force: false, allowForeignHost: false });
    await settle();
    for (const known of [secret, header]) {
      expect(scrubber.scrub(`a ${known} b`)).toBe('a [redacted:known-secret] b');
      expect(scrubber.scrub(`a ${b64(known)} b`)).toBe('a [redacted:known-secret] b');
    }

    // A new header value: the key's own secret and the header kept unchanged (value null) must stay known.
    const extra = `org-${keys.compatible()}`;
    await h(harness)['keys:update']({ id: added.card.id, headers: [{ name: 'X-Team', value: null }, { name: 'X-Org', value: extra }], allowForeignHost: false });
    await settle();
    for (const known of [secret, header, extra]) expect(scrubber.scrub(`a ${known} b`), known).toBe('a [redacted:known-secret] b');

    const next = keys.compatible();
    await h(harness)['keys:replace']({ id: added.card.id, secret: next, check: false, force: false, allowForeignHost: false });
    await settle();
    // The replaced secret stays known too: a request in flight may still quote it.
    for (const known of [next, secret, header, extra]) expect(scrubber.scrub(`a ${known} b`), known).toBe('a [redacted:known-secret] b');
  });
});
