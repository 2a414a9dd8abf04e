// Fake Electron modules for createMain tests. The Electron binary cannot be downloaded on these machines,
// so the adapter is exercised against these recorders instead; each fake keeps only what tests observe.
import { EventEmitter } from 'node:events';
import type { ElectronModules } from '../../electron/main/electron-modules';

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: Array<[string, ...unknown[]]> = [];
  readonly mainFrame = { url: '', parent: null };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push([channel, ...args]);
  }
  /** Emits a cancellable Electron-style event and says whether a handler prevented it. */
  fire(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  visible = false;
  focused = false;
  minimized = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {
    this.focused = true;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  isVisible() {
    return this.visible;
  }
  maximized = false;
  maximize() {
    this.maximized = true;
  }
  isMaximized() {
    return this.maximized;
  }
  /** Where the user moved and resized the window to; the options it opened with until then. */
  movedTo: { x: number; y: number; width: number; height: number } | null = null;
  getNormalBounds() {
    const { x = 0, y = 0, width = 800, height = 600 } = this.options as { x?: number; y?: number; width?: number; height?: number };
    return this.movedTo ?? { x, y, width, height };
  }
  /** Closes the way a user does: Electron's 'close' is cancellable; 'closed' follows unless prevented. */
  close(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) {
      this.destroyed = true;
      this.emit('closed');
    }
    return !prevented;
  }
}

export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  readonly images: string[] = [];
  tooltip = '';
  contextMenus: FakeMenu[] = [];
  poppedUp: FakeMenu[] = [];
  destroyed = false;
  constructor(image: { path: string }) {
    super();
    this.images.push(image.path);
    FakeTray.instances.push(this);
  }
  setImage(image: { path: string }) {
    this.images.push(image.path);
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setContextMenu(menu: FakeMenu) {
    this.contextMenus.push(menu);
  }
  popUpContextMenu(menu: FakeMenu) {
    this.poppedUp.push(menu);
  }
  destroy() {
    this.destroyed = true;
  }
}

export interface FakeMenuItem {
  id?: string;
  label?: string;
  type?: string;
  enabled?: boolean;
  click?: () => void;
}

export class FakeMenu {
  constructor(readonly items: FakeMenuItem[]) {}
  labels(): string[] {
    return this.items.filter((item) => item.type !== 'separator').map((item) => item.label ?? '');
  }
  item(id: string): FakeMenuItem {
    const found = this.items.find((item) => item.id === id);
    if (!found) throw new Error(`no menu item ${id}`);
    return found;
  }
}

export class FakeNotification extends EventEmitter {
  static supported = true;
  static shown: FakeNotification[] = [];
  static isSupported() {
    return FakeNotification.supported;
  }
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show() {
    FakeNotification.shown.push(this);
  }
}

export interface FakeElectron {
  readonly modules: ElectronModules;
  readonly app: EventEmitter & { lock: boolean; quitCalls: number; ready: () => void };
  readonly handlers: Map<string, (event: unknown, input: unknown) => unknown>;
  readonly opened: string[];
  readonly privilegedSchemes: unknown[];
  readonly protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
  permissionHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null;
  /** Accelerators currently registered, with their callbacks; `refuse` makes register() answer false. */
  readonly shortcuts: Map<string, () => void> & { refuse: Set<string> };
  /** Work areas getAllDisplays() reports. */
  displays: Array<{ x: number; y: number; width: number; height: number }>;
}

export function createFakeElectron(options: { lock?: boolean } = {}): FakeElectron {
  FakeBrowserWindow.instances = [];
  FakeTray.instances = [];
  FakeNotification.shown = [];
  FakeNotification.supported = true;
  const shortcuts = Object.assign(new Map<string, () => void>(), { refuse: new Set<string>() });
  let markReady!: () => void;
  const readyPromise = new Promise<void>((resolve) => (markReady = resolve));
  const app = Object.assign(new EventEmitter(), {
    lock: options.lock ?? true,
    quitCalls: 0,
    ready: () => markReady(),
    requestSingleInstanceLock() {
      return app.lock;
    },
    quit() {
      app.quitCalls++;
    },
    whenReady: () => readyPromise,
    getPath: () => '/tmp',
    getVersion: () => '0.0.0-test',
  });
  const handlers = new Map<string, (event: unknown, input: unknown) => unknown>();
  const opened: string[] = [];
  const privilegedSchemes: unknown[] = [];
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const fake: FakeElectron = {
    app,
    handlers,
    opened,
    privilegedSchemes,
    protocolHandlers,
    permissionHandler: null,
    shortcuts,
    displays: [{ x: 0, y: 0, width: 1920, height: 1040 }],
    modules: {
      app,
      BrowserWindow: FakeBrowserWindow,
      ipcMain: {
        handle(channel: string, handler: (event: unknown, input: unknown) => unknown) {
          if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
          handlers.set(channel, handler);
        },
      },
      shell: {
        openExternal: async (url: string) => {
          opened.push(url);
        },
      },
      session: {
        defaultSession: {
          setPermissionRequestHandler(handler: FakeElectron['permissionHandler']) {
            fake.permissionHandler = handler;
          },
        },
      },
      protocol: {
        registerSchemesAsPrivileged(schemes: unknown[]) {
          privilegedSchemes.push(...schemes);
        },
        handle(scheme: string, handler: (request: Request) => Promise<Response>) {
          protocolHandlers.set(scheme, handler);
        },
      },
      net: { fetch: (url: string) => fetch(url) },
      Tray: FakeTray,
      Menu: { buildFromTemplate: (template: FakeMenuItem[]) => new FakeMenu(template) },
      nativeImage: { createFromPath: (path: string) => ({ path }) },
      Notification: FakeNotification,
      globalShortcut: {
        register(accelerator: string, callback: () => void) {
          if (shortcuts.refuse.has(accelerator) || shortcuts.has(accelerator)) return false;
          shortcuts.set(accelerator, callback);
          return true;
        },
        unregister(accelerator: string) {
          shortcuts.delete(accelerator);
        },
        unregisterAll() {
          shortcuts.clear();
        },
      },
      screen: { getAllDisplays: () => fake.displays.map((workArea) => ({ workArea, bounds: workArea })) },
    } as unknown as ElectronModules,
  };
  return fake;
}
