import { describe, expect, it } from 'vitest';
import { base64Core, formsOf } from '../../../electron/core/scrub/known-secret-forms';
import { createScrubber } from '../../../electron/core/scrub/scrubber';
import { body } from './scrub-support';

// A vault secret with no recognisable shape, so only the known-secret layer can find it.
const secret = `Zq${body(30)}!/+`;
const header = `tenant-${body(20, undefined, 9)}`;
/** A header value or custom key with the characters encoders disagree on: space, `!*'()~`, `<&>`, non-ASCII. */
const symbolic = `p<a&b> ${body(16, undefined, 11)}!*'(~)é🙂`;

function scrubberKnowing(...secrets: string[]) {
  const scrubber = createScrubber();
  scrubber.setKnownSecrets(secrets);
  return scrubber;
}

const b64 = (text: string) => Buffer.from(text).toString('base64');
const b64url = (text: string) => Buffer.from(text).toString('base64url');

describe('known secrets', () => {
  const scrubber = scrubberKnowing(secret, header, symbolic);

  it.each([
    ['raw', (s: string) => `value ${s} end`],
    ['base64, alone', (s: string) => `blob ${b64(s)} end`],
    ['base64 at byte offset 0 of a blob', (s: string) => `blob ${b64(`${s}{"more":"json"}`)} end`],
    ['base64 at byte offset 1 of a blob', (s: string) => `blob ${b64(`x${s}{"more":1}`)} end`],
    ['base64 at byte offset 2 of a blob', (s: string) => `blob ${b64(`xy${s}tail`)} end`],
    ['base64url at each offset', (s: string) => `${b64url(s)} ${b64url(`a${s}`)} ${b64url(`ab${s}`)}`],
    ['lower-case hex', (s: string) => `hex ${Buffer.from(s).toString('hex')} end`],
    ['upper-case hex', (s: string) => `hex ${Buffer.from(s).toString('hex').toUpperCase()} end`],
    ['URL-encoded', (s: string) => `GET /x?auth=${encodeURIComponent(s)}&y=1`],
    ['JSON-escaped', (s: string) => `{"v":${JSON.stringify(s)}}`],
    ['JSON-escaped twice', (s: string) => JSON.stringify({ log: JSON.stringify({ v: s }) })],
  ])('a vault secret is removed in its %s form', (_form, encode) => {
    const input = encode(secret);
    const output = scrubber.scrub(input);
    expect(output).toContain('[redacted');
    expect(output).not.toContain(secret);
    // No run of the encoded secret's fixed characters survives either.
    for (const form of formsOf(secret)) expect(output).not.toContain(form.text);
  });

  const pythonAscii = (s: string) => JSON.stringify(s).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  it.each([
    ['encodeURIComponent', (s: string) => `?v=${encodeURIComponent(s)}&n=1`],
    ['encodeURIComponent, lower-case escapes', (s: string) => `?v=${encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())}&n=1`],
    ['form body (URLSearchParams, space as +)', (s: string) => new URLSearchParams({ grant_type: 'x', client_secret: s }).toString()],
    ['RFC 3986 (curl --data-urlencode, Python quote safe="")', (s: string) => `v=${encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`],
    ['Python quote with its default safe "/"', (s: string) => `/p/${encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%2F/g, '/')}`],
    ['encodeURI (a whole URL)', (s: string) => `GET ${encodeURI(`https://h/${s}/x`)}`],
    ['JSON, Go HTML-safe escapes', (s: string) => `{"v":${JSON.stringify(s).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`)}}`],
    ['JSON, Python ensure_ascii', (s: string) => `{"v": ${pythonAscii(s)}}`],
  ])('every URL and JSON dialect of a secret with special characters is removed: %s', (_form, encode) => {
    for (const known of [secret, symbolic]) {
      const input = encode(known);
      const output = scrubber.scrub(input);
      expect(output, input).toContain('[redacted:known-secret]');
      expect(output).not.toContain(body(16, undefined, 11));
      expect(output).not.toContain(known.slice(2, 20));
    }
  });

  it('a registered header value is removed even though it has no secret shape', () => {
    expect(scrubber.scrub(`X-Tenant: ${header}`)).toBe('X-Tenant: [redacted:known-secret]');
  });

  it('a known secret of a known family keeps its family prefix', () => {
    const key = `sk-ant-api03-${body(93)}AA`;
    expect(scrubberKnowing(key).scrub(`k ${key}`)).toBe('k sk-ant-…[redacted:anthropic]');
  });

  it('is kept current: a replaced key is no longer searched, the new one is', () => {
    const live = createScrubber();
    const next = `Qp${body(28, undefined, 77)}`;
    live.setKnownSecrets([secret]);
    live.setKnownSecrets([next]);
    expect(live.scrub(`a ${next} b`)).toBe('a [redacted:known-secret] b');
    expect(live.scrub(`a ${secret} b`)).toBe(`a ${secret} b`); // shapeless, so only a known secret would catch it
  });

  it('ignores secrets too short to search for without matching ordinary words', () => {
    expect(scrubberKnowing('abc', 'hunter2').scrub('abc hunter2 text')).toBe('abc hunter2 text');
  });

  it('finds 50 secrets at once, each in several forms', () => {
    const many = Array.from({ length: 50 }, (_, i) => `S${i}${body(30, undefined, i + 100)}`);
    const many1 = scrubberKnowing(...many);
    const input = many.map((s, i) => (i % 3 === 0 ? s : i % 3 === 1 ? b64(`_${s}`) : Buffer.from(s).toString('hex'))).join(' | ');
    const output = many1.scrub(input);
    for (const s of many) expect(output).not.toContain(s);
    expect(output.match(/\[redacted/g)).toHaveLength(50);
  });
});

describe('base64Core', () => {
  it('keeps exactly the characters the secret alone decides, at every offset', () => {
    const bytes = new TextEncoder().encode(secret);
    for (const offset of [0, 1, 2] as const) {
      const core = base64Core(bytes, offset);
      for (const before of ['', 'a', 'ab', 'abc']) {
        if (before.length % 3 !== offset) continue;
        for (const after of ['', 'z', 'zz', '{"x":1}']) expect(b64(before + secret + after)).toContain(core);
      }
    }
  });
});
