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
}

export interface FakeElectron {
  readonly modules: ElectronModules;
  readonly app: EventEmitter & { lock: boolean; quitCalls: number; ready: () => void };
  readonly handlers: Map<string, (event: unknown, input: unknown) => unknown>;
  readonly opened: string[];
  readonly privilegedSchemes: unknown[];
  readonly protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
  permissionHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null;
}

export function createFakeElectron(options: { lock?: boolean } = {}): FakeElectron {
  FakeBrowserWindow.instances = [];
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
    } as unknown as ElectronModules,
  };
  return fake;
}
