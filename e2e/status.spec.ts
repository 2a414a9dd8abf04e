// The window header shows the app status, and follows it live over serve's event stream (app:status-changed).
import { expect, test } from './support/serve-host';

test('the header shows the app status and turns to "Credits low" as soon as credits cross the threshold', async ({ page, serve, pageErrors }) => {
  await page.goto(serve.url);
  const header = page.locator('header.status-header');
  await expect(header).toContainText('All good');
  await expect(header).toContainText('No keys yet');

  // The same calls the Credits panel makes, through the page's own bridge.
  await page.evaluate(async () => {
    const nome = (window as unknown as { nome: Record<string, (input?: unknown) => Promise<unknown>> }).nome;
    await nome['credits:set-threshold']!({ credits: 5000 });
    await nome['credits:top-up']!({ credits: 120 });
  });
  await expect(header).toContainText('Credits low');
  await expect(header).toContainText('Credits low: 120 left');

  await header.locator('summary').press('Enter');
  await expect(header.getByRole('list', { name: 'Status by provider and credits' })).toContainText('Credits: 120 available (low)');
  expect(pageErrors).toEqual([]);
});
