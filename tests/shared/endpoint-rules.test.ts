import { describe, expect, it } from 'vitest';
import { checkBaseUrl, checkHeader, foreignHostWarning, isLocalHost, parseHeaderLine } from '../../shared/endpoint-rules';
import { keys } from '../core/vault/vault-fixtures';

describe('checkBaseUrl', () => {
  it('accepts http and https, and drops a trailing slash', () => {
    expect(checkBaseUrl('https://api.example.com/v1/')).toEqual({ ok: true, url: 'https://api.example.com/v1', host: 'api.example.com', warning: null });
  });

  it.each(['ftp://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url', 'https://u:p@example.com', 'https://example.com/v1#x', 'https://example.com/v1?key=1', ''])(
    'refuses %j',
    (raw) => {
      expect(checkBaseUrl(raw).ok).toBe(false);
    },
  );

  it('allows plain http without a warning only for loopback and private addresses', () => {
    for (const url of ['http://localhost:11434/v1', 'http://127.0.0.1:8080', 'http://[::1]:8000/v1', 'http://10.0.0.5/v1', 'http://192.168.1.9:1234/v1', 'http://172.20.0.1/v1']) {
      expect(checkBaseUrl(url)).toMatchObject({ ok: true, warning: null });
    }
    for (const url of ['http://api.example.com/v1', 'http://172.32.0.1/v1', 'http://8.8.8.8/v1']) {
      expect(checkBaseUrl(url)).toMatchObject({ ok: true, warning: expect.stringMatching(/unencrypted/) });
    }
  });

  it('knows the private ranges', () => {
    expect(isLocalHost('fd12:3456::1')).toBe(true);
    expect(isLocalHost('fe80::1')).toBe(true);
    expect(isLocalHost('example.com')).toBe(false);
  });
});

describe('checkHeader', () => {
  it('accepts token names and refuses CR/LF in values', () => {
    expect(checkHeader('X-Api-Key', 'v')).toEqual({ ok: true, name: 'X-Api-Key' });
    expect(checkHeader('X Bad', 'v').ok).toBe(false);
    expect(checkHeader('X-Ok', 'a\r\nHost: evil').ok).toBe(false);
    expect(checkHeader('X-Ok', 'a\nb').ok).toBe(false);
  });

  it('refuses headers the HTTP layer owns', () => {
    for (const name of ['Host', 'content-length', 'Transfer-Encoding', 'Proxy-Authorization', 'Connection']) expect(checkHeader(name, 'x').ok).toBe(false);
  });

  it('parses a CLI "Name: value" line', () => {
    expect(parseHeaderLine('X-Team:  abc:def ')).toEqual({ name: 'X-Team', value: 'abc:def' });
    expect(parseHeaderLine('novalue')).toBeNull();
  });
});

describe('foreignHostWarning', () => {
  it('warns when a first-party key goes to a host that is not its provider’s API host', () => {
    expect(foreignHostWarning(keys.anthropic(), 'openai-compatible', 'https://gateway.example.com/v1')).toMatch(/gateway\.example\.com.*api\.anthropic\.com/);
    expect(foreignHostWarning(keys.openai(), 'openai', 'https://openai-proxy.example.com/v1')).toMatch(/openai-proxy/);
    expect(foreignHostWarning(keys.anthropic(), 'openai', null)).toMatch(/api\.openai\.com/);
  });

  it('stays quiet for the provider’s own host and for keys with no home', () => {
    expect(foreignHostWarning(keys.anthropic(), 'anthropic', null)).toBeNull();
    expect(foreignHostWarning(keys.openai(), 'openai', 'https://api.openai.com/v1')).toBeNull();
    expect(foreignHostWarning('local-key-123456', 'openai-compatible', 'http://localhost:8000/v1')).toBeNull();
    expect(foreignHostWarning(keys.deepseek(), 'openai-compatible', 'https://api.together.xyz/v1')).toBeNull();
  });
});
