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

test('on the desktop the header silences notifications and sets the open shortcut, and both persist', async ({ page, serve, pageErrors }) => {
  // The switch shows only in the Electron window, which cannot run here (no Electron binary): the page is
  // told it is the desktop by rewriting app:info's host. Every preference call below is the real one.
  await page.route((url) => decodeURIComponent(url.pathname) === '/ipc/app:info', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { ok: boolean; value: { host: string } };
    body.value.host = 'electron';
    await route.fulfill({ response, json: body });
  });
  await page.goto(serve.url);
  const header = page.locator('header.status-header');
  await header.locator('summary').press('Enter');
  const notify = header.getByRole('checkbox', { name: /Notify me when a key stops working/ });
  await expect(notify).toBeChecked();
  await notify.press('Space');
  await expect(notify).not.toBeChecked();

  const shortcut = header.getByRole('textbox', { name: /Shortcut that opens this window/ });
  await expect(shortcut).toHaveValue('CmdOrCtrl+Shift+Comma');
  await shortcut.fill('Alt+Shift+N');
  await shortcut.press('Enter');
  await expect(header.getByRole('button', { name: 'Save shortcut' })).toBeDisabled();

  const saved = await page.evaluate(() => (window as unknown as { nome: Record<string, () => Promise<unknown>> }).nome['app:preferences']!());
  expect(saved).toEqual({ notificationsEnabled: false, openSettingsShortcut: 'Alt+Shift+N' });
  await page.reload();
  await page.locator('header.status-header summary').press('Enter');
  await expect(page.getByRole('checkbox', { name: /Notify me when a key stops working/ })).not.toBeChecked();
  await expect(page.getByRole('textbox', { name: /Shortcut that opens this window/ })).toHaveValue('Alt+Shift+N');
  expect(pageErrors).toEqual([]);
});
