// Electron entry point: wiring only. Builds the ports from Electron modules, creates core and main.
import { app, BrowserWindow, globalShortcut, ipcMain, Menu, nativeImage, net, Notification, powerMonitor, protocol, safeStorage, screen, session, shell, Tray } from 'electron';
import Store from 'electron-store';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataDir } from './core/app/data-dir';
import { createCore } from './core/create-core';
import { systemClock } from './core/ports';
import { createMain } from './main/create-main';
import { installCrashWriter } from './core/scrub/crash-writer';
import { createSafeStorageCipher } from './main/safe-storage-cipher';
import { createElectronSystemEvents } from './main/electron-system-events';
import { createNodeHomeFiles } from './headless/home-files';
import { createNodeDataFiles } from './headless/node-data-files';
import { openPreferencesStore } from './headless/preferences-store';
import { createElectronKeyStore, electronKeyStoreOptions, readWeakerStorageConsent } from './main/electron-key-store';
import { readCredentialFile } from './headless/credential-file';

const devServerUrl = process.env.NOME_DEV_SERVER_URL;
const dataDir = process.env.NOME_DATA_DIR ?? defaultDataDir(process.platform, process.env, app.getPath('home'));
app.setPath('userData', dataDir);
// Small preferences (notifications, shortcut, window bounds); keys live in the vault's own store file.
const { store: preferences, incident: preferencesIncident } = openPreferencesStore(join(dataDir, 'preferences.json'), () => new Store<Record<string, unknown>>({ cwd: dataDir, name: 'preferences', clearInvalidConfig: false }));

const core = createCore(
  {
    host: { kind: 'electron', version: app.getVersion(), dataDir, demo: process.argv.includes('--demo') },
    clock: systemClock,
    env: process.env,
    // Consent to Linux basic_text storage is the vault's `storage:consent` setting, kept in keys.json.
    cipher: createSafeStorageCipher({ safeStorage, platform: process.platform, hasWeakerStorageConsent: () => readWeakerStorageConsent(dataDir) }),
    fetch: net.fetch as typeof fetch,
    homeFiles: createNodeHomeFiles({ home: app.getPath('home') }),
    files: createNodeDataFiles(dataDir),
    systemEvents: createElectronSystemEvents(powerMonitor),
  },
  {
    checkOutput: devServerUrl !== undefined,
    // A damaged file was set aside before core existed; core's incident log puts it in `app:info`.
    preferences: (incidents) => {
      if (preferencesIncident) incidents.record(preferencesIncident);
      return preferences;
    },
    keyStore: createElectronKeyStore(dataDir, () => new Store<Record<string, unknown>>(electronKeyStoreOptions(dataDir))),
    readCredentialFile,
  },
);

// Crash output goes through the core's scrubber (it knows the vault's secrets) instead of Electron's raw dialog.
installCrashWriter(process, { write: (text) => process.stderr.write(text), exit: (code) => app.exit(code), scrubber: () => core.scrubber });

void createMain({ app, BrowserWindow, ipcMain, net, protocol, session, shell, Tray, Menu, nativeImage, globalShortcut, Notification, screen }, core, {
  rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
  preloadPath: fileURLToPath(new URL('./preload.cjs', import.meta.url)),
  devServerUrl,
  trayIconDir: fileURLToPath(new URL('../../assets/tray', import.meta.url)),
  store: preferences,
}).start();
