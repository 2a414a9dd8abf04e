// Electron entry point: wiring only. Builds the ports from Electron modules, creates core and main.
import { app, BrowserWindow, ipcMain, net, protocol, safeStorage, session, shell } from 'electron';
import { fileURLToPath } from 'node:url';
import { defaultDataDir } from './core/app/data-dir';
import { createCore } from './core/create-core';
import { systemClock } from './core/ports';
import { createMain } from './main/create-main';
import { createSafeStorageCipher } from './main/safe-storage-cipher';

const devServerUrl = process.env.NOME_DEV_SERVER_URL;
const dataDir = process.env.NOME_DATA_DIR ?? defaultDataDir(process.platform, process.env, app.getPath('home'));
app.setPath('userData', dataDir);

const core = createCore(
  {
    host: { kind: 'electron', version: app.getVersion(), dataDir, demo: process.argv.includes('--demo') },
    clock: systemClock,
    env: process.env,
    cipher: createSafeStorageCipher({ safeStorage, platform: process.platform, hasWeakerStorageConsent: () => false }),
    fetch: net.fetch as typeof fetch,
  },
  { checkOutput: devServerUrl !== undefined },
);

void createMain({ app, BrowserWindow, ipcMain, net, protocol, session, shell }, core, {
  rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
  preloadPath: fileURLToPath(new URL('./preload.cjs', import.meta.url)),
  devServerUrl,
}).start();
