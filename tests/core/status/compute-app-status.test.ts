import { describe, expect, it } from 'vitest';
import { computeAppStatus, type CreditStanding, type HealthLevel, type StatusKey } from '../../../electron/core/status/compute-app-status';
import type { ProviderId } from '../../../shared/providers';
import { keyStates, type KeyState } from '../../../shared/vocabulary';

const key = (state: KeyState, provider: ProviderId = 'anthropic', id = `${provider}-${state}`, label = 'work'): StatusKey => ({ id, provider, label, state });
const credits = (available: number, low: boolean, runwayDays: number | null = null): CreditStanding => ({ available, low, runwayDays });
const health = (provider: ProviderId, level: HealthLevel) => ({ provider, level });

describe('computeAppStatus', () => {
  const expectedByKeyState: Record<KeyState, string> = {
    ok: 'ok',
    unchecked: 'ok',
    restricted: 'attention',
    rate_limited: 'attention',
    provider_down: 'attention',
    bad_endpoint: 'attention',
    unreachable: 'attention',
    timeout: 'attention',
    invalid_key: 'failing',
    no_credit: 'failing',
  };
  it.each(keyStates.map((state) => [state, expectedByKeyState[state]]))('one key in state %s gives %s', (state, status) => {
    expect(computeAppStatus({ keys: [key(state)], health: [], credits: null }).status).toBe(status);
  });

  it.each([
    ['operational', 'ok'],
    ['unknown', 'ok'],
    ['degraded', 'attention'],
    ['maintenance', 'attention'],
    ['outage', 'failing'],
  ] as const)('provider health %s with an ok key gives %s', (level, status) => {
    expect(computeAppStatus({ keys: [key('ok')], health: [health('anthropic', level)], credits: null }).status).toBe(status);
  });

  it('an outage at a provider the user has no key for changes nothing', () => {
    const report = computeAppStatus({ keys: [key('ok', 'openai')], health: [health('anthropic', 'outage')], credits: null });
    expect(report.status).toBe('ok');
    expect(report.providers.map((line) => line.provider)).toEqual(['openai']);
  });

  it('no keys and no credits is ok and says there are no keys yet', () => {
    const report = computeAppStatus({ keys: [], health: [], credits: null });
    expect(report).toMatchObject({ status: 'ok', headline: 'No keys yet', creditsLine: null, lines: ['No keys yet'] });
    expect(report.tooltip).toBe('NOME Settings: No keys yet');
  });

  it('only unchecked keys say they are not checked yet', () => {
    expect(computeAppStatus({ keys: [key('unchecked')], health: [], credits: null }).headline).toBe('Keys not checked yet');
  });

  it('low credits alone give low_credits with the balance in the headline', () => {
    const report = computeAppStatus({ keys: [key('ok')], health: [], credits: credits(120.7, true, 2.4) });
    expect(report.status).toBe('low_credits');
    expect(report.headline).toBe('Credits low: 120 left');
    expect(report.creditsLine).toBe('Credits: 120 available (low) · about 2 days left');
  });

  it('failing outranks low credits', () => {
    expect(computeAppStatus({ keys: [key('invalid_key')], health: [], credits: credits(5, true) }).status).toBe('failing');
    expect(computeAppStatus({ keys: [key('ok')], health: [health('anthropic', 'outage')], credits: credits(5, true) }).status).toBe('failing');
  });

  it('low credits outrank attention', () => {
    expect(computeAppStatus({ keys: [key('rate_limited')], health: [], credits: credits(5, true) }).status).toBe('low_credits');
    expect(computeAppStatus({ keys: [key('ok')], health: [health('anthropic', 'degraded')], credits: credits(5, true) }).status).toBe('low_credits');
  });

  it('credits that are not low leave the key status alone and still show their line', () => {
    const report = computeAppStatus({ keys: [key('restricted')], health: [], credits: credits(48_000, false, 31.6) });
    expect(report.status).toBe('attention');
    expect(report.creditsLine).toBe('Credits: 48,000 available · about 32 days left');
    expect(report.lines.at(-1)).toBe(report.creditsLine);
  });

  it('one failing key among ok keys makes the whole app failing', () => {
    const keys = [key('ok', 'openai'), key('ok', 'gemini'), key('no_credit', 'deepseek', 'd1', 'main')];
    const report = computeAppStatus({ keys, health: [], credits: null });
    expect(report.status).toBe('failing');
    expect(report.headline).toBe('DeepSeek key "main" out of credit');
  });

  it('a failing key outranks an attention key in the headline, and extra problems are counted', () => {
    const keys = [key('rate_limited', 'openai'), key('invalid_key', 'anthropic', 'a1', 'personal'), key('no_credit', 'xai', 'x1', 'grok')];
    expect(computeAppStatus({ keys, health: [], credits: null }).headline).toBe('Anthropic key "personal" invalid (+1 more)');
  });

  it('an outage names the provider in the headline', () => {
    const report = computeAppStatus({ keys: [key('ok', 'openai')], health: [health('openai', 'outage')], credits: null });
    expect(report.headline).toBe('OpenAI major outage');
  });

  it('gives one line per provider in catalog order, with key states and health', () => {
    const keys = [key('ok', 'openai', 'o1'), key('ok', 'openai', 'o2'), key('invalid_key', 'anthropic', 'a1'), key('ok', 'anthropic', 'a2'), key('ok', 'xai')];
    const report = computeAppStatus({ keys, health: [health('openai', 'degraded'), health('xai', 'operational')], credits: null });
    expect(report.providers).toEqual([
      { provider: 'openai', level: 'attention', line: 'OpenAI: 2 keys ok · degraded service' },
      { provider: 'anthropic', level: 'failing', line: 'Anthropic: 1 invalid, 1 ok' },
      { provider: 'xai', level: 'ok', line: 'xAI: key ok' },
    ]);
    expect(report.lines).toEqual([report.headline, ...report.providers.map((line) => line.line)]);
  });

  it('all keys ok with credits fine is ok', () => {
    const report = computeAppStatus({ keys: [key('ok'), key('ok', 'openai')], health: [health('openai', 'operational')], credits: credits(900, false) });
    expect(report).toMatchObject({ status: 'ok', headline: 'All keys ok', creditsLine: 'Credits: 900 available' });
  });
});
