// The vault's store in Electron: electron-store (a conf subclass) on `<userData>/keys.json`, the same file
// and format the CLI and `serve` use, behind the same lock. electron-store is handed in as a factory
// because importing it loads 'electron', which plain Node (and the tests) cannot.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyStore } from '../core/vault/key-store';
import { createConfKeyStore, keyStoreConfOptions, type ConfLike } from '../headless/conf-key-store';

/** electron-store's name for conf's `configName`; the rest of the options are shared with the Node hosts. */
export const electronKeyStoreOptions = (dataDir: string) => {
  const { configName, ...rest } = keyStoreConfOptions;
  return { ...rest, name: configName, cwd: dataDir };
};

export function keyStorePath(dataDir: string): string {
  return join(dataDir, `${keyStoreConfOptions.configName}.json`);
}

export function createElectronKeyStore(dataDir: string, openStore: () => ConfLike): KeyStore {
  return createConfKeyStore({ path: keyStorePath(dataDir), openConf: openStore });
}

/** The weaker-storage consent the vault keeps as a setting (`storage:consent`), read synchronously for the
 *  safeStorage cipher. A missing or damaged file means no consent. */
export function readWeakerStorageConsent(dataDir: string): boolean {
  try {
    const document = JSON.parse(readFileSync(keyStorePath(dataDir), 'utf8')) as { settings?: { weakerStorageConsent?: unknown } };
    return document.settings?.weakerStorageConsent === true;
  } catch {
    return false;
  }
}
