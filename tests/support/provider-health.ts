// One provider's platform health as status-pages:list gives it (ProviderHealth), for tests that read it rather than
// produce it: Anthropic with its Claude API component operational, unless a patch says otherwise. The component's
// id and name are the status-page emulator's, the page the status-pages service tests read them from.
import type { ProviderHealth } from '../../shared/channels/status-pages';
import { pageComponent } from '../emulators/status-page-emulator';

const claudeApi = pageComponent('anthropic', 'Claude API (api.anthropic.com)');

/** The `api` list of an Anthropic reading: the Claude API component in this status. */
export const claudeApiComponent = (status: string, indicator: ProviderHealth['indicator']): ProviderHealth['api'] => [{ ...claudeApi, status, indicator }];

export function providerHealth(patch: Partial<ProviderHealth> = {}): ProviderHealth {
  return {
    provider: 'anthropic',
    name: 'Anthropic',
    pageUrl: 'https://status.claude.com',
    indicator: 'none',
    description: `${claudeApi.name} operational`,
    scope: 'api',
    api: claudeApiComponent('operational', 'none'),
    page: { indicator: 'none', description: 'All Systems Operational' },
    incidents: [],
    otherIncidents: [],
    note: null,
    answeredBy: 'status.claude.com',
    fetchedAt: '2026-12-03T12:00:00.000Z',
    stale: false,
    error: null,
    nextRefreshAt: null,
    ...patch,
  };
}
