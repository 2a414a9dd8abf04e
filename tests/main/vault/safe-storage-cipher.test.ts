// Electron's cipher over safeStorage. Electron cannot run here, so safeStorage is a fake (a port of the real
// module's async API, backed by AES with a fixed key); its sync calls, deprecated in Electron 45, throw, so
// any use of them fails these tests.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/create-core';
import { createMemoryKeyStore } from '../../../electron/core/vault/key-store';
import { createSafeStorageCipher } from '../../../electron/main/safe-storage-cipher';
import { keys } from '../../core/vault/vault-fixtures';

const key = Buffer.alloc(32, 3);
const deprecated = () => {
  throw new Error('a deprecated sync safeStorage call was used');
};

function fakeSafeStorage(options: { available?: boolean; backend?: string } = {}) {
  const calls = { encrypt: 0, decrypt: 0, backend: 0 };
  const module = {
    calls,
    isEncryptionAvailable: deprecated,
    encryptString: deprecated,
    decryptString: deprecated,
    getSelectedStorageBackend() {
      calls.backend++;
      return (options.backend ?? 'gnome_libsecret') as 'basic_text';
    },
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    async encryptStringAsync(plaintext: string) {
      calls.encrypt++;
      const iv = randomBytes(12);
      const aes = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([aes.update(plaintext, 'utf8'), aes.final()]);
      return Buffer.concat([iv, aes.getAuthTag(), body]);
    },
    async decryptStringAsync(sealed: Buffer) {
      calls.decrypt++;
      const aes = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      aes.setAuthTag(sealed.subarray(12, 28));
      return { result: Buffer.concat([aes.update(sealed.subarray(28)), aes.final()]).toString('utf8'), shouldReEncrypt: false };
    },
  };
  return module;
}

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'nome-safe-storage-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function coreWith(safeStorage: ReturnType<typeof fakeSafeStorage>, platform: NodeJS.Platform, store = createMemoryKeyStore()) {
  const cipher = createSafeStorageCipher({ safeStorage: safeStorage as never, platform, hasWeakerStorageConsent: () => false });
  const core = createCore({ host: { kind: 'electron', version: 'test', dataDir, demo: false }, clock: { now: () => Date.now() }, env: {}, cipher, fetch: () => Promise.reject(new Error('offline')) }, { keyStore: store });
  return { core, cipher, store };
}

describe('the safeStorage cipher', () => {
  it('seals and opens through the async API only, and the blob holds no plaintext', async () => {
    const safeStorage = fakeSafeStorage();
    const { cipher } = coreWith(safeStorage, 'linux');
    const secret = keys.anthropic();
    const sealed = await cipher.seal(secret);
    expect(sealed).toMatch(/^v1\.gnome_libsecret\./);
    expect(sealed).not.toContain(secret);
    expect(sealed).not.toContain(Buffer.from(secret).toString('base64').slice(0, 40));
    expect(await cipher.open(sealed)).toBe(secret);
    expect(safeStorage.calls).toMatchObject({ encrypt: 1, decrypt: 1 });
  });

  it('with no encryption available, stores nothing and says why', async () => {
    const safeStorage = fakeSafeStorage({ available: false });
    const { core, cipher, store } = coreWith(safeStorage, 'linux');
    expect(await cipher.describe()).toMatchObject({ available: false, weaker: false });
    await expect(cipher.seal('x')).rejects.toMatchObject({ code: 'storage_unavailable' });
    expect(await core.router.invoke('keys:add', { provider: 'xai', secret: keys.xai(), check: false })).toMatchObject({ ok: false, error: { code: 'storage_unavailable' } });
    expect(safeStorage.calls.encrypt).toBe(0);
    expect((store as ReturnType<typeof createMemoryKeyStore>).raw()).toBeNull();
    expect(existsSync(join(dataDir, 'keys.json'))).toBe(false);
  });

  it('on Linux basic_text without consent, refuses with needs_consent before encrypting anything', async () => {
    const safeStorage = fakeSafeStorage({ backend: 'basic_text' });
    const { core } = coreWith(safeStorage, 'linux');
    expect(await core.router.invoke('keys:add', { provider: 'xai', secret: keys.xai(), check: false })).toMatchObject({ ok: false, error: { code: 'needs_consent' } });
    expect(safeStorage.calls.encrypt).toBe(0);
  });

  it('on macOS and Windows is never weaker and never asks for the Linux-only backend', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const safeStorage = fakeSafeStorage({ backend: 'basic_text' });
      const { core, cipher } = coreWith(safeStorage, platform);
      expect(await cipher.describe()).toEqual({ cipher: `safeStorage:${platform}`, weaker: false, available: true, note: null });
      const saved = await core.router.invoke('keys:add', { provider: 'xai', secret: keys.xai(), check: false });
      expect(saved.ok && (saved.value as { card: { storage: unknown } }).card.storage).toEqual({ cipher: `safeStorage:${platform}`, weaker: false });
      expect(safeStorage.calls.backend).toBe(0);
    }
  });

  it('a blob it cannot decrypt (the OS keychain was reset) is kept and shown as needing re-entry', async () => {
    const store = createMemoryKeyStore();
    const first = coreWith(fakeSafeStorage(), 'darwin', store);
    const saved = await first.core.router.invoke('keys:add', { provider: 'xai', secret: keys.xai(), check: false });
    expect(saved.ok).toBe(true);
    const reset = fakeSafeStorage();
    reset.decryptStringAsync = async () => {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    };
    const after = coreWith(reset, 'darwin', store);
    await after.core.router.invoke('keys:check', {});
    const listed = await after.core.router.invoke('keys:list', undefined);
    expect(listed.ok && (listed.value as Array<{ needsReentry: boolean; state: string }>)).toEqual([expect.objectContaining({ needsReentry: true, state: 'unchecked' })]);
  });
});
