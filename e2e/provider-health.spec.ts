// Provider platform health in the Keys panel, apart from key state: serve reads the loopback status-page
// emulator (NOME_STATUS_PAGE_<PROVIDER>), the page shows it under the provider's group header and follows
// status-pages:changed. A claude.ai-only incident leaves the API line operational; an API outage shows as an
// outage while the key itself still says Working.
import { expect, startServeHost, test, type ServeHost } from './support/serve-host';
import { anthropicKey } from './support/key-helpers';
import { startProviderEmulator, type ProviderEmulator } from '../tests/emulators/provider-emulator';
import { pageComponent, startStatusPageEmulator, statuspageIncident, statuspageSummary, type StatusPageEmulator } from '../tests/emulators/status-page-emulator';

let providers: ProviderEmulator;
let pages: StatusPageEmulator;
let host: ServeHost;

const summaryPath = '/anthropic/api/v2/summary.json';
const claudeAi = pageComponent('anthropic', 'claude.ai');
const claudeApi = pageComponent('anthropic', 'Claude API (api.anthropic.com)');

test.beforeAll(async () => {
  providers = await startProviderEmulator();
  pages = await startStatusPageEmulator();
  pages.set(summaryPath, {
    status: 200,
    body: statuspageSummary('anthropic', {
      statuses: { 'claude.ai': 'partial_outage' },
      incidents: [statuspageIncident('web1', 'Elevated errors on claude.ai', 'investigating', 'major', [claudeAi])],
    }),
  });
  // Every page points at the emulator; the ones a spec does not set answer 404 (never the real internet).
  host = await startServeHost({
    env: {
      NOME_STATUS_PAGES: 'on',
      NOME_STATUS_PAGE_OPENAI: `${pages.url}/openai.json`,
      NOME_STATUS_PAGE_ANTHROPIC: `${pages.url}${summaryPath}`,
      NOME_STATUS_PAGE_DEEPSEEK: `${pages.url}/deepseek.json`,
      NOME_STATUS_PAGE_XAI: `${pages.url}/xai.xml`,
      NOME_STATUS_PAGE_VERTEX: `${pages.url}/vertex.json`,
    },
  });
});

test.afterAll(async () => {
  await host.stop();
  await providers.close();
  await pages.close();
});

/** What another client (the CLI, another window) does: a forced read, which core announces to every page. */
async function refreshFromAnotherClient(): Promise<void> {
  const response = await fetch(`${host.origin}/ipc/status-pages:list`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ refresh: true }),
  });
  expect(response.ok).toBe(true);
}

test('a claude.ai-only incident leaves the API operational; an API outage is an outage while the key still says Working', async ({ page, pageErrors }) => {
  const secret = anthropicKey();
  const { baseUrl } = providers.mount({ provider: 'anthropic', key: secret });
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Keys', level: 1 })).toBeVisible();
  await page.evaluate(([key, url]) => window.nome!['keys:add']({ provider: 'anthropic', secret: key!, baseUrl: url!, label: 'Personal', allowForeignHost: true }).then(() => undefined), [secret, baseUrl]);

  const card = page.getByRole('listitem', { name: /Anthropic key Personal/ });
  const health = page.getByRole('group', { name: 'Anthropic platform status' });
  await expect(card.locator('.state .chip')).toHaveText('State: Working');
  await expect(health.locator('.health-main')).toContainText(/^Platform status:API operational·/);
  await expect(health).toContainText('Elsewhere on the page, not the API: Elevated errors on claude.ai (claude.ai)');
  await expect(health.locator('time')).toHaveText('read just now');
  await expect(health.getByRole('link', { name: 'Anthropic status page (opens in your browser)' })).toHaveAttribute('href', 'https://status.claude.com');
  // The health line is the group's, outside every key card, and is no state chip.
  await expect(card.getByText(/API operational/)).toHaveCount(0);
  await expect(health.locator('.chip')).toHaveCount(0);

  // The Claude API component goes down. The page never polls: another client's read makes core announce it.
  pages.set(summaryPath, {
    status: 200,
    body: statuspageSummary('anthropic', {
      statuses: { 'claude.ai': 'partial_outage', 'Claude API (api.anthropic.com)': 'major_outage' },
      incidents: [
        statuspageIncident('api1', 'Claude API unavailable', 'identified', 'critical', [claudeApi]),
        statuspageIncident('web1', 'Elevated errors on claude.ai', 'investigating', 'major', [claudeAi]),
      ],
    }),
  });
  await refreshFromAnotherClient();
  await expect(health).toContainText('Major outage: Claude API unavailable');
  await expect(health).toContainText('Elsewhere on the page, not the API: Elevated errors on claude.ai (claude.ai)');
  await expect(health).toHaveAttribute('data-indicator', 'major');
  // The live region reads the change out; the key's own state is untouched by the provider's outage.
  await expect(page.locator('div.visually-hidden[aria-live="polite"]')).toContainText('Anthropic platform status: Major outage: Claude API unavailable.');
  await expect(card.locator('.state .chip')).toHaveText('State: Working');
  await expect(card).not.toContainText('outage');

  // The page stops answering: the last reading stays, said to be the last one, and the key is still Working.
  pages.set(summaryPath, { status: 503, contentType: 'text/html', body: '<html>Service Unavailable</html>' });
  await refreshFromAnotherClient();
  await expect(health).toContainText('The status page could not be read again (HTTP 503); this is the last reading.');
  await expect(health).toContainText('Major outage: Claude API unavailable');
  await expect(card.locator('.state .chip')).toHaveText('State: Working');
  expect(pageErrors).toEqual([]);
});

test('a provider whose page cannot be read says so plainly', async ({ page, pageErrors }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Keys', level: 1 })).toBeVisible();
  await page.evaluate(() => window.nome!['keys:add']({ provider: 'openai', secret: `sk-proj-${'b2'.repeat(24)}`, label: 'Team', check: false }).then(() => undefined));
  const health = page.getByRole('group', { name: 'OpenAI platform status' });
  await expect(health).toContainText('Status unknown: the status page could not be read (HTTP 404)');
  await expect(health).toContainText('never read');
  await expect(health.getByRole('link', { name: 'OpenAI status page (opens in your browser)' })).toHaveAttribute('href', 'https://status.openai.com');
  expect(pageErrors).toEqual([]);
});
