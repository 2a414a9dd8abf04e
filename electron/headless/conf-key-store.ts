// The KeyStore port over conf (Node hosts) or electron-store (Electron, a conf subclass): the same JSON
// file, written atomically by conf, plus a lock file so two hosts never interleave read-modify-write.
// A file that does not parse is moved aside as `<name>.corrupt-<timestamp>`, never replaced in place.
import Conf from 'conf';
import { readdirSync, readFileSync, renameSync, rmSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CorruptDocumentError, type KeyStore, type SetAside, type StoreSnapshot } from '../core/vault/key-store';
import { createFileLock, type FileLockOptions } from './file-lock';

/** The part of conf (and electron-store) this adapter uses. */
export interface ConfLike {
  readonly path: string;
  store: Record<string, unknown>;
}

export interface ConfKeyStoreOptions {
  /** The store file, e.g. `<dataDir>/keys.json`: the same path `openConf` writes. */
  readonly path: string;
  /** Builds conf on first write, after any damaged file was set aside (conf's constructor reads it). */
  readonly openConf: () => ConfLike;
  readonly lock?: FileLockOptions;
  readonly now?: () => Date;
}

/** conf options shared by the Node and Electron stores, so both write the same file the same way. */
export const keyStoreConfOptions = {
  configName: 'keys',
  clearInvalidConfig: false,
  configFileMode: 0o600,
  // Compact JSON: the file is read on every list, and 1,000 keys pretty-printed cost a third more.
  serialize: (value: unknown) => JSON.stringify(value),
} as const;

/** The Node hosts' store: `<dataDir>/keys.json`, the file Electron's electron-store uses too. */
export function createNodeKeyStore(dataDir: string, lock?: FileLockOptions): KeyStore {
  return createConfKeyStore({
    path: join(dataDir, `${keyStoreConfOptions.configName}.json`),
    openConf: () => new Conf<Record<string, unknown>>({ ...keyStoreConfOptions, cwd: dataDir, projectName: 'nome-settings' }),
    ...(lock ? { lock } : {}),
  });
}

interface Cached {
  readonly stamp: string;
  readonly raw: unknown;
  /** Parsed documents by parse function: listing 1,000 keys twice parses once. Documents are never mutated. */
  readonly parsed: Map<unknown, unknown>;
}

class UnparseableFile extends Error {}

/** conf's own bookkeeping key (migrations); the vault's schema ignores it. */
const confInternalKey = '__internal__';

export function createConfKeyStore(options: ConfKeyStoreOptions): KeyStore {
  const path = options.path;
  let conf: ConfLike | null = null;
  const lock = createFileLock(`${path}.lock`, options.lock);
  const now = options.now ?? (() => new Date());
  let cached: Cached | null = null;
  /** The file's stamp after this instance's last write: a watch event for it is our own. */
  let ownStamp: string | null = null;

  const stampOf = (): string | null => {
    try {
      const stat = statSync(path, { bigint: true });
      // Atomic writes rename a new file into place, so the inode changes on every write.
      return `${stat.ino}:${stat.size}:${stat.mtimeNs}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  };

  /** The file's JSON, or null when there is none. Throws UnparseableFile for damage. */
  function readRaw(): Cached | null {
    const stamp = stampOf();
    if (stamp === null) return null;
    if (cached?.stamp === stamp) return cached;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new UnparseableFile();
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UnparseableFile();
    cached = { stamp, raw, parsed: new Map() };
    return cached;
  }

  function parseCached<D>(entry: Cached | null, parse: (raw: unknown) => D): D | null {
    if (entry === null) return null;
    if (!entry.parsed.has(parse)) entry.parsed.set(parse, parse(entry.raw));
    return entry.parsed.get(parse) as D;
  }

  function setAside(): SetAside {
    const at = now();
    const setAsideAs = `${basename(path)}.corrupt-${at.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(path, `${path.slice(0, path.length - basename(path).length)}${setAsideAs}`);
    cached = null;
    return { file: basename(path), setAsideAs, at: at.toISOString() };
  }

  /** Removes temp files of writes cut short by a kill (atomic writes name them `<name>.tmp-…`). Only the lock
   *  holder writes, so under the lock every such file is an orphan. Once per store instance. */
  let swept = false;
  function sweepOrphans(): void {
    if (swept) return;
    swept = true;
    const prefix = `${basename(path)}.tmp-`;
    try {
      for (const name of readdirSync(dirname(path))) if (name.startsWith(prefix)) rmSync(join(dirname(path), name), { force: true });
    } catch {
      // The folder may not exist yet; nothing to sweep.
    }
  }

  /** Parses the file; damage is set aside (the caller holds the lock). */
  function parseLocked<D>(parse: (raw: unknown) => D): StoreSnapshot<D> {
    try {
      return { document: parseCached(readRaw(), parse), setAside: null };
    } catch (error) {
      if (!(error instanceof UnparseableFile) && !(error instanceof CorruptDocumentError)) throw error;
      return { document: null, setAside: setAside() };
    }
  }

  return {
    location: path,
    async read(parse) {
      try {
        return { document: parseCached(readRaw(), parse), setAside: null };
      } catch (error) {
        if (!(error instanceof UnparseableFile) && !(error instanceof CorruptDocumentError)) throw error;
        // Damage is set aside under the lock, after a re-read: a writer may have just replaced the file.
        return lock.run(() => parseLocked(parse));
      }
    },
    update(parse, change) {
      return lock.run(() => {
        sweepOrphans();
        const snapshot = parseLocked(parse);
        const cachedRawBefore = snapshot.setAside ? null : (cached?.raw ?? null);
        const { next, result } = change(snapshot.document);
        conf ??= options.openConf();
        // conf's setter re-reads the whole file to carry its `__internal__` key over unless the value has one;
        // handing it over ourselves saves a read and parse of the store on every save (bench/vault.ts).
        const internal = (cachedRawBefore as Record<string, unknown> | null)?.[confInternalKey] ?? {};
        conf.store = { ...(next as Record<string, unknown>), [confInternalKey]: internal };
        // What was just written is the freshest document: the next list need not read and parse it again.
        const stamp = stampOf();
        ownStamp = stamp;
        cached = stamp === null ? null : { stamp, raw: next, parsed: new Map([[parse, next]]) };
        return { document: next, setAside: snapshot.setAside, result };
      });
    },
    watch(onChange) {
      // The folder, not the file: an atomic write renames a new file into place, which ends a file watch.
      let watcher: FSWatcher | null = null;
      let timer: ReturnType<typeof setTimeout> | null = null;
      const stampOrError = () => {
        try {
          return stampOf();
        } catch {
          return 'unreadable'; // reported like a change: the next read says what is wrong
        }
      };
      let reported = stampOrError();
      const settle = () => {
        timer = null;
        const stamp = stampOrError();
        if (stamp === reported) return;
        reported = stamp;
        if (stamp !== ownStamp) onChange();
      };
      try {
        watcher = watch(dirname(path), { persistent: false }, (_event, name) => {
          // A burst of events (temp file, rename) settles into one look at the file.
          if (name === basename(path) && !timer) timer = setTimeout(settle, 50);
        });
        watcher.on('error', () => watcher?.close());
      } catch {
        // No folder yet or no watch support: other hosts' changes then show at the next read, as before.
      }
      return () => {
        watcher?.close();
        if (timer) clearTimeout(timer);
      };
    },
  };
}
