// The credit summary on `serve --demo`: figures formatted for people, the allocation meter, the daily chart
// by lane drawn, the per-model table, what providers report with its age and what NOME's estimate beside it
// covers; and the Receipts view pages, filters (by key too), shows which key ran a byok turn and exports CSV.
import { randomBytes } from 'node:crypto';
import { expect, test as base, startServeHost, type ServeHost } from './support/serve-host';
import { startProviderEmulator } from '../tests/emulators/provider-emulator';

const test = base.extend<{ demo: ServeHost }>({
  demo: async ({}, use) => {
    const host = await startServeHost({ args: ['--demo'] });
    await use(host);
    await host.stop();
  },
});

test('the credit summary with demo data draws its chart', async ({ page, demo, pageErrors }) => {
  await page.goto(`${demo.url}#/credits`);
  await expect(page.getByRole('heading', { level: 1, name: 'Credits' })).toBeVisible();
  for (const label of ['Balance', 'Available', 'Used this period', 'Burn rate']) {
    await expect(page.getByRole('term').filter({ hasText: label })).toBeVisible();
  }
  await expect(page.getByText(/[\d,]+ credits/).first()).toBeVisible();
  const meter = page.getByRole('meter', { name: 'Included allocation' });
  await expect(meter).toHaveAttribute('aria-valuetext', /% used, [\d,]+ credits left/);

  const chart = page.getByRole('img', { name: /Daily usage by lane over \d+ days/ });
  await expect(chart).toBeVisible();
  // Four lanes, four series, four legend entries. In normalized tokens every priced lane has bars of real height;
  // local models have no list price (0 here) and show once the chart counts turns.
  const legend = page.locator('figure.chart figcaption .legend-item');
  await expect(legend).toHaveText(['NOME Credits', 'Your keys (BYOK)', 'Provider sign-ins', 'Local models']);
  for (const lane of ['credits', 'byok', 'provider-subscription']) {
    expect(await chart.locator(`rect[data-lane="${lane}"]`).count()).toBeGreaterThan(0);
  }
  expect(await chart.locator('rect[data-lane="local"]').count()).toBe(0);
  await expect(page.locator('figure.chart figcaption')).toContainText('Normalized tokens: list price in USD × 1,000,000, comparable across models.');
  const tallest = await chart.locator('rect[data-lane]').evaluateAll((rects) => Math.max(...rects.map((r) => r.getBoundingClientRect().height)));
  expect(tallest).toBeGreaterThan(20);
  // Distinct fills per lane, from the theme.
  const fills = await chart.locator('rect[data-lane]').evaluateAll((rects) => [...new Set(rects.map((r) => `${r.getAttribute('data-lane')} ${getComputedStyle(r).fill}`))].sort());
  expect(new Set(fills.map((f) => f.split(' ')[0])).size).toBe(3);
  expect(new Set(fills.map((f) => f.slice(f.indexOf(' ')))).size).toBe(3);

  await page.getByRole('radio', { name: 'Turns' }).check();
  const byTurns = page.getByRole('img', { name: /Daily usage by lane over \d+ days, in turns/ });
  await expect(byTurns).toBeVisible();
  for (const lane of ['credits', 'byok', 'provider-subscription', 'local']) {
    expect(await byTurns.locator(`rect[data-lane="${lane}"]`).count()).toBeGreaterThan(0);
  }
  await expect(byTurns).toHaveAttribute('aria-label', /Local models [1-9][\d,]*/);

  const table = page.getByRole('table', { name: 'Usage this period by model' });
  expect(await table.getByRole('row').count()).toBeGreaterThan(2);
  await expect(table.getByText(/unpriced/).first()).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test('receipts page, filter by lane, and export CSV', async ({ page, demo }) => {
  await page.goto(`${demo.url}#/receipts`);
  const table = page.getByRole('table', { name: /Receipts, page 1/ });
  await expect(table).toBeVisible();
  expect(await table.getByRole('row').count()).toBe(26); // header + a page of 25

  await page.getByRole('button', { name: 'Older' }).press('Enter');
  await expect(page.getByRole('table', { name: /Receipts, page 2/ })).toBeVisible();
  await page.getByRole('button', { name: 'Newer' }).press('Enter');
  await expect(page.getByRole('table', { name: /Receipts, page 1/ })).toBeVisible();

  await page.getByLabel('Lane').selectOption('local');
  await page.getByRole('button', { name: 'Apply' }).press('Enter');
  await expect(page.getByRole('status')).toContainText(/Showing \d+ receipts/);
  const lanes = await page.getByRole('table', { name: /Receipts/ }).locator('tbody td:nth-child(2)').allTextContents();
  expect(new Set(lanes)).toEqual(new Set(['Local model']));

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV (filtered)' }).press('Enter');
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^nome-receipts-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString());
  expect(text.split('\n')[0]).toMatch(/lane/);
  expect(text).toContain('local');
});

test('a byok receipt recorded with its keyId shows that key in the Key column, filters by key, and a removed key says so', async ({ page, demo, pageErrors }) => {
  await page.goto(`${demo.url}#/receipts`);
  await expect(page.getByRole('table', { name: /Receipts, page 1/ })).toBeVisible();
  const secrets = [`sk-proj-${randomBytes(24).toString('hex')}`, `sk-proj-${randomBytes(24).toString('hex')}`, `sk-proj-${randomBytes(24).toString('hex')}`];
  // Three OpenAI keys (one labelled, one not, one removed after its turn), each running one byok turn; the
  // receipts name the key by id, as the agent runtime would.
  const [teamMasked, bareMasked] = await page.evaluate(async (keys) => {
    const add = async (secret: string, label: string) => (await window.nome!['keys:add']({ provider: 'openai', secret, label, check: false })).card;
    const [team, bare, old] = [await add(keys[0]!, 'Team key'), await add(keys[1]!, ''), await add(keys[2]!, 'Old key')];
    const turn = (keyId: string, model: string) => ({ lane: 'byok', laneReason: 'BYOK: OpenAI key', provider: 'openai', model, tokens: { input: 1000, output: 100 }, keyId });
    await window.nome!['receipts:record']({ receipts: [turn(old.id, 'gpt-4.1'), turn(bare.id, 'gpt-4o-mini'), turn(team.id, 'gpt-4o')] });
    await window.nome!['keys:remove']({ id: old.id });
    return [team.masked, bare.masked];
  }, secrets);

  const table = page.getByRole('table', { name: /Receipts, page 1/ });
  await expect(table.getByRole('columnheader', { name: 'Key' })).toBeVisible();
  // The newest three rows, last recorded first: Key is the fourth cell (When, Lane, Model, Key).
  const keyCell = (row: number) => table.locator(`tbody tr:nth-child(${row}) td:nth-child(4)`);
  // A label with the masked form; a key saved without a label goes by its provider's name, and the masked
  // form tells two such keys apart; an id no longer in the vault is a removed key.
  await expect(keyCell(1)).toHaveText(`Team key · ${teamMasked}`);
  await expect(keyCell(2)).toHaveText(`OpenAI project key · ${bareMasked}`);
  await expect(keyCell(3)).toHaveText('removed key');
  await expect(table.locator('tbody tr:nth-child(1) th')).toContainText('gpt-4o');
  // Turns on other lanes name no key.
  const laneOfRow = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [r.children[1]?.textContent, r.children[3]?.textContent]));
  expect(laneOfRow.filter(([lane]) => lane !== 'Your key (BYOK)').every(([, key]) => key === '—')).toBe(true);

  await page.getByLabel('Key', { exact: true }).selectOption({ label: `Team key · ${teamMasked}` });
  await page.getByRole('button', { name: 'Apply' }).press('Enter');
  await expect(page.getByRole('status')).toContainText('Showing 1 receipts');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(keyCell(1)).toHaveText(`Team key · ${teamMasked}`);

  // The key list is the keys store's, so a key added now is offered without a reload (keys:changed).
  await page.evaluate(async (secret) => void (await window.nome!['keys:add']({ provider: 'openai', secret, label: 'New key', check: false })), `sk-proj-${randomBytes(24).toString('hex')}`);
  await expect(page.getByLabel('Key', { exact: true }).locator('option', { hasText: /^New key · sk-proj-/ })).toHaveCount(1);
  const html = await page.content();
  for (const secret of secrets) expect(html).not.toContain(secret);
  expect(pageErrors).toEqual([]);
});

test('the low-balance state shows as soon as available credits fall under the threshold', async ({ page, demo }) => {
  await page.goto(`${demo.url}#/credits`);
  await expect(page.getByRole('heading', { level: 1, name: 'Credits' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Credits are running low' })).toHaveCount(0);
  // Raising the threshold above the balance fires credits:changed; the panel reads the summary again by itself.
  await page.evaluate(() => window.nome!['credits:set-threshold']({ credits: 900_000 }));
  const banner = page.getByRole('alert').filter({ hasText: 'Credits are running low' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Turns on your own keys, sign-ins and local models still work');
});

test('what a provider reports is shown beside NOME’s estimate, with its age kept current', async ({ page, demo }) => {
  const emulator = await startProviderEmulator();
  try {
    const secret = `sk-${randomBytes(16).toString('hex')}`;
    const { baseUrl } = emulator.mount({ provider: 'deepseek', key: secret });
    await page.clock.install();
    await page.goto(`${demo.url}#/credits`);
    await expect(page.getByRole('heading', { level: 1, name: 'Credits' })).toBeVisible();
    // The key's check reads DeepSeek's /user/balance (the emulator answers USD 110.00, available); the open panel
    // learns of it from keys:changed, with no reload.
    await page.evaluate(([s, url]) => window.nome!['keys:add']({ provider: 'deepseek', secret: s!, baseUrl: url!, label: 'DS main', allowForeignHost: true }), [secret, baseUrl]);
    const reported = page.getByRole('region', { name: 'What providers report' });
    const row = reported.getByRole('listitem').filter({ hasText: 'DS main' });
    await expect(row).toContainText('$110.00 left');
    // No receipt names this key yet, so NOME's estimate is provider-wide, and the panel says so in words.
    await expect(row).toContainText(/reported just now · NOME estimate for all of DeepSeek, not this key alone \$[\d.,]+/);
    await page.clock.pauseAt(Date.now() + 1000);
    await page.clock.runFor(5 * 60_000);
    await expect(row).toContainText('reported 5 minutes ago');
    // Once a receipt names the key, the estimate is the key's own (credits:changed brings it).
    await page.evaluate(async () => {
      const [card] = (await window.nome!['keys:list']()).filter((c) => c.label === 'DS main');
      await window.nome!['receipts:record']({
        receipts: [{ lane: 'byok', laneReason: 'BYOK: DeepSeek key', provider: 'deepseek', model: 'deepseek-chat', tokens: { input: 1000, output: 100 }, keyId: card!.id }],
      });
    });
    await expect(row).toContainText(/NOME estimate for this key \$[\d.,]+/);
  } finally {
    await emulator.close();
  }
});
