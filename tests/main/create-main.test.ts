import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelNames } from '../../shared/contract';
import { createCore, type Core } from '../../electron/core/create-core';
import { systemClock } from '../../electron/core/ports';
import { createMain, eventChannel } from '../../electron/main/create-main';
import { defaultStatusPageSources } from '../../electron/core/status-pages/status-page-sources';
import { isAllowedExternalUrl } from '../../electron/main/external-links';
import { appEntryUrl, resolveRendererFile } from '../../electron/main/renderer-protocol';
import { createFakeElectron, FakeBrowserWindow, type FakeElectron } from '../support/fake-electron';
import { loopbackOnlyFetch } from '../support/loopback-fetch';
import { createTestCipher } from '../support/test-cipher';

let root: string;
let core: Core;
let electron: FakeElectron;

function senderEvent(win: FakeBrowserWindow, url = appEntryUrl, parent: unknown = null) {
  return { sender: win.webContents, senderFrame: { url, parent } };
}

async function started(options: { devServerUrl?: string } = {}) {
  const main = createMain(electron.modules, core, { rendererDir: join(root, 'renderer'), preloadPath: join(root, 'preload.cjs'), ...options });
  const running = main.start();
  electron.app.ready();
  expect(await running).toBe(true);
  return { main, win: FakeBrowserWindow.instances[0]! };
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'nome-main-'));
  mkdirSync(join(root, 'renderer'));
  writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>NOME</title>');
  writeFileSync(join(root, 'secret.txt'), 'outside the renderer');
  core = createCore({
    host: { kind: 'electron', version: '0.0.0-test', dataDir: join(root, 'data'), demo: false },
    clock: systemClock,
    env: {},
    cipher: createTestCipher(),
    fetch: loopbackOnlyFetch,
  });
  electron = createFakeElectron();
  // The fake net.fetch reads file: URLs the way Electron's does (Node's fetch cannot).
  (electron.modules.net as { fetch: unknown }).fetch = async (url: string) => new Response(await readFile(fileURLToPath(url)));
});

afterEach(async () => {
  await core.dispose();
  rmSync(root, { recursive: true, force: true });
});

describe('createMain', () => {
  it('registers an ipcMain handler for every contract channel', async () => {
    await started();
    expect([...electron.handlers.keys()].sort()).toEqual([...channelNames].sort());
  });

  it('answers the app itself and refuses a foreign origin, a subframe and another webContents', async () => {
    const { win } = await started();
    const handler = electron.handlers.get('app:info')!;
    expect(await handler(senderEvent(win), undefined)).toMatchObject({ ok: true, value: { host: 'electron' } });

    const refusals = [
      senderEvent(win, 'https://evil.example/index.html'),
      senderEvent(win, 'file:///tmp/index.html'),
      senderEvent(win, appEntryUrl, { url: appEntryUrl }),
      { sender: { id: -1 }, senderFrame: { url: appEntryUrl, parent: null } },
      { sender: win.webContents, senderFrame: null },
    ];
    for (const event of refusals) {
      expect(await handler(event, undefined)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('opens one window with secure web preferences and the app:// renderer', async () => {
    const { win } = await started();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: join(root, 'preload.cjs'),
    });
    expect(win.loadedUrl).toBe(appEntryUrl);
    expect(electron.privilegedSchemes).toEqual([expect.objectContaining({ scheme: 'app' })]);
  });

  it('a second launch shows and focuses the existing window instead of opening another', async () => {
    const { win } = await started();
    win.visible = false;
    win.focused = false;
    win.minimized = true;
    electron.app.emit('second-instance');
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(win).toMatchObject({ visible: true, focused: true, minimized: false });
  });

  it('quits when another instance holds the lock', async () => {
    electron = createFakeElectron({ lock: false });
    const main = createMain(electron.modules, core, { rendererDir: join(root, 'renderer'), preloadPath: 'p' });
    expect(await main.start()).toBe(false);
    expect(electron.app.quitCalls).toBe(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('denies navigation and window.open, and opens only allowlisted https links outside', async () => {
    const { win } = await started();
    expect(win.webContents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(win.webContents.fire('will-navigate', `${appEntryUrl}#/credits`)).toBe(false);
    expect(win.webContents.windowOpenHandler!({ url: 'https://console.anthropic.com/settings/keys' })).toEqual({ action: 'deny' });
    expect(win.webContents.windowOpenHandler!({ url: 'http://console.anthropic.com/settings/keys' })).toEqual({ action: 'deny' });
    expect(win.webContents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(electron.opened).toEqual(['https://console.anthropic.com/settings/keys']);
    expect(win.webContents.fire('will-attach-webview')).toBe(true);
    expect(win.webContents.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(electron.opened).toEqual(['https://console.anthropic.com/settings/keys']);
  });

  it('denies every permission request', async () => {
    await started();
    const answers: boolean[] = [];
    electron.permissionHandler!(null, 'media', (granted) => answers.push(granted));
    electron.permissionHandler!(null, 'notifications', (granted) => answers.push(granted));
    expect(answers).toEqual([false, false]);
  });

  it('serves the renderer over app:// with the CSP and nothing outside the renderer dir', async () => {
    await started();
    const handle = electron.protocolHandlers.get('app')!;
    const page = await handle(new Request(appEntryUrl));
    expect(await page.text()).toContain('<title>NOME</title>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await handle(new Request('app://nome/../secret.txt'))).status).toBe(404);
    // URL parsing folds dot segments (also %2e%2e) before the path is mapped, so it cannot climb out.
    for (const tricky of ['app://nome/%2e%2e/secret.txt', 'app://nome/..%2fsecret.txt', 'app://nome/a/../../secret.txt']) {
      const file = resolveRendererFile(join(root, 'renderer'), tricky);
      expect(file === null || file.startsWith(join(root, 'renderer') + '/')).toBe(true);
    }
    expect(resolveRendererFile(join(root, 'renderer'), 'app://other/index.html')).toBeNull();
    // Malformed percent-encoding is not found, not a protocol handler that throws.
    expect(resolveRendererFile(join(root, 'renderer'), 'app://nome/%E0%A4%A')).toBeNull();
    expect((await handle(new Request('app://nome/%E0%A4%A'))).status).toBe(404);
  });

  it('forwards core events to the window', async () => {
    const { win } = await started();
    const info = await core.router.invoke('app:info', undefined);
    core.events.emit('app:info-changed', (info as unknown as { value: never }).value);
    const infoEvents = win.webContents.sent.filter(([, name]) => name === 'app:info-changed');
    expect(infoEvents).toEqual([[eventChannel, 'app:info-changed', expect.objectContaining({ host: 'electron' })]]);
  });

  it('in dev, trusts the dev server origin only', async () => {
    const { win } = await started({ devServerUrl: 'http://127.0.0.1:5173/' });
    const handler = electron.handlers.get('app:info')!;
    expect(await handler(senderEvent(win, 'http://127.0.0.1:5173/'), undefined)).toMatchObject({ ok: true });
    expect(await handler(senderEvent(win, appEntryUrl), undefined)).toMatchObject({ ok: false });
  });
});

describe('external links', () => {
  it('allows only https to a catalog host, without credentials', () => {
    expect(isAllowedExternalUrl('https://platform.openai.com/api-keys')).toBe(true);
    expect(isAllowedExternalUrl('https://user:pw@platform.openai.com/')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('https://platform.openai.com.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
  });

  it('allows every status page the Keys panel links to, the Anthropic fallback page included', () => {
    const pages = defaultStatusPageSources.flatMap((source) => [source.pageUrl, ...(source.fallback ? [source.fallback.pageUrl] : [])]);
    expect(pages).toContain('https://anthropic.statuspage.io');
    expect(pages.filter((url) => !isAllowedExternalUrl(url))).toEqual([]);
    expect(isAllowedExternalUrl('https://anthropic.statuspage.io.evil.example/')).toBe(false);
  });

  it("the Keys panel's status page links open in the system browser, the fallback page too; an incident shortlink does not", async () => {
    const { win } = await started();
    for (const url of ['https://status.claude.com', 'https://anthropic.statuspage.io', 'https://status.x.ai', 'https://stspg.io/abc']) win.webContents.windowOpenHandler!({ url });
    expect(electron.opened).toEqual(['https://status.claude.com', 'https://anthropic.statuspage.io', 'https://status.x.ai']);
  });
});
