// Weaker storage needs consent: Electron's Linux `basic_text` backend, driven through the real core, vault
// and renderer. Electron cannot run here, so serve hosts the page in-process with the Electron safeStorage
// cipher wrapped around a stand-in safeStorage that reports `basic_text` (a fixed AES key, which is what
// basic_text is); the consent itself is read from keys.json exactly as Electron's main does.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHeadlessCore } from '../electron/headless/host';
import { startServe, type ServeHost } from '../electron/headless/serve';
import { readWeakerStorageConsent } from '../electron/main/electron-key-store';
import { createSafeStorageCipher } from '../electron/main/safe-storage-cipher';
import { expect, collectPageErrors, test } from './support/serve-host';

const fixedKey = Buffer.alloc(32, 7);
const basicTextSafeStorage = {
  isAsyncEncryptionAvailable: async () => true,
  getSelectedStorageBackend: () => 'basic_text' as const,
  async encryptStringAsync(text: string) {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', fixedKey, iv);
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  },
  async decryptStringAsync(sealed: Buffer) {
    const decipher = createDecipheriv('aes-256-gcm', fixedKey, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return { result: Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8'), shouldReEncrypt: false };
  },
};

let dataDir: string;
let host: ServeHost;
let dispose: () => Promise<void>;

test.beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'nome-e2e-consent-'));
  const core = createHeadlessCore({
    kind: 'serve',
    dataDir,
    env: { NOME_STATUS_PAGES: 'off' },
    cipher: createSafeStorageCipher({ safeStorage: basicTextSafeStorage as never, platform: 'linux', hasWeakerStorageConsent: () => readWeakerStorageConsent(dataDir) }),
  });
  host = await startServe({ core, rendererDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)) });
  dispose = async () => {
    await host.close();
    await core.dispose();
  };
});

test.afterEach(async () => {
  await dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

test('basic_text storage stores nothing until the user agrees, and the consent can be withdrawn', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto(host.url);
  const banner = page.getByRole('note').filter({ hasText: 'basic_text' });
  await expect(banner).toContainText('Keys cannot be stored yet.');

  // Without consent the vault refuses to seal, with a message that says why.
  const refused = await page.evaluate(() =>
    window.nome!['keys:add']({ provider: 'openai', secret: `sk-proj-${'a1B2'.repeat(12)}`, check: false }).then(
      () => 'saved',
      (error: { code: string; message: string }) => `${error.code}: ${error.message}`,
    ),
  );
  expect(refused).not.toBe('saved');
  expect(refused).toMatch(/consent|agree|weaker/i);

  // Agree by keyboard: the banner turns into the weaker-storage notice, with the way back beside it.
  await banner.getByRole('button', { name: 'Store keys with weaker protection' }).focus();
  await page.keyboard.press('Enter');
  await expect(banner).toContainText('Weaker key storage.');
  await expect(banner.getByRole('button', { name: 'Withdraw consent' })).toBeVisible();
  expect(readWeakerStorageConsent(dataDir)).toBe(true);

  const saved = await page.evaluate(() =>
    window.nome!['keys:add']({ provider: 'openai', secret: `sk-proj-${'a1B2'.repeat(12)}`, label: 'after consent', check: false }).then((result) => result.card.storage),
  );
  expect(saved).toEqual({ cipher: 'safeStorage:basic_text', weaker: true });
  await expect(page.getByText('after consent')).toBeVisible();

  await banner.getByRole('button', { name: 'Withdraw consent' }).click();
  await expect(banner).toContainText('Keys cannot be stored yet.');
  expect(readWeakerStorageConsent(dataDir)).toBe(false);
  expect(errors).toEqual([]);
});
