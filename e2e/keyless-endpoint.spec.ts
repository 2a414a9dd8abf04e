// A keyless local endpoint by keyboard alone: choose OpenAI-compatible, tick "This endpoint needs no key",
// leave the key field empty, give the loopback server's base URL, Enter; it is Working with its model list,
// and the server never received an Authorization header.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './support/serve-host';
import { emulatedModels, startLocalServerEmulator, type LocalServerEmulator } from '../tests/emulators/local-servers';

let local: LocalServerEmulator;
test.beforeAll(async () => {
  local = await startLocalServerEmulator('custom');
});
test.afterAll(async () => {
  await local.close();
});

test('add a keyless OpenAI-compatible endpoint by keyboard and see it Working with its models', async ({ page, serve, pageErrors }) => {
  await page.goto(serve.url);
  await expect(page.getByRole('heading', { name: 'Keys', level: 1 })).toBeVisible();
  await page.keyboard.press('Alt+N');
  const field = page.getByRole('textbox', { name: 'API key', exact: true });
  await expect(field).toBeFocused();

  // Provider: arrow down the list to OpenAI-compatible (the last entry).
  await page.keyboard.press('Tab');
  const provider = page.getByLabel('Provider');
  await expect(provider).toBeFocused();
  for (let i = 0; i < 10 && (await provider.inputValue()) !== 'openai-compatible'; i++) await page.keyboard.press('ArrowDown');
  await expect(provider).toHaveValue('openai-compatible');

  // The no-key choice appears right after the provider, named for assistive technology.
  const noKey = page.getByRole('checkbox', { name: 'This endpoint needs no key' });
  await expect(noKey).toBeVisible();
  await expect(noKey).toHaveAccessibleDescription(/local server such as Ollama/);
  await expect(noKey).not.toBeChecked();
  const scan = await new AxeBuilder({ page }).include('.add-key').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(scan.violations.map((violation) => violation.id)).toEqual([]);

  // Label, then base URL; Enter without a key and without the tick says what to do.
  await page.keyboard.press('Tab');
  await expect(noKey).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.type('Local server');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Base URL', { exact: true })).toBeFocused();
  await page.keyboard.type(local.url);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Paste a key first. If this endpoint needs none, tick “This endpoint needs no key”.' })).toBeVisible();
  expect(local.requests).toEqual([]);

  // Back to the tick (Shift+Tab twice), Space, and Enter from the base URL field saves it.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(noKey).toBeFocused();
  await page.keyboard.press('Space');
  await expect(noKey).toBeChecked();
  await expect(page.getByText('This endpoint needs no key: leave this field empty.')).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('main').getByText('Saved OpenAI-compatible endpoint with no key: Working.')).toBeVisible();
  const models = `Models: ${[...emulatedModels.custom].sort().join(', ')}`;
  await expect(page.getByRole('main').getByText(models)).toBeVisible();
  await expect(page.getByRole('status')).toContainText(models);
  const card = page.getByRole('listitem', { name: /OpenAI-compatible endpoint key Local server/ });
  await expect(card.getByText('Working')).toBeVisible();
  await expect(card.locator('.key-masked')).toHaveText('no key');
  await expect(card.getByText(local.url)).toBeVisible();

  // The check and the model list (and any scheduled re-check) went to /models, none with an Authorization header.
  expect(local.requests.length).toBeGreaterThanOrEqual(2);
  expect(new Set(local.requests)).toEqual(new Set(['/v1/models']));
  for (const headers of local.headers) expect(headers.authorization).toBeUndefined();
  // The form is ready for the next entry: the tick is cleared with the rest.
  await expect(page.getByRole('checkbox', { name: 'This endpoint needs no key' })).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});
