// Every panel, light and dark: zero axe violations (WCAG 2.2 A/AA, contrast included), and a screenshot of
// each kept in e2e/artifacts/ for review. Runs on `serve --demo` with keys in several states, a fixture home with
// every CLI signed in (never the machine's own home) and local-server emulators in every state.
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, rmSync } from 'node:fs';
import { expect, startServeHost, test, type ServeHost } from './support/serve-host';
import { anthropicKey } from './support/key-helpers';
import { startProviderEmulator, type ProviderEmulator } from '../tests/emulators/provider-emulator';
import { closedLoopbackUrl, startLocalServerEmulator, type LocalServerEmulator } from '../tests/emulators/local-servers';
import { pageComponent, startStatusPageEmulator, statuspageIncident, statuspageSummary, type StatusPageEmulator } from '../tests/emulators/status-page-emulator';
import { mergedHome } from '../tests/fixtures/homes/fixture-homes';

const panels = [
  { id: 'keys', heading: 'Keys' },
  { id: 'credits', heading: 'Credits' },
  { id: 'seats', heading: 'Sign-ins & local models' },
  { id: 'receipts', heading: 'Receipts' },
] as const;
const schemes = ['light', 'dark'] as const;
const artifacts = 'e2e/artifacts';

let host: ServeHost;
let emulator: ProviderEmulator;
let statusPages: StatusPageEmulator;
let home: string;
const localServers: LocalServerEmulator[] = [];

test.beforeAll(async ({ browser }) => {
  mkdirSync(artifacts, { recursive: true });
  emulator = await startProviderEmulator();
  home = mergedHome();
  const [ollama, llama, vllm] = await Promise.all([
    startLocalServerEmulator('ollama'),
    startLocalServerEmulator('llama-cpp', 'starting'),
    startLocalServerEmulator('vllm', 'needs_key'),
  ]);
  localServers.push(ollama, llama, vllm);
  // Provider health under the key groups: Anthropic's API degraded with a claude.ai incident beside it (the
  // secondary line), OpenAI's page unreadable (unknown); the rest answer 404 and have no keys here.
  statusPages = await startStatusPageEmulator();
  statusPages.set('/anthropic.json', {
    status: 200,
    body: statuspageSummary('anthropic', {
      statuses: { 'Claude API (api.anthropic.com)': 'partial_outage', 'claude.ai': 'degraded_performance' },
      incidents: [
        statuspageIncident('api1', 'Elevated API errors', 'identified', 'major', [pageComponent('anthropic', 'Claude API (api.anthropic.com)')]),
        statuspageIncident('web1', 'Slow claude.ai', 'investigating', 'minor', [pageComponent('anthropic', 'claude.ai')]),
      ],
    }),
  });
  const pagesEnv = Object.fromEntries(['OPENAI', 'ANTHROPIC', 'DEEPSEEK', 'XAI', 'VERTEX'].map((p) => [`NOME_STATUS_PAGE_${p}`, `${statusPages.url}/${p.toLowerCase()}.json`]));
  host = await startServeHost({
    args: ['--demo'],
    env: { HOME: home, OLLAMA_HOST: ollama.url, NOME_LLAMACPP_URL: llama.url, NOME_VLLM_URL: vllm.url, NOME_LMSTUDIO_URL: await closedLoopbackUrl(), NOME_STATUS_PAGES: 'on', ...pagesEnv },
  });
  const good = anthropicKey();
  const { baseUrl } = emulator.mount({ provider: 'anthropic', key: good });
  const page = await browser.newPage();
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Keys' })).toBeVisible();
  // Keys in several states, so every chip colour is on the page when axe measures contrast.
  await page.evaluate(
    async ([secret, wrong, url]) => {
      const nome = window.nome!;
      try {
        await nome['keys:add']({ provider: 'anthropic', secret: secret!, baseUrl: url!, label: 'Personal', allowForeignHost: true });
        await nome['keys:add']({ provider: 'anthropic', secret: wrong!, baseUrl: url!, label: 'Old laptop', allowForeignHost: true, force: true });
        await nome['keys:add']({ provider: 'openai', secret: `sk-proj-${'a1'.repeat(24)}`, label: 'Team', check: false });
      } catch (error) {
        // A wire error is a plain object; make its code and message readable in the report.
        throw new Error(JSON.stringify(error));
      }
    },
    [good, anthropicKey(), baseUrl],
  );
  await page.close();
});

test.afterAll(async () => {
  await host.stop();
  await emulator.close();
  await statusPages.close();
  await Promise.all(localServers.splice(0).map((server) => server.close()));
  rmSync(home, { recursive: true, force: true });
});

for (const scheme of schemes) {
  for (const panel of panels) {
    test(`${panel.heading} has no axe violations in ${scheme}`, async ({ page, pageErrors }) => {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${host.url}#/${panel.id}`);
      await expect(page.getByRole('heading', { level: 1, name: panel.heading })).toBeVisible();
      // Let the panel's data arrive before measuring (loading text gone).
      await expect(page.getByText(/Loading/)).toHaveCount(0);
      if (panel.id === 'keys') {
        await expect(page.getByRole('listitem', { name: /Personal/ }).getByText('Working')).toBeVisible();
        // Provider health lines in warn and unknown tones, with the secondary (non-API) incident line.
        await expect(page.getByRole('group', { name: 'Anthropic platform status' })).toContainText('Elsewhere on the page, not the API: Slow claude.ai (claude.ai)');
        await expect(page.getByRole('group', { name: 'OpenAI platform status' })).toContainText('Status unknown');
      }
      if (panel.id === 'seats') {
        // Every chip tone is drawn: signed in, running, starting, needs a key, not running; and the lane table.
        await expect(page.getByRole('listitem', { name: /^Signed in to Claude Code/ })).toBeVisible();
        for (const chip of ['Running', 'Starting', 'Needs a key', 'Not running']) await expect(page.getByText(chip, { exact: true })).toBeVisible();
        await expect(page.getByRole('table', { name: /Which lane each model family takes/ })).toBeVisible();
      }
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
      await page.screenshot({ path: `${artifacts}/${panel.id}-${scheme}.png`, fullPage: true });
      const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(summary).toEqual([]);
      expect(pageErrors).toEqual([]);
    });
  }
  test(`Add key feedback (detected provider, foreign host, rejected key) has no axe violations in ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(host.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Keys' })).toBeVisible();
    const { baseUrl } = emulator.mount({ provider: 'anthropic', key: anthropicKey() });
    await page.getByLabel('Base URL (optional)').fill(baseUrl);
    await page.getByRole('textbox', { name: 'API key', exact: true }).fill(anthropicKey());
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'Add key' });
    await expect(form.getByRole('button', { name: 'Send it there anyway' })).toBeVisible();
    const tags = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];
    expect((await new AxeBuilder({ page }).include('form.add-key').withTags(tags).analyze()).violations.map((v) => v.id)).toEqual([]);
    await form.getByRole('button', { name: 'Send it there anyway' }).click();
    await expect(form.getByText('Key rejected')).toBeVisible();
    expect((await new AxeBuilder({ page }).include('form.add-key').withTags(tags).analyze()).violations.map((v) => v.id)).toEqual([]);
    await form.screenshot({ path: `${artifacts}/add-key-rejected-${scheme}.png` });
  });

  test(`the shortcut sheet has no axe violations in ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(host.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Keys' })).toBeVisible();
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    const results = await new AxeBuilder({ page }).include('dialog').withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
    await page.screenshot({ path: `${artifacts}/shortcuts-${scheme}.png` });
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });
}
