// A key this host can no longer open (the master key was replaced, as after a keyring reset) is kept and shown
// as needing re-entry, with a notice over the list (which passes axe in light and dark); pasting it again by
// keyboard makes it work, and the notice goes.
import AxeBuilder from '@axe-core/playwright';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, startServeHost, test } from './support/serve-host';
import { anthropicKey, pageHolds, paste } from './support/key-helpers';
import { startProviderEmulator } from '../tests/emulators/provider-emulator';

test('a key sealed under a lost master key asks to be pasted again, and works once it is', async ({ page, context, pageErrors }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const emulator = await startProviderEmulator();
  const dataDir = mkdtempSync(join(tmpdir(), 'nome-e2e-reentry-'));
  const secret = anthropicKey();
  const { baseUrl } = emulator.mount({ provider: 'anthropic', key: secret });
  try {
    const first = await startServeHost({ dataDir });
    await page.goto(first.url);
    await page.evaluate(([s, url]) => window.nome!['keys:add']({ provider: 'anthropic', secret: s!, baseUrl: url!, label: 'Laptop', allowForeignHost: true }), [secret, baseUrl]);
    await expect(page.getByRole('listitem', { name: 'Anthropic key Laptop' }).getByText('Working')).toBeVisible();
    await first.stop();

    // The file key (the explicit opt-in serve runs with here) is replaced: the record's blob cannot be opened.
    writeFileSync(join(dataDir, 'master.key'), randomBytes(32).toString('base64'), { mode: 0o600 });
    const second = await startServeHost({ dataDir });
    try {
      await page.goto(second.url);
      const card = page.getByRole('listitem', { name: 'Anthropic key Laptop' });
      await expect(page.getByRole('note').filter({ hasText: 'One key needs to be pasted again' })).toContainText('They were kept, not deleted.');
      await expect(card.getByText('Needs re-entry')).toBeVisible();
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        const results = await new AxeBuilder({ page }).include('main').withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      }

      await card.getByRole('button', { name: 'Paste the key again' }).press('Enter');
      await expect(card.getByLabel('New key for Laptop')).toBeFocused();
      await paste(page, secret);
      await page.keyboard.press('Enter');
      await card.getByRole('button', { name: 'Send it there anyway' }).press('Enter');

      await expect(card.getByText('Working')).toBeVisible();
      await expect(card.getByText('Needs re-entry')).toHaveCount(0);
      await expect(page.getByRole('note').filter({ hasText: 'needs to be pasted again' })).toHaveCount(0);
      expect(await page.evaluate(() => window.nome!['keys:list']().then((cards) => cards.map((c) => [c.label, c.needsReentry])))).toEqual([['Laptop', false]]);
      expect(await pageHolds(page, secret)).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await second.stop();
    }
  } finally {
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
