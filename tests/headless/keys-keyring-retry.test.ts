// The keyring master-key store under a keyring that misbehaves for a moment. The entries are fakes of
// @napi-rs/keyring's AsyncEntry: the real daemon's transient AccessDenied (seen once under load, right
// after gnome-keyring started) cannot be provoked on demand. The real keyring path is keys-keyring.test.ts.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNodeCipher, keyringMasterKeyStore, type KeyringEntry } from '../../electron/headless/node-cipher';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'nome-keyring-retry-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const accessDenied = () => new Error("Couldn't access platform storage: AccessDenied");

/** A fake keyring: one value per account; `failures` says, call by call, which throw (null: this one works). */
function fakeKeyring() {
  const values = new Map<string, string>();
  const failures: Array<(() => Error) | null> = [];
  let entriesOpened = 0;
  /** How many of the next entries are built while Secret Service does not answer: @napi-rs/keyring then binds
   *  them to the kernel keyring, which (in a container) reads nothing and refuses writes with AccessDenied. */
  let stuckEntries = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const track = async <T>(work: () => T): Promise<T> => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await new Promise((resolve) => setImmediate(resolve)); // a D-Bus round trip: other calls may start meanwhile
      const failure = failures.shift();
      if (failure) throw failure();
      return work();
    } finally {
      inFlight -= 1;
    }
  };
  const openEntry = (_service: string, account: string): KeyringEntry => {
    entriesOpened += 1;
    if (stuckEntries > 0) {
      stuckEntries -= 1;
      const refuse = (): void => {
        throw accessDenied();
      };
      return { getPassword: () => track(() => null), setPassword: () => track(refuse) };
    }
    return {
      getPassword: () => track(() => values.get(account) ?? null),
      setPassword: (password) => track(() => void values.set(account, password)),
    };
  };
  const stickNextEntries = (count: number) => void (stuckEntries = count);
  return { openEntry, failures, values, stickNextEntries, entriesOpened: () => entriesOpened, maxInFlight: () => maxInFlight };
}

const noWait = { retryDelaysMs: [0, 0] };

describe('the keyring master-key store', () => {
  it('a read refused once (AccessDenied) is retried on a fresh entry and returns the key', async () => {
    const keyring = fakeKeyring();
    const store = keyringMasterKeyStore(dataDir, { openEntry: keyring.openEntry, ...noWait });
    await store.write(Buffer.alloc(32, 7));
    keyring.failures.push(accessDenied);
    const opened = keyring.entriesOpened();
    expect(await store.read()).toEqual(Buffer.alloc(32, 7));
    expect(keyring.entriesOpened() - opened).toBe(2);
  });

  it('the retry is bounded: a keyring that keeps refusing is reported after three attempts', async () => {
    const keyring = fakeKeyring();
    keyring.failures.push(accessDenied, accessDenied, accessDenied, accessDenied);
    const store = keyringMasterKeyStore(dataDir, { openEntry: keyring.openEntry, ...noWait });
    await expect(store.read()).rejects.toThrow(/AccessDenied/);
    expect(keyring.entriesOpened()).toBe(3);
    expect(keyring.failures).toHaveLength(1);
  });

  it('our own deadline is not retried', async () => {
    const keyring = fakeKeyring();
    keyring.failures.push(() => Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }));
    const store = keyringMasterKeyStore(dataDir, { openEntry: keyring.openEntry, ...noWait });
    await expect(store.read()).rejects.toThrow(/timeout/);
    expect(keyring.entriesOpened()).toBe(1);
  });

  it('a master-key write refused once still seals, under the keyring, and another process opens it', async () => {
    const keyring = fakeKeyring();
    const cipher = createNodeCipher({ dataDir, allowFileKey: false, keyring: keyringMasterKeyStore(dataDir, { openEntry: keyring.openEntry, ...noWait }) });
    expect(await cipher.describe()).toMatchObject({ cipher: 'aes-256-gcm:keyring', available: true });
    keyring.failures.push(accessDenied); // the first call of creating the master key: its read
    const sealed = await cipher.seal('the-custom-key-1234');
    expect(sealed.split('.')[1]).toBe('keyring');
    const other = createNodeCipher({ dataDir, allowFileKey: false, keyring: keyringMasterKeyStore(dataDir, { openEntry: keyring.openEntry, ...noWait }) });
    expect(await other.open(sealed)).toBe('the-custom-key-1234');
    expect(existsSync(join(dataDir, 'master.key'))).toBe(false);
  });

  it('entries built while Secret Service did not answer are not kept: creating the master key tries again on new ones', async () => {
    const keyring = fakeKeyring();
    const cipher = createNodeCipher({ dataDir, allowFileKey: false, keyring: keyringMasterKeyStore(dataDir, { openEntry: keyring.openEntry, ...noWait }) });
    expect(await cipher.describe()).toMatchObject({ cipher: 'aes-256-gcm:keyring', available: true });
    keyring.stickNextEntries(2); // creating the master key: its read sees nothing, its write is refused
    const sealed = await cipher.seal('sealed-while-the-daemon-started');
    expect(keyring.values.size).toBe(1);
    const other = createNodeCipher({ dataDir, allowFileKey: false, keyring: keyringMasterKeyStore(dataDir, { openEntry: keyring.openEntry, ...noWait }) });
    expect(await other.open(sealed)).toBe('sealed-while-the-daemon-started');
  });

  it('a refused write is retried after a fresh read, so a key another writer made meanwhile is adopted, not replaced', async () => {
    const keyring = fakeKeyring();
    const store = keyringMasterKeyStore(dataDir, { openEntry: keyring.openEntry, ...noWait });
    const cipher = createNodeCipher({ dataDir, allowFileKey: false, keyring: store });
    expect(await cipher.describe()).toMatchObject({ available: true }); // selection read: no key yet
    const theirs = keyringMasterKeyStore(dataDir, { openEntry: keyring.openEntry, ...noWait });
    // Our create reads nothing, then its write is refused; before our retry another writer's key lands.
    keyring.failures.push(null, () => {
      void theirs.write(Buffer.alloc(32, 3));
      return accessDenied();
    });
    const sealed = await cipher.seal('sealed-after-the-race');
    const theirCipher = createNodeCipher({ dataDir, allowFileKey: false, keyring: theirs });
    expect(await theirCipher.open(sealed)).toBe('sealed-after-the-race');
    expect([...keyring.values.values()]).toEqual([Buffer.alloc(32, 3).toString('base64')]);
  });

  it('keeps one keyring call in flight per process, across stores and data dirs', async () => {
    const keyring = fakeKeyring();
    const stores = [dataDir, join(dataDir, 'other')].map((dir) => keyringMasterKeyStore(dir, { openEntry: keyring.openEntry, ...noWait }));
    await Promise.all(stores.flatMap((store, index) => [store.write(Buffer.alloc(32, index)), store.read(), store.read()]));
    expect(keyring.maxInFlight()).toBe(1);
    expect(keyring.entriesOpened()).toBe(6);
  });
});
