// Builds the core for a Node host (CLI or serve): data dir, clock, env, fetch and the Node cipher.
import { mkdirSync, readFileSync } from 'node:fs';
import { readCredentialFile } from './credential-file';
import Conf from 'conf';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { HostKind } from '../../shared/vocabulary';
import { defaultDataDir } from '../core/app/data-dir';
import { createCore, type Core } from '../core/create-core';
import { createNodeSystemEvents } from './node-system-events';
import { systemClock, type Cipher, type CorePorts } from '../core/ports';
import { createNodeCipher } from './node-cipher';
import { createNodeHomeFiles } from './home-files';
import { createNodeDataFiles } from './node-data-files';
import { lazyPreferencesStore, openPreferencesStore } from './preferences-store';
import { createNodeKeyStore } from './conf-key-store';

export interface HeadlessOptions {
  readonly kind: Exclude<HostKind, 'electron'>;
  readonly dataDir?: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly demo?: boolean;
  readonly allowFileKey?: boolean;
  /** Tests hand in their own cipher or fetch; production uses the real ones. */
  readonly cipher?: Cipher;
  readonly fetch?: typeof fetch;
  /** Tests point the local model servers at emulators on random ports. */
  readonly localServerUrls?: CorePorts['localServerUrls'];
}

export function readPackageVersion(): string {
  const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return packageJson.version;
}

export function resolveDataDir(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  return resolve(flag ?? env.NOME_DATA_DIR ?? defaultDataDir(process.platform, env, homedir()));
}

/** The cipher a Node host seals and opens with: the test's, or the keyring one (the file key only by opt-in). */
export function hostCipher(options: HeadlessOptions, dataDir: string): Cipher {
  const allowFileKey = options.allowFileKey === true || options.env.NOME_ALLOW_FILE_KEY === '1';
  return options.cipher ?? createNodeCipher({ dataDir, allowFileKey });
}

export function createHeadlessCore(options: HeadlessOptions): Core {
  const dataDir = resolveDataDir(options.dataDir, options.env);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const ports: CorePorts = {
    host: { kind: options.kind, version: readPackageVersion(), dataDir, demo: options.demo === true },
    clock: systemClock,
    env: options.env,
    cipher: hostCipher(options, dataDir),
    fetch: options.fetch ?? globalThis.fetch,
    // HOME from the given env first, so a test (or a user) can point the seat readers at another home.
    homeFiles: createNodeHomeFiles({ home: options.env.HOME || homedir() }),
    files: createNodeDataFiles(dataDir),
    // Watches only once the check scheduler subscribes (serve's start()); one-shot CLI commands never do.
    systemEvents: createNodeSystemEvents(),
    ...(options.localServerUrls ? { localServerUrls: options.localServerUrls } : {}),
  };
  return createCore(ports, {
    checkOutput: options.env.NODE_ENV !== 'production',
    keyStore: createNodeKeyStore(dataDir),
    // The same preferences.json Electron's electron-store writes, opened only when a preference is used.
    preferences: (incidents) =>
      lazyPreferencesStore(() => {
        const opened = openPreferencesStore(join(dataDir, 'preferences.json'), () => new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'preferences', projectName: 'nome-settings', clearInvalidConfig: false }));
        if (opened.incident) incidents.record(opened.incident);
        return opened.store;
      }),
    readCredentialFile,
  });
}
