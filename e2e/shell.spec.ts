// The shell: loads from `serve`, is navigable by keyboard alone, logs no errors, and its CSP holds.
import { expect, test } from './support/serve-host';

test('the shell loads and every section is reachable by keyboard alone', async ({ page, serve, pageErrors }) => {
  await page.goto(serve.url);
  await expect(page.getByRole('navigation', { name: 'Settings sections' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Keys/ })).toHaveAttribute('aria-current', 'page');
  // The token leaves the address bar once the page has it.
  expect(page.url()).not.toContain(serve.token);

  // Tab to the navigation, then walk it with the arrow keys.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: /Keys/ })).toBeFocused();
  for (const name of [/Credits/, /Sign-ins & local models/, /Receipts/]) {
    await page.keyboard.press('ArrowDown');
    const link = page.getByRole('link', { name });
    await expect(link).toBeFocused();
    await expect(link).toHaveAttribute('aria-current', 'page');
  }
  await page.keyboard.press('ArrowDown'); // wraps around
  await expect(page.getByRole('link', { name: /Keys/ })).toHaveAttribute('aria-current', 'page');

  // Alt+2 jumps to Credits from anywhere.
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('link', { name: /Credits/ })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('main')).toHaveAccessibleName('Credits');

  expect(pageErrors).toEqual([]);
});

test('the skip link moves focus to the content', async ({ page, serve }) => {
  await page.goto(serve.url);
  await expect(page.getByRole('navigation', { name: 'Settings sections' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
});

test('the page talks to the contract with the token it was opened with', async ({ page, serve }) => {
  await page.goto(serve.url);
  await expect(page.getByText(/v\d+\.\d+\.\d+ · serve/)).toBeVisible();
  // A reload keeps working: the token stays in this tab's session storage, not in the URL.
  await page.reload();
  await expect(page.getByText(/v\d+\.\d+\.\d+ · serve/)).toBeVisible();
});

test('the CSP blocks an injected inline script', async ({ page, serve }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(serve.url);
  await expect(page.getByRole('navigation', { name: 'Settings sections' })).toBeVisible();
  const ran = await page.evaluate(async () => {
    (window as unknown as { injected?: boolean }).injected = false;
    const script = document.createElement('script');
    script.textContent = 'window.injected = true;';
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return (window as unknown as { injected?: boolean }).injected;
  });
  expect(ran).toBe(false);
  expect(violations.length).toBeGreaterThan(0);
});
