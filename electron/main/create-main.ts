// createMain(electron, core): the Electron adapter. Single instance, one secure settings window, the
// app:// renderer, and an ipcMain handler per contract channel that refuses every sender but the app.
// The window remembers its bounds and hides to the tray on close; only Quit quits.
import { join } from 'node:path';
import { channelNames } from '../../shared/contract';
import type { WireResult } from '../../shared/errors';
import type { Core } from '../core/create-core';
import { createMemoryPreferences, type PreferencesStore } from '../core/status/status-preferences';
import type { BrowserWindowLike, ElectronModules } from './electron-modules';
import { isAllowedExternalUrl } from './external-links';
import { isTrustedSender } from './ipc-sender';
import { appEntryUrl, appOrigin, handleAppScheme, registerAppScheme } from './renderer-protocol';
import { attachStatusSurface, type StatusSurface } from './tray/status-surface';
import { originOf } from './url-origin';
import { restoreWindowBounds, trackWindowState } from './window-state';

export const eventChannel = 'nome:event';

export interface MainOptions {
  readonly rendererDir: string;
  readonly preloadPath: string;
  /** Dev only: load the Vite dev server instead of app://. */
  readonly devServerUrl?: string | undefined;
  /** The generated tray PNGs; default: assets/tray two levels above the renderer dir. */
  readonly trayIconDir?: string;
  /** Where the window's position and size persist (electron-store); memory when absent. */
  readonly store?: PreferencesStore;
  readonly platform?: NodeJS.Platform;
}

export interface MainApp {
  /** Resolves false when another instance already runs (this one then quits). */
  start(): Promise<boolean>;
  showWindow(): BrowserWindowLike;
  window(): BrowserWindowLike | null;
  /** Quits for real (the tray's Quit); closing the window only hides it. */
  quit(): void;
}

const forbidden: WireResult = { ok: false, error: { code: 'forbidden', message: 'This caller may not use NOME Settings channels' } };

export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  } as const;
}

export function createMain(electron: ElectronModules, core: Core, options: MainOptions): MainApp {
  const { app, BrowserWindow, ipcMain, shell } = electron;
  const rendererUrl = options.devServerUrl ?? appEntryUrl;
  const rendererOrigin = options.devServerUrl ? originOf(options.devServerUrl)! : appOrigin;
  let win: BrowserWindowLike | null = null;
  let quitting = false;
  let surface: StatusSurface | null = null;
  const store = options.store ?? createMemoryPreferences();
  const platform = options.platform ?? process.platform;

  // Privileged schemes must be registered before `ready`.
  registerAppScheme(electron);

  const openExternal = (url: string) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
  };

  function createWindow(): BrowserWindowLike {
    const size = { width: 1040, height: 720, minWidth: 640, minHeight: 480 };
    const { maximized, ...bounds } = restoreWindowBounds(store, electron.screen.getAllDisplays().map((display) => display.workArea), size);
    const created = new BrowserWindow({
      ...bounds,
      minWidth: size.minWidth,
      minHeight: size.minHeight,
      show: false,
      title: 'NOME Settings',
      webPreferences: secureWebPreferences(options.preloadPath),
    });
    const contents = created.webContents;
    contents.setWindowOpenHandler(({ url }) => {
      openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event, url) => {
      if (url === rendererUrl || url.startsWith(`${rendererUrl}#`)) return;
      event.preventDefault();
      openExternal(url);
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    created.once('ready-to-show', () => {
      if (maximized) created.maximize();
      created.show();
    });
    trackWindowState(created, store);
    // Windows logoff or shutdown emits no before-quit: let the window close then, or it would block the session end.
    created.on('session-end', () => {
      quitting = true;
    });
    // Closing hides to the tray; the window (and its state) lives until Quit.
    created.on('close', (event) => {
      if (quitting) return;
      event.preventDefault();
      created.hide();
    });
    created.on('closed', () => {
      if (win === created) win = null;
    });
    void created.loadURL(rendererUrl);
    return created;
  }

  function showWindow(): BrowserWindowLike {
    win ??= createWindow();
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    return win;
  }

  function quit(): void {
    quitting = true;
    app.quit();
  }

  function registerChannels(): void {
    const trusted = { origin: rendererOrigin, webContentsId: () => win?.webContents.id ?? null };
    for (const channel of channelNames) {
      ipcMain.handle(channel, (event, input: unknown) => (isTrustedSender(event, trusted) ? core.router.invoke(channel, input) : forbidden));
    }
    core.events.subscribe((event, payload) => {
      if (win && !win.isDestroyed()) win.webContents.send(eventChannel, event, payload);
    });
  }

  return {
    async start() {
      if (!app.requestSingleInstanceLock()) {
        app.quit();
        return false;
      }
      app.on('second-instance', () => showWindow());
      await app.whenReady();
      if (!options.devServerUrl) handleAppScheme(electron, options.rendererDir);
      // The settings surface needs no camera, notifications-from-web, geolocation or the like.
      electron.session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
      registerChannels();
      app.on('activate', () => showWindow());
      app.on('before-quit', () => {
        quitting = true;
        void core.dispose();
      });
      app.on('will-quit', () => surface?.dispose());
      surface = await attachStatusSurface(electron, core, {
        iconDir: options.trayIconDir ?? join(options.rendererDir, '..', '..', 'assets', 'tray'),
        platform,
        openSettings: () => void showWindow(),
        quit,
        store,
      });
      // After the tray listens, so the first status and any failure found at launch reach it.
      core.start();
      showWindow();
      return true;
    },
    showWindow,
    window: () => win,
    quit,
  };
}
