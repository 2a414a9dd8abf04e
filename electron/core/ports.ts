// The ports a host hands to core: everything core knows of the outside world comes through here.
import type { StorageInfo } from '../../shared/channels/app';
import type { LocalServerKind } from '../../shared/channels/seats';
import type { HomeFiles } from './seats/home-files';
import type { HostKind } from '../../shared/vocabulary';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
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
}

export const systemClock: Clock = { now: () => Date.now() };
