// A keyless local endpoint by keyboard alone: choose OpenAI-compatible and the Ollama preset (which ticks
// "This endpoint needs no key"), leave the key field empty, give the loopback server's base URL, Enter; it is
// Working with its model list, and the server never received an Authorization header.
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

  // A local preset (right after the provider) fills in its API root and ticks "needs no key".
  await page.keyboard.press('Tab');
  const presetField = page.getByLabel('Preset (optional)');
  await expect(presetField).toBeFocused();
  for (let i = 0; i < 12 && (await presetField.inputValue()) !== 'ollama'; i++) await page.keyboard.press('ArrowDown');
  await expect(presetField).toHaveValue('ollama');
  const noKey = page.getByRole('checkbox', { name: 'This endpoint needs no key' });
  await expect(noKey).toBeChecked();
  await expect(noKey).toHaveAccessibleDescription(/local server such as Ollama/);
  const baseUrlField = page.getByLabel('Base URL', { exact: true });
  await expect(baseUrlField).toHaveValue('http://localhost:11434/v1');
  const scan = await new AxeBuilder({ page }).include('.add-key').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(scan.violations.map((violation) => violation.id)).toEqual([]);

  // Untick it (Space), give a label and the emulator's URL: Enter with no key and no tick says what to do.
  await page.keyboard.press('Tab');
  await expect(noKey).toBeFocused();
  await page.keyboard.press('Space');
  await expect(noKey).not.toBeChecked();
  await page.keyboard.press('Tab');
  await page.keyboard.type('Local server');
  await page.keyboard.press('Tab');
  await expect(baseUrlField).toBeFocused();
  await page.keyboard.press('Control+A');
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
  await expect(baseUrlField).toHaveValue(local.url);
  await page.keyboard.press('Enter');

  await expect(page.getByRole('main').getByText('Saved OpenAI-compatible endpoint with no key: Working.')).toBeVisible();
  const models = `Models: ${[...emulatedModels.custom].sort().join(', ')}`;
  await expect(page.getByRole('main').getByText(models)).toBeVisible();
  await expect(page.getByRole('status')).toContainText(models);
  const card = page.getByRole('listitem', { name: /OpenAI-compatible endpoint key Local server/ });
  await expect(card.getByText('Working')).toBeVisible();
  await expect(card.locator('.key-masked')).toHaveText('no key');
  await expect(card.getByText(local.url)).toBeVisible();
  // The preset went along as a provider option, so checks use its path.
  const [saved] = await page.evaluate(() => window.nome!['keys:list']());
  expect(saved).toMatchObject({ masked: 'no key', options: { preset: 'ollama' }, state: 'ok' });

  // The check and the model list (and any scheduled re-check) went to /models, none with an Authorization header.
  expect(local.requests.length).toBeGreaterThanOrEqual(2);
  expect(new Set(local.requests)).toEqual(new Set(['/v1/models']));
  for (const headers of local.headers) expect(headers.authorization).toBeUndefined();
  // The form is ready for the next entry: the tick is cleared with the rest.
  await expect(page.getByRole('checkbox', { name: 'This endpoint needs no key' })).toHaveCount(0);

  // The keyless card offers to add a key, not to replace one; the form says so; once saved it is a keyed card.
  await expect(card.getByRole('button', { name: /^Replace/ })).toHaveCount(0);
  const addKey = card.getByRole('button', { name: 'Add a key to Local server', exact: true });
  await expect(addKey).toHaveText('Add a key');
  await addKey.focus();
  await page.keyboard.press('Enter');
  await expect(card.getByRole('form', { name: 'Add a key to Local server', exact: true })).toBeVisible();
  await expect(card.getByLabel('Key for Local server', { exact: true })).toBeFocused();
  await expect(card.getByText('New key for', { exact: false })).toHaveCount(0);
  await expect(card.getByRole('button', { name: 'Check and save', exact: true })).toBeVisible();
  const secret = 'local-keyless0now0has0a0key0Q9xA';
  await page.keyboard.type(secret);
  await page.keyboard.press('Enter');
  await expect(card.locator('.key-masked')).toHaveText(/Q9xA$/);
  await expect(card.getByRole('button', { name: 'Replace Local server', exact: true })).toHaveText('Replace');
  await expect(card.getByRole('button', { name: /^Add a key/ })).toHaveCount(0);
  expect(local.headers.at(-1)?.authorization).toBe(`Bearer ${secret}`);
  expect(pageErrors).toEqual([]);
});
