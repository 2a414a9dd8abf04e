// The ports a host hands to core: everything core knows of the outside world comes through here.
import type { StorageInfo } from '../../shared/channels/app';
import type { LocalServerKind } from '../../shared/channels/seats';
import type { HomeFiles } from './seats/home-files';
import type { HostKind } from '../../shared/vocabulary';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** Timers, as a port so tests drive time by hand instead of sleeping. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface HostInfo {
  readonly kind: HostKind;
  readonly version: string;
  /** Absolute path of the data dir; core writes nowhere else. */
  readonly dataDir: string;
  /** `--demo`: seed a realistic month of data. Never on by default. */
  readonly demo: boolean;
}

/** Seals and opens secrets. Electron: safeStorage; Node hosts: AES-256-GCM under a keyring or file key. */
export interface Cipher {
  /** Tag stored beside every blob it seals, so a record sealed elsewhere is recognised, not mangled. */
  readonly id: string;
  describe(): Promise<StorageInfo>;
  seal(plaintext: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

export interface CorePorts {
  readonly host: HostInfo;
  readonly clock: Clock;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cipher: Cipher;
  /** Outbound HTTP for provider checks; the shared HTTP port wraps it with deadline, size cap and redirects. */
  readonly fetch: typeof fetch;
  /** Read-only view of the user's home, for the CLIs' sign-in files (seats). Optional: without it every seat
   *  says this host cannot read them. It has no write, by design. */
  readonly homeFiles?: HomeFiles;
  /** Where the built-in local model servers listen, when not at their defaults (tests: emulators). */
  readonly localServerUrls?: Partial<Record<LocalServerKind, string>>;
  /** Files in the data dir (receipts, the local account). Optional so older hosts and tests still build;
   *  without it the credits feature keeps its ledger in memory only. */
  readonly files?: DataFiles;
  /** Resume from sleep and network changes (Electron: powerMonitor and net; Node hosts: their own watchers),
   *  so key checks re-run when the world may have changed. Optional: without it checks run on their interval. */
  readonly systemEvents?: SystemEvents;
  /** Optional: without it core uses the process's own timers. Tests hand in timers they fire by hand. */
  readonly timers?: Timers;
}

/** Each subscription returns its unsubscribe function. */
export interface SystemEvents {
  onResume(callback: () => void): () => void;
  onNetworkChange(callback: () => void): () => void;
}

/** The data dir's files, as core needs them: append-only logs, atomic snapshots, recovery of torn tails.
 *  Paths are relative to the data dir and '/'-separated; hosts refuse anything that leaves it. Kept behind a
 *  port so tests can inject a crash at any byte. */
export interface DataFiles {
  /** The whole file, or null when it does not exist. */
  read(path: string): Promise<Uint8Array | null>;
  /** Bytes [start, end) of a file (shorter at its end). */
  readRange(path: string, start: number, end: number): Promise<Uint8Array>;
  /** Size in bytes, or null when the file does not exist. */
  size(path: string): Promise<number | null>;
  /** File names in a folder ('' for the data dir itself); [] when the folder does not exist. */
  list(dir: string): Promise<string[]>;
  /** Appends (creating folders and the file, 0600); with `sync`, returns after fsync. */
  append(path: string, data: Uint8Array, options?: { sync?: boolean }): Promise<void>;
  /** Replaces a file whole: temp file, fsync, rename. Readers see the old or the new file, never a mix. */
  writeAtomic(path: string, data: Uint8Array): Promise<void>;
  /** Cuts a file to `size` bytes and fsyncs it. */
  truncate(path: string, size: number): Promise<void>;
  remove(path: string): Promise<void>;
  /** Runs `work` holding an inter-process lock for `path`, for a read-change-write of a small file that the
   *  app and a CLI command may make at once. Absent on a host no other process shares (memory, tests). */
  exclusive?<T>(path: string, work: () => Promise<T>): Promise<T>;
}

export const systemClock: Clock = { now: () => Date.now() };

export const systemTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
