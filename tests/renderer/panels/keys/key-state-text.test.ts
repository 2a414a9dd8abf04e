import { describe, expect, it } from 'vitest';
import { providers } from '../../../../shared/providers';
import { keyStates } from '../../../../shared/vocabulary';
import { checkedOne, describeState, secondsUntilRetry } from '../../../../renderer/panels/keys/key-state-text';

const at = '2026-12-03T12:00:00.000Z';
const now = new Date(at).getTime();
const context = { provider: 'anthropic' as const, retryAfterS: null, checkedAt: at, now };

describe('describeState', () => {
  it('gives every state a label, a meaning and a tone', () => {
    for (const state of keyStates) {
      const text = describeState(state, context);
      expect(text.label.length).toBeGreaterThan(0);
      expect(text.meaning.length).toBeGreaterThan(0);
    }
  });

  it('invalid_key says "Replace key" and links to the provider key page', () => {
    const text = describeState('invalid_key', context);
    expect(text.next).toMatchObject({ text: 'Replace key', action: 'replace', link: { href: providers.anthropic.keyPageUrl } });
  });

  it('no_credit links to the provider billing page', () => {
    expect(describeState('no_credit', { ...context, provider: 'deepseek' }).next?.link?.href).toBe(providers.deepseek.billingPageUrl);
  });

  it('rate_limited counts down from the check: "Retrying in 40 s"', () => {
    expect(describeState('rate_limited', { ...context, retryAfterS: 60, now: now + 20_000 }).next?.text).toBe('Retrying in 40 s');
    expect(describeState('rate_limited', { ...context, retryAfterS: 60, now: now + 90_000 }).next?.text).toBe('Retrying now');
    expect(describeState('rate_limited', { ...context, retryAfterS: null }).next?.text).toBe('Retrying shortly');
  });

  it('bad_endpoint sends the user to the endpoint editor', () => {
    expect(describeState('bad_endpoint', context).next?.action).toBe('edit-endpoint');
  });

  it('a provider without pages gives a next step without a link', () => {
    expect(describeState('invalid_key', { ...context, provider: 'openai-compatible' }).next?.link).toBeNull();
  });
});

describe('secondsUntilRetry', () => {
  it('is null without a Retry-After or a check time, and never negative', () => {
    expect(secondsUntilRetry({ ...context, retryAfterS: null })).toBeNull();
    expect(secondsUntilRetry({ ...context, retryAfterS: 10, checkedAt: null })).toBeNull();
    expect(secondsUntilRetry({ ...context, retryAfterS: 10, now: now + 60_000 })).toBe(0);
  });
});

describe('checkedOne', () => {
  const result = { id: 'k', provider: 'anthropic' as const, httpStatus: 429, providerCode: null, latencyMs: 10, checkedAt: at, message: '', figures: null };
  it('says the card\'s label and next step, not the raw state name', () => {
    expect(checkedOne({ ...result, state: 'ok', retryAfterS: null }, now)).toBe('Check finished: the key works.');
    expect(checkedOne({ ...result, state: 'no_credit', retryAfterS: null }, now)).toBe('Check finished: Out of credit. Add credit or raise the limit.');
    expect(checkedOne({ ...result, state: 'rate_limited', retryAfterS: 40 }, now)).toBe('Check finished: Rate limited. Retrying in 40 s.');
  });
});
