// The Node hosts' cipher: AES-256-GCM under a random master key kept in the OS keyring; where no keyring
// answers, only an explicit opt-in allows a 0600 key file, and such storage is labelled weaker.
import { AsyncEntry } from '@napi-rs/keyring';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { StorageInfo } from '../../shared/channels/app';
import { NomeError } from '../../shared/errors';
import type { Cipher } from '../core/ports';
import { createFileLock, type FileLock } from './file-lock';

/** Where the master key lives; the keyring one is real, tests may hand in their own. */
export interface MasterKeyStore {
  readonly kind: 'keyring' | 'file';
  /** Resolves to null when the store answers but holds no key yet; rejects when the store cannot answer. */
  read(): Promise<Buffer | null>;
  write(key: Buffer): Promise<void>;
  /** Waits before each further attempt at creating the master key after a transient failure; none: one try. */
  readonly retryDelaysMs?: readonly number[];
}

const keyringTimeoutMs = 5000;

/** The part of @napi-rs/keyring's AsyncEntry used here, so a test can hand in a fake entry. */
export interface KeyringEntry {
  getPassword(signal?: AbortSignal): Promise<string | null>;
  setPassword(password: string, signal?: AbortSignal): Promise<void>;
}

export interface KeyringStoreOptions {
  readonly openEntry?: (service: string, account: string) => KeyringEntry;
  /** Waits before the second and later attempts after a transient failure (a short, bounded retry). */
  readonly retryDelaysMs?: readonly number[];
}

/** Secret Service can refuse a call for a moment (AccessDenied, no reply) while the daemon starts or is
 *  loaded; a deadline we set ourselves is not such a moment, and retrying it would only multiply the wait. */
export function isTransientKeyringError(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return !/abort|timed? ?out/i.test(text);
}

/** Runs `operation`, and again after each delay while it fails transiently; the last failure is reported. */
export async function retryTransient<T>(operation: () => Promise<T>, delaysMs: readonly number[], isTransient = isTransientKeyringError): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      const delay = delaysMs[attempt];
      if (delay === undefined || !isTransient(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

// One keyring call in flight per process: two D-Bus sessions opened at once (a `serve` sealing while the
// scheduler opens keys, two ciphers for one data dir) race where the daemon creates or unlocks its
// collection. Calls are rare and short, so queueing them costs nothing measurable.
let keyringQueue: Promise<unknown> = Promise.resolve();
function oneKeyringCallAtATime<T>(call: () => Promise<T>): Promise<T> {
  const run = keyringQueue.then(call, call);
  keyringQueue = run.catch(() => undefined);
  return run;
}

const defaultKeyringRetryDelaysMs = [100, 400];

export function keyringMasterKeyStore(dataDir: string, options: KeyringStoreOptions = {}): MasterKeyStore {
  // One master key per data dir, so two data dirs on one host never share or clobber a key.
  const account = `master-key:${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}`;
  // Pinned to Secret Service on Linux: unpinned, the library falls back to the kernel keyring when no Secret
  // Service answers, which reads nothing (so every sealed key would look like another host's) and forgets
  // at reboot. Pinned, the constructor throws instead, which is "no keyring": refuse, or the file-key opt-in.
  const openEntry = options.openEntry ?? ((service, name) => new AsyncEntry(service, name, { linux: { store: 'secret-service' } }));
  const retryDelaysMs = options.retryDelaysMs ?? defaultKeyringRetryDelaysMs;
  // A fresh entry per call: on Linux @napi-rs/keyring chooses Secret Service or the kernel keyring when an
  // entry is built, by asking D-Bus; asked while the daemon starts, it settles on the kernel keyring for
  // good, which reads nothing and refuses writes (AccessDenied). A new entry asks again.
  const call = <T>(use: (entry: KeyringEntry) => Promise<T>) => oneKeyringCallAtATime(() => use(openEntry('nome-settings', account)));
  return {
    kind: 'keyring',
    retryDelaysMs,
    read() {
      return retryTransient(
        () => call(async (entry) => {
          const value = await entry.getPassword(AbortSignal.timeout(keyringTimeoutMs));
          return value ? Buffer.from(value, 'base64') : null;
        }),
        retryDelaysMs,
      );
    },
    // Never retried on its own: a write after a failed attempt must follow a fresh read (createMaster), or it
    // could replace a master key another process has just created.
    write(key) {
      return call((entry) => entry.setPassword(key.toString('base64'), AbortSignal.timeout(keyringTimeoutMs)));
    },
  };
}

export function fileMasterKeyStore(path: string): MasterKeyStore {
  return {
    kind: 'file',
    async read() {
      try {
        const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
        // A key file restored or copied with looser permissions is put back to owner-only (0600), if it is ours.
        try {
          if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
        } catch {
          // not ours to change: it still opens the keys
        }
        return key;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async write(key) {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      // Writes happen under the creation lock, so any temp key file here is an orphan of a killed writer.
      for (const name of readdirSync(dirname(path))) {
        if (name.startsWith(`${basename(path)}.`) && name.endsWith('.tmp')) rmSync(join(dirname(path), name), { force: true });
      }
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, key.toString('base64'), { mode: 0o600, flag: 'wx' });
      chmodSync(temporary, 0o600);
      renameSync(temporary, path);
    },
  };
}

interface MasterKey {
  readonly id: string;
  readonly key: Buffer;
  readonly store: MasterKeyStore;
}

const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 12);

function masterOf(store: MasterKeyStore, key: Buffer): MasterKey {
  if (key.length !== 32) throw new Error(`the ${store.kind} master key has the wrong length`);
  return { id: keyIdOf(key), key, store };
}

/** What a store holds, read without throwing: a master key, nothing yet, or something that is not a key. */
function readMaster(store: MasterKeyStore, key: Buffer | null, where: string): { master: MasterKey | null; damaged: string | null } {
  if (!key) return { master: null, damaged: null };
  if (key.length === 32) return { master: masterOf(store, key), damaged: null };
  // Never replaced on our own: it may be restorable, and every key sealed under the real one depends on it.
  return {
    master: null,
    damaged: `The master key in ${where} is damaged (it holds ${key.length} bytes, not a 32-byte key), so keys sealed under it cannot be opened and nothing new is stored. Restore it from a backup, or move it aside to start a new one (keys sealed under the old one will then need re-entry)`,
  };
}

/** Creates the master key once per data dir. Under a lock, because two hosts creating it at once would
 *  each seal under their own key and one would lose every key it sealed; the second adopts the first's. */
async function createMaster(store: MasterKeyStore, lock: FileLock | null): Promise<MasterKey> {
  const create = async () => {
    const existing = await store.read();
    if (existing) return masterOf(store, existing);
    const key = randomBytes(32);
    await store.write(key);
    // Read back: a keyring that accepts writes but cannot return them would lose every key we seal.
    const again = await store.read();
    if (!again?.equals(key)) throw new Error(`the ${store.kind} did not keep the master key`);
    return masterOf(store, key);
  };
  // A transient failure retries the whole read-write-read: the read adopts a key another host made meanwhile.
  const attempt = () => retryTransient(create, store.retryDelaysMs ?? []);
  return lock ? lock.run(attempt) : attempt();
}

export interface NodeCipherOptions {
  readonly dataDir: string;
  readonly allowFileKey: boolean;
  readonly keyring?: MasterKeyStore;
  readonly file?: MasterKeyStore;
}

/** Which master-key store this host uses and what it holds; found by reading only, never by writing. */
interface Selection {
  readonly store: MasterKeyStore | null;
  readonly master: MasterKey | null;
  /** Why the keyring is not used, when it is not. */
  readonly reason: string | null;
  /** Set when the store answers with something that is not a master key. */
  readonly damaged: string | null;
}

export function createNodeCipher(options: NodeCipherOptions): Cipher & { readonly fileKeyPath: string } {
  const fileKeyPath = join(options.dataDir, 'master.key');
  const keyring = options.keyring ?? keyringMasterKeyStore(options.dataDir);
  const file = options.file ?? fileMasterKeyStore(fileKeyPath);
  let selected: Promise<Selection> | null = null;
  let created: Promise<MasterKey> | null = null;
  // The data dir exists for real hosts; tests of the vault's rules hand a keyring and no data dir.
  const creationLock = existsSync(options.dataDir) ? createFileLock(join(options.dataDir, 'master-key.lock')) : null;

  // Describing and opening only read: `info` or `keys list` on a fresh machine creates no key file and no
  // keyring entry. Only sealing creates the master key.
  const select = () =>
    (selected ??= keyring.read().then(
      (key): Selection => ({ store: keyring, reason: null, ...readMaster(keyring, key, 'the OS keyring') }),
      async (keyringError: unknown): Promise<Selection> => {
        const reason = `No OS keyring answered (${keyringError instanceof Error ? keyringError.message : String(keyringError)})`;
        if (!options.allowFileKey) return { store: null, master: null, reason, damaged: null };
        return { store: file, reason, ...readMaster(file, await file.read(), fileKeyPath) };
      },
    ));

  async function masterForSealing(): Promise<MasterKey> {
    const selection = await select();
    if (!selection.store) throw new NomeError('storage_unavailable', `${selection.reason}; nothing was stored.`);
    if (selection.damaged) throw new NomeError('storage_unavailable', `${selection.damaged}.`);
    if (selection.master) return selection.master;
    created ??= createMaster(selection.store, creationLock).catch(async (error: unknown) => {
      created = null;
      const why = error instanceof Error ? error.message : String(error);
      // A keyring can answer reads yet refuse writes (no unlocked collection): same as no keyring.
      if (selection.store?.kind === 'keyring' && options.allowFileKey) {
        const reason = `The OS keyring refused to keep the master key (${why})`;
        selected = Promise.resolve({ store: file, master: null, reason, damaged: null });
        return masterForSealing();
      }
      throw new NomeError('storage_unavailable', `The ${selection.store?.kind ?? 'key store'} refused to keep the master key (${why}); nothing was stored.`);
    });
    return created;
  }

  const cipher = {
    fileKeyPath,
    get id() {
      return 'aes-256-gcm';
    },
    async describe(): Promise<StorageInfo> {
      const { store, reason, damaged } = await select();
      // `weaker: false`: nothing can be stored, so there is nothing to consent to (core reads weaker + unavailable as "ask").
      if (damaged) return { cipher: `aes-256-gcm:${store?.kind ?? 'none'}`, weaker: false, available: false, note: `${damaged}.` };
      if (!store) {
        return {
          cipher: 'aes-256-gcm:none',
          weaker: false,
          available: false,
          note: `${reason}. Keys cannot be stored until a keyring is available, or you opt in to a key file with --allow-file-key or NOME_ALLOW_FILE_KEY=1 (weaker).`,
        };
      }
      if (store.kind === 'file') {
        return {
          cipher: 'aes-256-gcm:file',
          weaker: true,
          available: true,
          note: `Keys are encrypted under a key file (${fileKeyPath}, mode 0600) instead of the OS keyring, so anyone who can read your files can read your keys.`,
        };
      }
      return { cipher: 'aes-256-gcm:keyring', weaker: false, available: true, note: null };
    },
    async seal(plaintext: string): Promise<string> {
      const master = await masterForSealing();
      const iv = randomBytes(12);
      const aes = createCipheriv('aes-256-gcm', master.key, iv);
      const body = Buffer.concat([aes.update(plaintext, 'utf8'), aes.final()]);
      return ['v1', master.store.kind, master.id, iv.toString('base64'), aes.getAuthTag().toString('base64'), body.toString('base64')].join('.');
    },
    async open(sealed: string): Promise<string> {
      const [version, kind, keyId, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !keyId || !iv || !tag || body === undefined) throw new Error('not a blob this cipher sealed');
      const selection = await select();
      let master = selection.master ?? (created ? await created.catch(() => null) : null);
      let damaged = selection.store?.kind === kind ? selection.damaged : null;
      // Sealed under an opted-in key file before the keyring came back: the file still opens it.
      if (kind === 'file' && selection.store?.kind !== 'file') {
        ({ master, damaged } = readMaster(file, await file.read().catch(() => null), fileKeyPath));
      }
      // A damaged master key may yet be restored: "cannot open now", not "enter it again".
      if (damaged) throw new NomeError('storage_unavailable', `${damaged}.`);
      // A keyring blob while the keyring does not answer is "try later", not "enter it again".
      if (kind === 'keyring' && selection.store?.kind !== 'keyring') throw new NomeError('storage_unavailable', `${selection.reason ?? 'No OS keyring answered'}; the key cannot be opened now.`);
      if (!master || master.id !== keyId) throw new Error('sealed under a master key this host does not have');
      const aes = createDecipheriv('aes-256-gcm', master.key, Buffer.from(iv, 'base64'));
      aes.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([aes.update(Buffer.from(body, 'base64')), aes.final()]).toString('utf8');
    },
  };
  return cipher;
}
