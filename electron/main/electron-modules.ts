// The slice of Electron that createMain uses, handed in so tests can pass fakes (the binary cannot run here).
import type * as Electron from 'electron';

export type ElectronModules = Pick<
  typeof Electron,
  | 'app'
  | 'BrowserWindow'
  | 'ipcMain'
  | 'shell'
  | 'session'
  | 'protocol'
  | 'net'
  // The tray, its menu and icons, the open-settings shortcut, failure notifications, and the displays the
  // window's saved position is checked against.
  | 'Tray'
  | 'Menu'
  | 'nativeImage'
  | 'globalShortcut'
  | 'Notification'
  | 'screen'
>;

export type BrowserWindowLike = Electron.BrowserWindow;
export type IpcMainInvokeEvent = Electron.IpcMainInvokeEvent;
