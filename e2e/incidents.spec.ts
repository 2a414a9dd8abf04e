// A damaged key store found by another process (last night's CLI run) still explains itself in the window,
// can be dismissed by keyboard, and stays dismissed; the notice passes axe in light and dark. One key record
// this version cannot read is explained too, and stays in the file while the other keys work.
import AxeBuilder from '@axe-core/playwright';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, startServeHost, test } from './support/serve-host';

test('a key store set aside by another process is explained, and dismissed by keyboard', async ({ page, pageErrors }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nome-e2e-incident-'));
  writeFileSync(join(dataDir, 'keys.json'), '{"version": 1, "keys": [ {"id": "k1", "prov');
  // Another process meets the damage first and sets the file aside.
  const cli = spawnSync(process.execPath, ['bin/nome-settings.js', '--data-dir', dataDir, 'keys', 'list'], { env: { ...process.env, NOME_ALLOW_FILE_KEY: '1' }, encoding: 'utf8' });
  expect(cli.status).toBe(0);
  const setAsideAs = readdirSync(dataDir).find((name) => name.startsWith('keys.json.corrupt-'));
  expect(setAsideAs).toBeDefined();

  const host = await startServeHost({ dataDir });
  try {
    await page.goto(host.url);
    const notice = page.getByRole('alert').filter({ hasText: 'keys.json' });
    await expect(notice).toContainText('could not be read and was set aside');
    await expect(notice).toContainText(setAsideAs!);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const results = await new AxeBuilder({ page }).include('.banner').withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
      expect(results.violations.map((v) => v.id)).toEqual([]);
    }

    await notice.getByRole('button', { name: 'Dismiss the notice about keys.json' }).focus();
    await page.keyboard.press('Enter');
    await expect(notice).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Keys' })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'keys.json' })).toHaveCount(0);
    expect(existsSync(join(dataDir, setAsideAs!))).toBe(true);
    expect(pageErrors).toEqual([]);
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('one key record this version cannot read is explained, while the other keys show and work', async ({ page, pageErrors }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nome-e2e-kept-record-'));
  const env = { ...process.env, NOME_ALLOW_FILE_KEY: '1' };
  const added = spawnSync(process.execPath, ['bin/nome-settings.js', '--data-dir', dataDir, 'keys', 'add', '--provider', 'xai', '--label', 'Readable', '--no-check'], {
    env,
    input: `xai-${'k'.repeat(80)}\n`,
    encoding: 'utf8',
  });
  expect(added.status).toBe(0);
  const file = join(dataDir, 'keys.json');
  const document = JSON.parse(readFileSync(file, 'utf8')) as { keys: Array<Record<string, unknown>> };
  // A record a newer version wrote: a provider id this one does not know.
  const future = { ...document.keys[0]!, id: 'key_newer', provider: 'mistral', label: 'Mistral' };
  writeFileSync(file, JSON.stringify({ ...document, keys: [...document.keys, future] }), { mode: 0o600 });

  const host = await startServeHost({ dataDir });
  try {
    await page.goto(host.url);
    await expect(page.getByText('Readable', { exact: true }).first()).toBeVisible();
    const notice = page.getByRole('alert').filter({ hasText: 'keys.json#key_newer' });
    await expect(notice).toContainText('holds a key record this version cannot read');
    await expect(notice).toContainText('not accepted: provider');
    const results = await new AxeBuilder({ page }).include('.banner').withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
    await notice.getByRole('button', { name: 'Dismiss the notice about keys.json' }).click();
    await expect(notice).toHaveCount(0);
    expect(readFileSync(file, 'utf8')).toContain(JSON.stringify(future));
    expect(readdirSync(dataDir).filter((name) => name.includes('.corrupt-'))).toEqual([]);
    expect(pageErrors).toEqual([]);
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
