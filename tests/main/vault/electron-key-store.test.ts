// The Electron vault wiring: safeStorage's async API on Linux `basic_text` needs the user's consent, kept as
// the vault's `storage:consent` setting in keys.json. Electron cannot run here, so safeStorage is a fake
// (a fixed-key AES, which is what basic_text amounts to) and conf stands in for electron-store, its subclass.
import Conf from 'conf';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/create-core';
import { createElectronKeyStore, electronKeyStoreOptions, readWeakerStorageConsent } from '../../../electron/main/electron-key-store';
import { createSafeStorageCipher } from '../../../electron/main/safe-storage-cipher';
import { keys } from '../../core/vault/vault-fixtures';

const fixedKey = Buffer.alloc(32, 1);
function fakeSafeStorage(backend: string) {
  return {
    getSelectedStorageBackend: () => backend as 'basic_text',
    isAsyncEncryptionAvailable: async () => true,
    async encryptStringAsync(plaintext: string) {
      const iv = randomBytes(12);
      const aes = createCipheriv('aes-256-gcm', fixedKey, iv);
      const body = Buffer.concat([aes.update(plaintext, 'utf8'), aes.final()]);
      return Buffer.concat([iv, aes.getAuthTag(), body]);
    },
    async decryptStringAsync(sealed: Buffer) {
      const aes = createDecipheriv('aes-256-gcm', fixedKey, sealed.subarray(0, 12));
      aes.setAuthTag(sealed.subarray(12, 28));
      return { result: Buffer.concat([aes.update(sealed.subarray(28)), aes.final()]).toString('utf8'), shouldReEncrypt: false };
    },
  };
}

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'nome-electron-vault-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function electronCore(backend: string) {
  const { name, ...confOptions } = electronKeyStoreOptions(dataDir);
  return createCore(
    {
      host: { kind: 'electron', version: 'test', dataDir, demo: false },
      clock: { now: () => Date.now() },
      env: {},
      cipher: createSafeStorageCipher({ safeStorage: fakeSafeStorage(backend) as never, platform: 'linux', hasWeakerStorageConsent: () => readWeakerStorageConsent(dataDir) }),
      fetch: () => Promise.reject(new Error('offline')),
    },
    { keyStore: createElectronKeyStore(dataDir, () => new Conf<Record<string, unknown>>({ ...confOptions, configName: name, projectName: 'nome-settings' })) },
  );
}

describe('Electron storage consent (Linux basic_text)', () => {
  it('stores nothing until the user consents, then labels every key weaker; withdrawing stops new saves', async () => {
    const core = electronCore('basic_text');
    const add = () => core.router.invoke('keys:add', { provider: 'xai', secret: keys.xai(), check: false });
    expect(await add()).toMatchObject({ ok: false, error: { code: 'needs_consent' } });
    expect(await core.router.invoke('storage:consent', undefined)).toEqual({ ok: true, value: { weakerStorage: false, at: null } });

    const consent = await core.router.invoke('storage:consent', { weakerStorage: true });
    expect(consent).toMatchObject({ ok: true, value: { weakerStorage: true } });
    expect(readWeakerStorageConsent(dataDir)).toBe(true);
    const saved = await add();
    expect(saved.ok && (saved.value as { card: { storage: unknown } }).card.storage).toEqual({ cipher: 'safeStorage:basic_text', weaker: true });
    const info = await core.router.invoke('app:info', undefined);
    expect(info.ok && (info.value as { storage: unknown }).storage).toMatchObject({ weaker: true, available: true });

    await core.router.invoke('storage:consent', { weakerStorage: false });
    expect(await add()).toMatchObject({ ok: false, error: { code: 'needs_consent' } });
  });

  it('with a real keyring backend stores at once and is not weaker; the CLI’s blobs show as needing re-entry', async () => {
    const core = electronCore('gnome_libsecret');
    const saved = await core.router.invoke('keys:add', { provider: 'xai', secret: keys.xai(), check: false });
    expect(saved.ok && (saved.value as { card: { storage: unknown } }).card.storage).toEqual({ cipher: 'safeStorage:gnome_libsecret', weaker: false });
    const { createHeadlessCore } = await import('../../../electron/headless/host');
    const { createNodeCipher } = await import('../../../electron/headless/node-cipher');
    const { deadKeyring } = await import('../../core/vault/vault-fixtures');
    const cli = createHeadlessCore({ kind: 'cli', dataDir, env: {}, cipher: createNodeCipher({ dataDir, allowFileKey: true, keyring: deadKeyring }) });
    const listed = await cli.router.invoke('keys:list', undefined);
    expect(listed.ok && (listed.value as Array<{ needsReentry: boolean }>)[0]!.needsReentry).toBe(true);
  });
});
