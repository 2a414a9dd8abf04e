// Events are not replayed: a change made while the page's event stream is not open yet (or is reconnecting) must
// still reach the page. Here the stream is held back, a key is added by another client meanwhile, and the page
// shows it as soon as the stream opens, because every store reads again then.
import { expect, test } from './support/serve-host';

test('a change made before the event stream opens still reaches the page', async ({ page, serve, pageErrors }) => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/events?**', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(serve.url);
  await expect(page.getByText('No keys yet. Paste one above.')).toBeVisible();

  // Another client (the CLI, a second window) adds a key; its keys:changed finds no open stream on this page.
  const response = await fetch(`${serve.origin}/ipc/keys:add`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${serve.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ provider: 'openai', secret: `sk-proj-${'r3'.repeat(24)}`, label: 'Added elsewhere', check: false }),
  });
  expect(response.status).toBe(200);
  const card = page.getByRole('listitem', { name: 'OpenAI key Added elsewhere' });
  await expect(card).toHaveCount(0);

  release();
  await expect(card).toBeVisible();
  await expect(page.locator('header.status-header')).not.toContainText('No keys yet');
  expect(pageErrors).toEqual([]);
});
