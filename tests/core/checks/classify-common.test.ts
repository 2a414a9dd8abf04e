// The shared classification pieces: Retry-After in both forms, the status-only fallback, non-JSON answers.
import { describe, expect, it } from 'vitest';
import { notJsonVerdict, retryAfterSeconds, stateFromStatus } from '../../../electron/core/checks/classify-common';

describe('classify common', () => {
  it('Retry-After as seconds', () => {
    expect(retryAfterSeconds({ 'retry-after': '12' })).toBe(12);
  });

  it('Retry-After as an HTTP date is measured against the answer’s own Date header', () => {
    expect(retryAfterSeconds({ 'retry-after': 'Thu, 03 Dec 2026 12:01:00 GMT', date: 'Thu, 03 Dec 2026 12:00:30 GMT' })).toBe(30);
  });

  it('a Retry-After that is neither is ignored', () => {
    expect(retryAfterSeconds({ 'retry-after': 'soon' })).toBeNull();
    expect(retryAfterSeconds({})).toBeNull();
  });

  it.each([
    [200, 'ok'],
    [401, 'invalid_key'],
    [402, 'no_credit'],
    [403, 'restricted'],
    [404, 'bad_endpoint'],
    [408, 'timeout'],
    [429, 'rate_limited'],
    [500, 'provider_down'],
    [529, 'provider_down'],
  ] as const)('status %i alone is %s', (status, state) => {
    expect(stateFromStatus(status)).toBe(state);
  });

  it('an HTML 200 is named as an HTML page', () => {
    expect(notJsonVerdict(200, '<!doctype html><html></html>')).toMatchObject({ state: 'bad_endpoint', message: "HTTP 200 answered with an HTML page, not the provider's API" });
  });
});
