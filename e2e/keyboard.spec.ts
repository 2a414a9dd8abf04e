// Keyboard-first: "?" opens the shortcut sheet and Esc closes it; N and Alt+N reach Add key from any section;
// Esc cancels what was typed; focus is visible on every control Tab reaches.
import { expect, startServeHost, test } from './support/serve-host';

test('? opens the shortcut sheet and Esc closes it, returning focus', async ({ page, serve }) => {
  await page.goto(serve.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Keys' })).toBeVisible();
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('row', { name: /Go to Add key/ })).toBeVisible();
  await expect(sheet.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
});

test('N from another section opens Keys with Add key focused; Esc cancels the entry', async ({ page, serve }) => {
  await page.goto(`${serve.url}#/receipts`);
  await expect(page.getByRole('heading', { level: 1, name: 'Receipts' })).toBeVisible();
  await page.keyboard.press('n');
  const field = page.getByRole('textbox', { name: 'API key', exact: true });
  await expect(field).toBeFocused();
  await expect(page.getByRole('main')).toHaveAccessibleName('Keys');
  await page.keyboard.type('sk-proj-notarealkeyatall0123456789');
  await expect(page.getByText('Looks like an OpenAI project key')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(field).toHaveValue('');
  await expect(page.getByText('Looks like an OpenAI project key')).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText('Cancelled');
});

test('a pasted key of an unknown shape asks for the provider, and it can be changed', async ({ page, serve }) => {
  await page.goto(serve.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Keys' })).toBeVisible();
  await page.keyboard.press('Alt+N');
  await page.keyboard.type('sk-or-v1-0123456789abcdef0123456789abcdef');
  await expect(page.getByText('Looks like an OpenRouter key')).toBeVisible();
  await expect(page.getByLabel('Base URL', { exact: false })).toHaveValue('https://openrouter.ai/api/v1');
  await page.getByLabel('Provider').selectOption('openai');
  await expect(page.getByLabel('Provider')).toHaveValue('openai');
});

test('focus is always visible: every control Tab reaches on every panel draws an outline (demo data, so each panel has its controls)', async ({ page }) => {
  const host = await startServeHost({ args: ['--demo'] });
  try {
    const unseen: string[] = [];
    for (const [id, heading] of [['keys', 'Keys'], ['credits', 'Credits'], ['seats', 'Sign-ins & local models'], ['receipts', 'Receipts']] as const) {
      await page.goto(`${host.url}#/${id}`);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(page.getByText(/Loading|Looking for/)).toHaveCount(0);
      const reached = new Set<string>();
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const element = document.activeElement as HTMLElement | null;
          if (!element || element === document.body) return null;
          const style = getComputedStyle(element);
          const name = element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 30) ?? element.tagName;
          return { name: `${element.localName} ${name}`, visible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
        });
        if (!focused) continue;
        reached.add(focused.name);
        if (!focused.visible) unseen.push(`${id}: ${focused.name}`);
      }
      expect(reached.size, `Tab reaches controls on ${id}`).toBeGreaterThan(5);
    }
    expect(unseen).toEqual([]);
  } finally {
    await host.stop();
  }
});
