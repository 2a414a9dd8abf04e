// The KeyStore port: one JSON document read and replaced atomically under an inter-process lock.
// Hosts implement it (conf in Node, electron-store in Electron); core only sees this interface.

/** A damaged store file that was moved aside instead of being replaced. */
export interface SetAside {
  readonly file: string;
  readonly setAsideAs: string;
  readonly at: string;
}

/** Thrown by a parse function when the document's shape is wrong: the store then sets the file aside. */
export class CorruptDocumentError extends Error {
  override readonly name = 'CorruptDocumentError';
}

export interface StoreSnapshot<D> {
  /** null when there is no document yet (or the damaged one was just set aside). */
  readonly document: D | null;
  readonly setAside: SetAside | null;
}

export interface KeyStore {
  /** Where the document lives, for messages. */
  readonly location: string;
  /** Reads the current document. Unparseable JSON or a CorruptDocumentError from `parse` sets the file aside. */
  read<D>(parse: (raw: unknown) => D): Promise<StoreSnapshot<D>>;
  /** Reads the freshest document, applies `change` and writes the result atomically, all under one
   *  exclusive lock, so two hosts or two quick saves never interleave. `change` must not mutate its input. */
  update<D, T>(parse: (raw: unknown) => D, change: (current: D | null) => { next: D; result: T }): Promise<StoreSnapshot<D> & { result: T }>;
  /** Calls `onChange` soon after another host (or store instance) changed the document; this instance's own
   *  writes do not call it. Returns the unsubscribe function. Stores only one process uses may omit it. */
  watch?(onChange: () => void): () => void;
}

/** An in-memory store for hosts without a data dir and for tests of the vault's own rules. */
export function createMemoryKeyStore(initial: unknown = null): KeyStore & { raw(): unknown; replaceRaw(value: unknown): void } {
  let raw: unknown = initial === null ? null : structuredClone(initial);
  let queue: Promise<unknown> = Promise.resolve();
  const parseOrNull = <D>(parse: (value: unknown) => D): StoreSnapshot<D> => {
    if (raw === null) return { document: null, setAside: null };
    try {
      return { document: parse(structuredClone(raw)), setAside: null };
    } catch (error) {
      if (!(error instanceof CorruptDocumentError)) throw error;
      raw = null;
      return { document: null, setAside: { file: 'memory', setAsideAs: 'memory.corrupt', at: new Date().toISOString() } };
    }
  };
  return {
    location: 'memory',
    async read(parse) {
      await queue;
      return parseOrNull(parse);
    },
    update(parse, change) {
      const run = queue.then(() => {
        const snapshot = parseOrNull(parse);
        const { next, result } = change(snapshot.document);
        raw = structuredClone(next);
        return { document: next, setAside: snapshot.setAside, result };
      });
      queue = run.catch(() => undefined);
      return run;
    },
    raw: () => structuredClone(raw),
    replaceRaw(value) {
      raw = structuredClone(value);
    },
  };
}
