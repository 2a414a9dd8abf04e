// The Node cipher without a keyring: the file-key opt-in and the refusal without it. "No keyring" is a
// MasterKeyStore that rejects (the real keyring path is tests/headless/keys-keyring.test.ts).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MasterKeyStore } from '../../electron/headless/node-cipher';
import { createNodeCipher } from '../../electron/headless/node-cipher';
import { createHeadlessCore } from '../../electron/headless/host';
import { parseVaultDocument } from '../../electron/core/vault/vault-document';
import { deadKeyring, keys, memoryMasterKeyStore } from '../core/vault/vault-fixtures';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'nome-cipher-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** A keyring that answers reads (nothing stored) but refuses writes, like a locked collection. */
const readOnlyKeyring: MasterKeyStore = { kind: 'keyring', read: async () => null, write: () => Promise.reject(new Error('AccessDenied')) };

describe('the file-key opt-in from the command line (a real child, no D-Bus session: no keyring)', () => {
  it('--allow-file-key and NOME_ALLOW_FILE_KEY=1 each allow a 0600 key file, and the cards say weaker', () => {
    const { DBUS_SESSION_BUS_ADDRESS: _bus, NOME_ALLOW_FILE_KEY: _optIn, ...withoutBus } = process.env;
    const cli = (args: string[], input: string, env: Record<string, string> = {}) =>
      spawnSync(process.execPath, ['bin/nome-settings.js', '--data-dir', dataDir, '--json', ...args], { env: { ...withoutBus, ...env }, input, encoding: 'utf8' });
    const first = keys.xai();
    const refused = cli(['keys', 'add', '--provider', 'xai', '--no-check'], first);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/--allow-file-key or NOME_ALLOW_FILE_KEY=1/);
    expect(existsSync(join(dataDir, 'master.key'))).toBe(false);

    const byFlag = cli(['--allow-file-key', 'keys', 'add', '--provider', 'xai', '--no-check'], first);
    expect(statSync(join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
    const byEnv = cli(['keys', 'add', '--provider', 'xai', '--no-check'], keys.xai(), { NOME_ALLOW_FILE_KEY: '1' });
    for (const run of [byFlag, byEnv]) {
      expect(run.status).toBe(0);
      expect((JSON.parse(run.stdout) as { card: { storage: unknown } }).card.storage).toEqual({ cipher: 'aes-256-gcm:file', weaker: true });
    }
  }, 30_000);
});

describe('the Node cipher without a keyring', () => {
  it('refuses to store anything without the file-key opt-in, and writes no file', async () => {
    const cipher = createNodeCipher({ dataDir, allowFileKey: false, keyring: deadKeyring });
    expect(await cipher.describe()).toMatchObject({ available: false, weaker: false, note: expect.stringMatching(/--allow-file-key/) });
    await expect(cipher.seal('x')).rejects.toMatchObject({ code: 'storage_unavailable' });
    const core = createHeadlessCore({ kind: 'cli', dataDir, env: {}, cipher });
    const result = await core.router.invoke('keys:add', { provider: 'xai', secret: keys.xai(), check: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'storage_unavailable' } });
    expect(existsSync(join(dataDir, 'master.key'))).toBe(false);
    expect(existsSync(join(dataDir, 'keys.json'))).toBe(false);
  });

  it('with the opt-in, seals under a 0600 key file and every card says weaker', async () => {
    const cipher = createNodeCipher({ dataDir, allowFileKey: true, keyring: deadKeyring });
    expect(await cipher.describe()).toMatchObject({ cipher: 'aes-256-gcm:file', weaker: true, available: true });
    expect(existsSync(join(dataDir, 'master.key'))).toBe(false); // describing creates nothing
    const core = createHeadlessCore({ kind: 'cli', dataDir, env: {}, cipher });
    for (let i = 0; i < 2; i++) await core.router.invoke('keys:add', { provider: 'xai', secret: keys.xai(), check: false });
    const listed = await core.router.invoke('keys:list', undefined);
    expect(listed.ok && (listed.value as Array<{ storage: unknown }>).map((c) => c.storage)).toEqual([
      { cipher: 'aes-256-gcm:file', weaker: true },
      { cipher: 'aes-256-gcm:file', weaker: true },
    ]);
    expect(statSync(join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
  });

  it('puts a key file copied with looser permissions back to 0600 when it reads it', async () => {
    const sealed = await createNodeCipher({ dataDir, allowFileKey: true, keyring: deadKeyring }).seal('kept');
    chmodSync(join(dataDir, 'master.key'), 0o644);
    expect(await createNodeCipher({ dataDir, allowFileKey: true, keyring: deadKeyring }).open(sealed)).toBe('kept');
    expect(statSync(join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
  });

  it('falls back to the opted-in key file when the keyring answers reads but refuses the master key', async () => {
    const cipher = createNodeCipher({ dataDir, allowFileKey: true, keyring: readOnlyKeyring });
    const sealed = await cipher.seal('secret-value-1');
    expect(sealed.split('.')[1]).toBe('file');
    expect(await cipher.describe()).toMatchObject({ weaker: true });
    expect(await cipher.open(sealed)).toBe('secret-value-1');
    await expect(createNodeCipher({ dataDir, allowFileKey: false, keyring: readOnlyKeyring }).seal('x')).rejects.toMatchObject({ code: 'storage_unavailable' });
  });

  it('a damaged key file is reported, never replaced, and marks nothing for re-entry; restored, every key opens again', async () => {
    const core = createHeadlessCore({ kind: 'cli', dataDir, env: {}, cipher: createNodeCipher({ dataDir, allowFileKey: true, keyring: deadKeyring }) });
    const secret = keys.xai();
    expect(await core.router.invoke('keys:add', { provider: 'xai', secret, check: false })).toMatchObject({ ok: true });
    const keyFile = join(dataDir, 'master.key');
    const good = readFileSync(keyFile);
    writeFileSync(keyFile, Buffer.from('short').toString('base64'));

    const damaged = createHeadlessCore({ kind: 'cli', dataDir, env: {}, cipher: createNodeCipher({ dataDir, allowFileKey: true, keyring: deadKeyring }) });
    const info = await damaged.router.invoke('app:info', undefined);
    expect(info).toMatchObject({ ok: true, value: { storage: { available: false, note: expect.stringMatching(/master key in .*master\.key is damaged .*Restore it from a backup/) } } });
    const refused = await damaged.router.invoke('keys:add', { provider: 'xai', secret: keys.xai(), check: false });
    expect(refused).toMatchObject({ ok: false, error: { code: 'storage_unavailable', message: expect.stringMatching(/damaged/) } });
    await damaged.router.invoke('keys:check', {});
    const listed = await damaged.router.invoke('keys:list', undefined);
    expect(listed.ok && (listed.value as Array<{ needsReentry: boolean }>)).toEqual([expect.objectContaining({ needsReentry: false })]);
    expect(readFileSync(keyFile, 'utf8')).toBe(Buffer.from('short').toString('base64'));

    writeFileSync(keyFile, good);
    const [record] = parseVaultDocument(JSON.parse(readFileSync(join(dataDir, 'keys.json'), 'utf8'))).keys;
    expect(await createNodeCipher({ dataDir, allowFileKey: true, keyring: deadKeyring }).open(record!.secret!.blob)).toBe(secret);
    await Promise.all([core.dispose(), damaged.dispose()]);
  });

  it('a keyring entry that is not a 32-byte key is reported as damaged, and nothing is sealed or marked', async () => {
    const sealed = await createNodeCipher({ dataDir, allowFileKey: false, keyring: memoryMasterKeyStore(Buffer.alloc(32, 4)) }).seal('kept');
    const damaged = memoryMasterKeyStore(Buffer.alloc(7, 4));
    const cipher = createNodeCipher({ dataDir, allowFileKey: true, keyring: damaged });
    expect(await cipher.describe()).toMatchObject({ available: false, note: expect.stringMatching(/master key in the OS keyring is damaged \(it holds 7 bytes/) });
    await expect(cipher.seal('x')).rejects.toMatchObject({ code: 'storage_unavailable' });
    await expect(cipher.open(sealed)).rejects.toMatchObject({ code: 'storage_unavailable' });
    expect(damaged.key()!.length).toBe(7);
    expect(existsSync(join(dataDir, 'master.key'))).toBe(false);
  });

  it('two hosts creating the master key at once end up sharing one, so neither loses what it sealed', async () => {
    const host = () => createNodeCipher({ dataDir, allowFileKey: true, keyring: deadKeyring });
    const sealed = await Promise.all(['one', 'two', 'three', 'four'].map((text) => host().seal(text)));
    const later = host();
    expect(await Promise.all(sealed.map((blob) => later.open(blob)))).toEqual(['one', 'two', 'three', 'four']);
  });

  it('still opens file-sealed keys after a keyring appears, and says "try later" for keyring keys when it goes away', async () => {
    const fileSealed = await createNodeCipher({ dataDir, allowFileKey: true, keyring: deadKeyring }).seal('from-the-file-days');
    const keyring = memoryMasterKeyStore();
    expect(await createNodeCipher({ dataDir, allowFileKey: false, keyring }).open(fileSealed)).toBe('from-the-file-days');
    const keyringSealed = await createNodeCipher({ dataDir, allowFileKey: false, keyring }).seal('from-the-keyring');
    await expect(createNodeCipher({ dataDir, allowFileKey: true, keyring: deadKeyring }).open(keyringSealed)).rejects.toMatchObject({ code: 'storage_unavailable' });
  });
});
