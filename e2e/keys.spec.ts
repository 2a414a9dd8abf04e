// Keys journeys against `serve` and the loopback provider emulator: add by keyboard alone, a rejected key
// and its next step, rotation, remove with undo, and no plaintext key anywhere in the page after saving.
import { spawnSync } from 'node:child_process';
import { expect, startServeHost, test } from './support/serve-host';
import { anthropicKey, pageHolds, paste } from './support/key-helpers';
import { startProviderEmulator, type ProviderEmulator } from '../tests/emulators/provider-emulator';

let emulator: ProviderEmulator;
test.beforeAll(async () => {
  emulator = await startProviderEmulator();
});
test.afterAll(async () => {
  await emulator.close();
});

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

test('add a key by keyboard alone: paste, Enter, and it is ok', async ({ page, serve, pageErrors }) => {
  const secret = anthropicKey();
  const { baseUrl } = emulator.mount({ provider: 'anthropic', key: secret });
  await page.goto(serve.url);
  await expect(page.getByRole('heading', { name: 'Keys', level: 1 })).toBeVisible();

  // Alt+N focuses Add key from anywhere, even from another section.
  await page.keyboard.press('Alt+2');
  await page.keyboard.press('Alt+N');
  const field = page.getByRole('textbox', { name: 'API key', exact: true });
  await expect(field).toBeFocused();

  // The emulator stands in for api.anthropic.com: point this key at it (Tab to Base URL, type, come back).
  await page.keyboard.press('Tab'); // provider
  await page.keyboard.press('Tab'); // label
  await page.keyboard.press('Tab'); // base URL
  await expect(page.getByLabel('Base URL (optional)')).toBeFocused();
  await page.keyboard.type(baseUrl);
  await page.keyboard.press('Alt+N');
  await expect(field).toBeFocused();

  await paste(page, secret);
  await expect(page.getByText('Looks like an Anthropic API key')).toBeVisible();
  await expect(page.getByLabel('Provider')).toHaveValue('anthropic');
  await page.keyboard.press('Enter');

  // A first-party key bound for a host that is not Anthropic's needs an explicit yes; it sits one Tab away.
  await expect(page.getByRole('alert').filter({ hasText: 'would be sent to 127.0.0.1' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Send it there anyway' })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('main').getByText(/Saved Anthropic key sk-ant-api03-…\w{4}: Working\./)).toBeVisible();
  const card = page.getByRole('listitem', { name: /Anthropic key/ });
  await expect(card.getByText('Working')).toBeVisible();
  await expect(card.getByText(/checked (just now|\d+ minutes? ago)/)).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Saved Anthropic key');
  // The field is empty again, and the plaintext is nowhere in the page: not text, attribute, value or storage.
  await expect(field).toHaveValue('');
  expect(await pageHolds(page, secret)).toEqual([]);
  expect(await pageHolds(page, secret.slice(13, 40))).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('a bad key shows invalid_key and its next step', async ({ page, serve }) => {
  const { baseUrl } = emulator.mount({ provider: 'anthropic', key: anthropicKey() });
  const wrong = anthropicKey();
  await page.goto(serve.url);
  await page.getByLabel('Base URL (optional)').fill(baseUrl);
  await page.keyboard.press('Alt+N');
  await paste(page, wrong);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Send it there anyway' }).press('Enter');

  const refused = page.locator('.refused');
  await expect(refused.getByText('Key rejected')).toBeVisible();
  await expect(refused.getByText('Replace key')).toBeVisible();
  await expect(refused.getByRole('link', { name: /Get a new key from Anthropic/ })).toHaveAttribute('href', 'https://console.anthropic.com/settings/keys');
  await expect(page.getByRole('status')).toContainText('Not saved: Key rejected');
  // Nothing was saved.
  await expect(page.getByRole('listitem', { name: /Anthropic key/ })).toHaveCount(0);
});

test('rotate a rejected key: Replace, paste the new one, Enter', async ({ page, serve }) => {
  const oldKey = anthropicKey();
  const newKey = anthropicKey();
  // The provider now only knows the new key: the old one is revoked.
  const { baseUrl } = emulator.mount({ provider: 'anthropic', key: newKey });
  await page.goto(serve.url);
  await page.evaluate(
    ([secret, url]) => window.nome!['keys:add']({ provider: 'anthropic', secret: secret!, baseUrl: url!, label: 'Work', force: true, allowForeignHost: true }),
    [oldKey, baseUrl],
  );
  const card = page.getByRole('listitem', { name: /Anthropic key Work/ });
  await expect(card.getByText('Key rejected')).toBeVisible();
  const oldMasked = await card.locator('.key-masked').textContent();

  await card.getByRole('button', { name: 'Replace Work' }).press('Enter');
  const field = card.getByLabel('New key for Work');
  await expect(field).toBeFocused();
  await paste(page, newKey);
  await page.keyboard.press('Enter');
  await expect(card.getByRole('button', { name: 'Send it there anyway' })).toBeVisible();
  await card.getByRole('button', { name: 'Send it there anyway' }).press('Enter');

  await expect(card.getByText('Working')).toBeVisible();
  await expect(card.locator('.key-masked')).not.toHaveText(oldMasked!);
  await expect(card.locator('.key-masked')).toHaveText(`sk-ant-api03-…${newKey.slice(-4)}`);
  expect(await pageHolds(page, newKey)).toEqual([]);
});

test('remove a key, undo it, and a second removal sends the first', async ({ page, serve }) => {
  await page.goto(serve.url);
  for (const label of ['First', 'Second']) {
    await page.evaluate((l) => window.nome!['keys:add']({ provider: 'openai', secret: `sk-proj-${l}${'x'.repeat(40)}`, label: l, check: false }), label);
  }
  const first = page.getByRole('listitem', { name: /OpenAI key First/ });
  await expect(first).toBeVisible();
  // Alt+↓ on a card moves it down in priority.
  await first.getByRole('button', { name: 'Re-check First' }).focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(first.getByText('Priority 2 of 2')).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Moved to place 2 of 2');

  await first.getByRole('button', { name: 'Remove First' }).press('Enter');
  await expect(first).toHaveCount(0);
  const undo = page.getByRole('button', { name: 'Undo' });
  await expect(undo).toBeFocused();
  await expect(page.getByRole('status')).toContainText('Removed OpenAI key First');
  await page.keyboard.press('Enter');
  await expect(first).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Kept OpenAI key First');

  // Ctrl+Z undoes too.
  await first.getByRole('button', { name: 'Remove First' }).press('Enter');
  await expect(first).toHaveCount(0);
  await page.keyboard.press('Control+Z');
  await expect(first).toBeVisible();

  // Removing Second while First waits sends First's removal for real.
  await first.getByRole('button', { name: 'Remove First' }).press('Enter');
  await page.getByRole('button', { name: 'Remove Second' }).press('Enter');
  await expect.poll(async () => (await page.evaluate(() => window.nome!['keys:list']())).map((c) => c.label)).toEqual(['Second']);
});

test('edit a custom endpoint by keyboard, then re-check every key with Shift+R', async ({ page, serve }) => {
  const secret = `local-${Date.now()}-abcdefghijklmnop`;
  const { baseUrl } = emulator.mount({ provider: 'compatible', key: secret });
  await page.goto(serve.url);
  await page.evaluate(([s, url]) => window.nome!['keys:add']({ provider: 'openai-compatible', secret: s!, baseUrl: url!, label: 'Home box', check: false }), [secret, baseUrl]);
  const card = page.getByRole('listitem', { name: /Home box/ });
  await expect(card.getByText('Not checked yet')).toBeVisible();

  await card.getByRole('button', { name: 'Edit endpoint of Home box' }).press('Enter');
  await expect(card.getByLabel('Base URL')).toBeFocused();
  await card.getByRole('button', { name: 'Add header' }).press('Enter');
  await card.getByLabel('Header 1 name').fill('X-Team');
  await card.getByLabel('Header 1 value').fill('team-header-value-123');
  await card.getByLabel('Models (comma-separated)').fill('llama-3.3-70b, qwen-2.5-coder');
  await card.getByLabel('Header 1 value').press('Enter');
  await expect(card.getByText('headers: X-Team')).toBeVisible();
  await expect(card.getByText('models: llama-3.3-70b, qwen-2.5-coder')).toBeVisible();
  expect(await pageHolds(page, 'team-header-value-123')).toEqual([]);

  await page.getByRole('heading', { level: 1, name: 'Keys' }).click();
  await page.keyboard.press('Shift+R');
  await expect(page.getByRole('status')).toContainText(/Check finished: the key works|Checked 1 keys?: all work|Home box is now Working/);
  await expect(card.getByText('Working')).toBeVisible();
});

test('an environment key is shown read-only and can be copied into the vault on request', async ({ page }) => {
  const host = await startServeHost({ env: { OPENAI_API_KEY: `sk-proj-${'e'.repeat(40)}Env1` } });
  try {
    await page.goto(host.url);
    const envCard = page.getByRole('listitem').filter({ hasText: 'From OPENAI_API_KEY' });
    await expect(envCard).toBeVisible();
    await expect(envCard.getByRole('button', { name: /^Remove/ })).toHaveCount(0);
    await envCard.getByRole('button', { name: 'Save a copy of OPENAI_API_KEY here' }).press('Enter');
    await expect(page.getByRole('status')).toContainText('Saved a copy of OPENAI_API_KEY here');
    await expect(page.getByRole('listitem').filter({ hasText: 'Saved here' })).toHaveCount(1);
  } finally {
    await host.stop();
  }
});

test('an admin key says so on its card, whatever its label', async ({ page }) => {
  const host = await startServeHost({ env: { ANTHROPIC_API_KEY: `sk-ant-admin01-${'a'.repeat(93)}AA`, XAI_API_KEY: `xai-${'b'.repeat(80)}` } });
  try {
    await page.goto(host.url);
    const admin = page.getByRole('listitem').filter({ hasText: 'From ANTHROPIC_API_KEY' });
    await expect(admin.getByText('Admin key', { exact: true })).toBeVisible();
    const plain = page.getByRole('listitem').filter({ hasText: 'From XAI_API_KEY' });
    await expect(plain).toBeVisible();
    await expect(plain.getByText('Admin key', { exact: true })).toHaveCount(0);
  } finally {
    await host.stop();
  }
});

test('a key added with the command line beside the open window appears in it, without a reload', async ({ page, serve }) => {
  await page.goto(serve.url);
  await expect(page.getByRole('heading', { name: 'Keys', level: 1 })).toBeVisible();
  const secret = `xai-${'c'.repeat(76)}Cli1`;
  // Another host on the same data dir: the CLI, as a user would run it in a terminal.
  const added = spawnSync(process.execPath, ['bin/nome-settings.js', '--data-dir', serve.dataDir, 'keys', 'add', '--provider', 'xai', '--label', 'from the terminal', '--no-check'], {
    env: { ...process.env, NOME_ALLOW_FILE_KEY: '1' },
    input: secret,
    encoding: 'utf8',
  });
  expect(added.status).toBe(0);
  await expect(page.getByRole('listitem', { name: /xAI key from the terminal/ })).toBeVisible();
  expect(await pageHolds(page, secret)).toEqual([]);
});
