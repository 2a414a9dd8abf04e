// The credit summary on `serve --demo`: figures formatted for people, the allocation meter, the daily chart
// by lane drawn, the per-model table, what providers report with its age; and the Receipts view pages, filters
// and exports CSV.
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
    await expect(row).toContainText(/reported just now · NOME estimate \$[\d.,]+/);
    await page.clock.pauseAt(Date.now() + 1000);
    await page.clock.runFor(5 * 60_000);
    await expect(row).toContainText('reported 5 minutes ago');
  } finally {
    await emulator.close();
  }
});
