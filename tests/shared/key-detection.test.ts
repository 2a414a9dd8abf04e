import { describe, expect, it } from 'vitest';
import { detectProvider, maskKey, normalizeKeyInput } from '../../shared/key-detection';
import { keys, randomText } from '../core/vault/vault-fixtures';

describe('detectProvider', () => {
  it.each([
    [keys.anthropic(), 'anthropic', 'api', 'certain'],
    [`sk-ant-admin01-${randomText(93)}AA`, 'anthropic', 'admin', 'certain'],
    [`sk-or-v1-${randomText(64, '0123456789abcdef')}`, 'openai-compatible', 'api', 'certain'],
    [keys.openai(), 'openai', 'api', 'certain'],
    [`sk-svcacct-${randomText(74)}T3BlbkFJ${randomText(74)}`, 'openai', 'api', 'certain'],
    [`sk-admin-${randomText(58)}T3BlbkFJ${randomText(58)}`, 'openai', 'admin', 'certain'],
    [`sk-${randomText(20)}T3BlbkFJ${randomText(20)}`, 'openai', 'api', 'certain'],
    [keys.xai(), 'xai', 'api', 'certain'],
    [`gsk_${randomText(52)}`, 'openai-compatible', 'api', 'certain'],
    [`AIza${randomText(35)}`, 'gemini', 'api', 'probable'],
    [`AQ.${randomText(50)}`, 'gemini', 'api', 'certain'],
    [keys.deepseek(), 'deepseek', 'api', 'probable'],
    ['{"type":"service_account","project_id":"p","private_key_id":"0123456789abcdef"}', 'vertex', 'service-account', 'certain'],
  ])('reads %s as %s (%s, %s)', (key, provider, kind, confidence) => {
    expect(detectProvider(key)).toMatchObject({ provider, kind, confidence, refusal: null });
  });

  it('tests the longest prefix first: sk-ant- and sk-proj- keys are never read as bare sk- or DeepSeek', () => {
    expect(detectProvider(`sk-ant-api03-${'a'.repeat(20)}`).provider).toBe('anthropic');
    expect(detectProvider(`sk-proj-${'a'.repeat(24)}`).provider).toBe('openai');
    expect(detectProvider(`sk-${'A'.repeat(48)}`).provider).toBeNull();
  });

  it('refuses Claude subscription tokens with an explanation', () => {
    for (const prefix of ['sk-ant-oat01-', 'sk-ant-ort01-']) {
      expect(detectProvider(`${prefix}${randomText(80)}`).refusal).toMatch(/subscription .* not an API key/);
    }
  });

  it('refuses a claude.ai session cookie, which also starts with sk-ant-', () => {
    expect(detectProvider(`sk-ant-sid01-${randomText(80)}`).refusal).toMatch(/session cookie/);
  });

  it('suggests the base URL an OpenRouter or Groq key implies', () => {
    expect(detectProvider(`sk-or-v1-${'a'.repeat(64)}`).suggestedBaseUrl).toBe('https://openrouter.ai/api/v1');
    expect(detectProvider(`gsk_${'a'.repeat(52)}`).suggestedBaseUrl).toBe('https://api.groq.com/openai/v1');
  });
});

describe('normalizeKeyInput', () => {
  it('trims, strips surrounding quotes and a leading Bearer', () => {
    const key = keys.openai();
    for (const pasted of [`  ${key}\n`, `"${key}"`, `'${key}'`, `Bearer ${key}`, `"Bearer ${key}"`, `bearer   ${key}`, `“${key}”`]) {
      expect(normalizeKeyInput(pasted)).toEqual({ ok: true, value: key });
    }
  });

  it('refuses inner whitespace and control characters', () => {
    expect(normalizeKeyInput('sk-abc def')).toMatchObject({ ok: false, reason: 'whitespace' });
    expect(normalizeKeyInput('sk-abc\u0000def')).toMatchObject({ ok: false, reason: 'control' });
    expect(normalizeKeyInput('sk-abc\u200bdef')).toMatchObject({ ok: false, reason: 'control' });
    expect(normalizeKeyInput('  ""  ')).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('refuses a 1 MB paste with a clear error', () => {
    // Speed is measured in bench/, not here; a hang or a quadratic scan would trip the test timeout.
    const result = normalizeKeyInput('x'.repeat(1_000_000));
    expect(result).toMatchObject({ ok: false, reason: 'too_long' });
  });

  it('keeps the whitespace inside a service-account JSON but requires it to parse', () => {
    const json = '{\n  "type": "service_account",\n  "private_key_id": "abc"\n}';
    expect(normalizeKeyInput(`  ${json}  `)).toEqual({ ok: true, value: json });
    expect(normalizeKeyInput('{ "type": ')).toMatchObject({ ok: false, reason: 'bad_json' });
  });

  it('keeps whitespace only in a Google credential JSON: any other JSON would be sent as a bearer token', () => {
    const user = '{\n  "type": "authorized_user",\n  "client_id": "x"\n}';
    expect(normalizeKeyInput(user)).toEqual({ ok: true, value: user });
    expect(normalizeKeyInput('{\r\n"a": 1}')).toMatchObject({ ok: false, reason: 'whitespace' });
    expect(normalizeKeyInput('{"a":"b\u200b"}')).toMatchObject({ ok: false, reason: 'control' });
    expect(normalizeKeyInput('{"token":"abc"}')).toEqual({ ok: true, value: '{"token":"abc"}' });
  });

  it('refuses "Bearer" with no key after it as empty, instead of saving the word as a key', () => {
    for (const pasted of ['Bearer', 'Bearer ', ' "bearer " ']) expect(normalizeKeyInput(pasted)).toMatchObject({ ok: false, reason: 'empty' });
  });
});

describe('maskKey', () => {
  it('shows the prefix and the last 4 characters only', () => {
    const key = keys.anthropic();
    expect(maskKey(key)).toBe(`sk-ant-api03-…${key.slice(-4)}`);
  });

  it('shows no more than the tail of short or unknown keys', () => {
    expect(maskKey('abcd1234')).toBe('…');
    expect(maskKey('unknownshape-0123456789')).toBe('…6789');
  });
});
