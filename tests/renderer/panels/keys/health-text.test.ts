import { describe, expect, it } from 'vitest';
import type { HealthIncident } from '../../../../shared/channels/status-pages';
import { describeHealth, describeHealthChanges } from '../../../../renderer/panels/keys/health-text';
import { claudeApiComponent as component, providerHealth as health } from '../../../support/provider-health';

const incident = (name: string, components: string[]): HealthIncident => ({ id: name, name, impact: 'minor', status: 'investigating', startedAt: null, url: null, components });

describe('describeHealth', () => {
  it('a claude.ai-only incident: the API line stays operational and the incident is secondary', () => {
    const text = describeHealth(health({ page: { indicator: 'major', description: 'Partial System Outage' }, otherIncidents: [incident('Elevated errors on claude.ai', ['claude.ai'])] }));
    expect(text).toEqual({ headline: 'API operational', tone: 'ok', incidents: [], other: ['Elevated errors on claude.ai (claude.ai)'], caveat: null });
  });

  it('an API component outage names its kind and the incident behind it', () => {
    expect(describeHealth(health({ indicator: 'minor', api: component('partial_outage', 'minor'), incidents: [incident('Elevated API errors', ['Claude API (api.anthropic.com)'])] }))).toMatchObject({
      headline: 'Partial outage',
      tone: 'warn',
      incidents: ['Elevated API errors'],
    });
    expect(describeHealth(health({ indicator: 'major', api: component('major_outage', 'major') }))).toMatchObject({ headline: 'Major outage', tone: 'danger' });
    expect(describeHealth(health({ indicator: 'minor', api: component('degraded_performance', 'minor') })).headline).toBe('Degraded performance');
    expect(describeHealth(health({ indicator: 'maintenance', api: component('under_maintenance', 'maintenance') }))).toMatchObject({ headline: 'Under maintenance', tone: 'info' });
  });

  it('a page-wide reading says it is the whole page, not the API', () => {
    expect(describeHealth(health({ provider: 'xai', scope: 'page', api: [], indicator: 'minor', incidents: [incident('Grok API errors', [])] }))).toMatchObject({ headline: 'Whole status page: degraded', incidents: ['Grok API errors'] });
    expect(describeHealth(health({ scope: 'page', api: [], note: 'The summary has no Claude API component; this is the page-wide status' }))).toMatchObject({
      headline: 'Whole status page operational',
      caveat: 'The summary has no Claude API component; this is the page-wide status',
    });
  });

  it('unknown is said plainly: not read yet, could not be read (with the reason), or a status it does not know', () => {
    expect(describeHealth(health({ indicator: 'unknown', fetchedAt: null, api: [], page: null, answeredBy: null }))).toMatchObject({ headline: 'Status unknown: not read yet', tone: 'neutral' });
    expect(describeHealth(health({ indicator: 'unknown', fetchedAt: null, stale: true, error: 'HTTP 405', api: [], page: null }))).toMatchObject({
      headline: 'Status unknown: the status page could not be read (HTTP 405)',
      caveat: null,
    });
    expect(describeHealth(health({ indicator: 'unknown', api: component('exploded', 'unknown') })).headline).toBe('Status unknown: the page gave a status this app does not know');
  });

  it('a stale reading keeps its words and says it could not be refreshed; a fallback host is said through the note', () => {
    expect(describeHealth(health({ stale: true, error: 'HTTP 503', note: 'Read from anthropic.statuspage.io: status.claude.com answered HTTP 405' })).caveat).toBe(
      'The status page could not be read again (HTTP 503); this is the last reading. Read from anthropic.statuspage.io: status.claude.com answered HTTP 405',
    );
  });
});

describe('describeHealthChanges', () => {
  it('announces a change of a provider the user has keys for, and nothing else', () => {
    const before = [health(), health({ provider: 'openai', name: 'OpenAI' })];
    const after = [
      health({ indicator: 'major', api: component('major_outage', 'major'), incidents: [incident('API down', [])] }),
      health({ provider: 'openai', name: 'OpenAI', indicator: 'major', api: [] }),
    ];
    expect(describeHealthChanges(before, after, new Set(['anthropic']))).toEqual(['Anthropic platform status: Major outage: API down.']);
    expect(describeHealthChanges(before, before, new Set(['anthropic', 'openai']))).toEqual([]);
    // A new age alone (the page read again) is not news.
    expect(describeHealthChanges(before, [health({ fetchedAt: '2026-12-03T12:05:00.000Z' })], new Set(['anthropic']))).toEqual([]);
  });
});
