import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/create-core';
import { systemClock } from '../../electron/core/ports';
import { createMemoryPreferences, type PreferencesStore } from '../../electron/core/status/status-preferences';
import { createMain } from '../../electron/main/create-main';
import { windowStateKey } from '../../electron/main/window-state';
import { computeAppStatus } from '../../electron/core/status/compute-app-status';
import { createFakeElectron, FakeBrowserWindow, FakeNotification, FakeTray, type FakeElectron } from '../support/fake-electron';
import { loopbackOnlyFetch } from '../support/loopback-fetch';
import { createTestCipher } from '../support/test-cipher';

let root: string;
let core: Core;
let electron: FakeElectron;
let store: PreferencesStore;

async function started(platform: NodeJS.Platform = 'linux') {
  const main = createMain(electron.modules, core, {
    rendererDir: join(root, 'renderer'),
    preloadPath: join(root, 'preload.cjs'),
    trayIconDir: '/icons',
    store,
    platform,
  });
  const running = main.start();
  electron.app.ready();
  expect(await running).toBe(true);
  return { main, win: FakeBrowserWindow.instances[0]!, tray: FakeTray.instances[0]! };
}

const failing = computeAppStatus({ keys: [{ id: 'k', provider: 'openai', label: 'main', state: 'no_credit' }], health: [], credits: null });


/** A core on the test's data dir and preferences store, as each launch of the app makes one. */
function newCore(): Core {
  return createCore(
    { host: { kind: 'electron', version: '0.0.0-test', dataDir: join(root, 'data'), demo: false }, clock: systemClock, env: {}, cipher: createTestCipher(), fetch: loopbackOnlyFetch },
    { preferences: store },
  );
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'nome-main-status-'));
  mkdirSync(join(root, 'renderer'));
  writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>NOME</title>');
  store = createMemoryPreferences();
  core = newCore();
  electron = createFakeElectron();
});

afterEach(async () => {
  await core.dispose();
  rmSync(root, { recursive: true, force: true });
});

describe('createMain: tray, window and shortcut', () => {
  it('puts one tray up with the current status, and changes its image only when the status changes', async () => {
    const { tray } = await started();
    expect(FakeTray.instances).toHaveLength(1);
    expect(tray.images).toEqual(['/icons/ok.png']);
    core.events.emit('app:status-changed', failing);
    core.events.emit('app:status-changed', { ...failing, lines: [...failing.lines, 'another line'] });
    expect(tray.images).toEqual(['/icons/ok.png', '/icons/failing.png']);
    expect(tray.tooltip).toBe('NOME Settings: OpenAI key "main" out of credit');
    expect(tray.contextMenus.at(-1)!.labels()).toContain('✕ OpenAI: key out of credit');
  });

  it('rebuilds the menu with the current lines on every report, without touching the image for the same status', async () => {
    const { tray } = await started();
    const menusBefore = tray.contextMenus.length;
    const twoKeys = computeAppStatus({
      keys: [
        { id: 'k', provider: 'openai', label: 'main', state: 'no_credit' },
        { id: 'j', provider: 'xai', label: 'grok', state: 'invalid_key' },
      ],
      health: [],
      credits: { available: 120, low: true, runwayDays: 2 },
    });
    core.events.emit('app:status-changed', failing);
    core.events.emit('app:status-changed', twoKeys);
    expect(twoKeys.status).toBe(failing.status);
    expect(tray.images).toEqual(['/icons/ok.png', '/icons/failing.png']);
    expect(tray.contextMenus).toHaveLength(menusBefore + 2);
    const labels = tray.contextMenus.at(-1)!.labels();
    expect(labels).toEqual([twoKeys.headline, ...twoKeys.providers.map((entry) => expect.stringContaining(entry.line)), 'Re-check all keys', 'Open settings', twoKeys.creditsLine, 'Quit NOME Settings']);
    expect(labels).toContain('✕ xAI: key invalid');
    // Linux: the menu is the context menu, and no click handler competes with it.
    expect(tray.listenerCount('click')).toBe(0);
  });

  it('remembers where the window was moved and how big it was made, and the next launch opens it there', async () => {
    const { win } = await started();
    win.movedTo = { x: 320, y: 240, width: 980, height: 700 };
    win.close(); // saves at once, and hides to the tray
    expect(store.get(windowStateKey)).toEqual({ x: 320, y: 240, width: 980, height: 700, maximized: false });
    await core.dispose();
    core = newCore();
    electron = createFakeElectron();
    const relaunched = await started();
    expect(relaunched.win.options).toMatchObject({ x: 320, y: 240, width: 980, height: 700 });
  });

  it('closing the window hides it to the tray; Open settings brings the same window back', async () => {
    const { win, tray } = await started();
    win.visible = true;
    expect(win.close()).toBe(false);
    expect(win).toMatchObject({ visible: false, destroyed: false });
    tray.contextMenus.at(-1)!.item('open').click!();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(win).toMatchObject({ visible: true, focused: true });
  });

  it('Quit from the tray menu quits, and then the window really closes', async () => {
    const { win, tray } = await started();
    tray.contextMenus.at(-1)!.item('quit').click!();
    expect(electron.app.quitCalls).toBe(1);
    expect(win.close()).toBe(true);
  });

  it('a second launch shows and focuses the window hidden in the tray', async () => {
    const { win } = await started();
    win.close();
    win.focused = false;
    electron.app.emit('second-instance');
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(win).toMatchObject({ visible: true, focused: true });
  });

  it('registers CmdOrCtrl+Shift+Comma, which opens the window, and unregisters it on quit', async () => {
    const { win } = await started();
    expect([...electron.shortcuts.keys()]).toEqual(['CmdOrCtrl+Shift+Comma']);
    win.close();
    electron.shortcuts.get('CmdOrCtrl+Shift+Comma')!();
    expect(win.visible).toBe(true);
    electron.app.emit('will-quit');
    expect(electron.shortcuts.size).toBe(0);
    expect(FakeTray.instances[0]!.destroyed).toBe(true);
  });

  it('a changed shortcut preference re-registers the shortcut', async () => {
    await started();
    await core.router.invoke('app:set-preferences', { openSettingsShortcut: 'Alt+Shift+N' });
    expect([...electron.shortcuts.keys()]).toEqual(['Alt+Shift+N']);
  });

  it('shows an OS notification for app:notification, and a click opens the window', async () => {
    const { win } = await started();
    win.close();
    core.events.emit('app:notification', { episode: 'key:k', title: 'OpenAI key needs attention', body: 'Your OpenAI key "main" has no credit left.' });
    expect(FakeNotification.shown).toHaveLength(1);
    FakeNotification.shown[0]!.emit('click');
    expect(win.visible).toBe(true);
  });

  it('opens the window at its remembered bounds', async () => {
    store.set(windowStateKey, { x: 200, y: 150, width: 900, height: 650, maximized: false });
    const { win } = await started();
    expect(win.options).toMatchObject({ x: 200, y: 150, width: 900, height: 650 });
  });

  it('on Windows and macOS a tray click opens the window', async () => {
    const { win, tray } = await started('win32');
    win.close();
    tray.emit('click');
    expect(win.visible).toBe(true);
  });

  it('a key already failing at launch shows the failing icon and one notification', async () => {
    // A loopback Anthropic that rejects every key (401, facts §2).
    const server = createServer((_request, response) => {
      response.statusCode = 401;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const secret = `sk-ant-api03-${'Qw8'.repeat(30)}AA`;
      expect((await core.router.invoke('keys:add', { provider: 'anthropic', secret, label: 'old', baseUrl, force: true, allowForeignHost: true })).ok).toBe(true);
      const { tray } = await started();
      for (let i = 0; i < 200 && FakeNotification.shown.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(FakeNotification.shown.map((n) => n.options.title)).toEqual(['Anthropic key needs attention']);
      expect(tray.images.at(-1)).toBe('/icons/failing.png');
      expect(JSON.stringify(FakeNotification.shown.map((n) => n.options))).not.toContain(secret);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('one OS notification per failure episode: none while it lasts, a fresh one after recovery, none when silenced', async () => {
    // A loopback Anthropic whose answer the test switches: 401 rejects the key, 200 accepts it (facts §2).
    let accept = false;
    const server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.statusCode = accept ? 200 : 401;
      response.end(JSON.stringify(accept ? { data: [], has_more: false } : { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const secret = `sk-ant-api03-${'Zp4'.repeat(30)}AA`;
      const { tray } = await started();
      const titles = () => FakeNotification.shown.map((n) => n.options.title);
      const settle = async (expected: string) => {
        for (let i = 0; i < 1000 && tray.images.at(-1) !== expected; i++) await new Promise((resolve) => setTimeout(resolve, 10));
        expect(tray.images.at(-1)).toBe(expected);
      };
      const recheck = async () => expect((await core.router.invoke('keys:check', undefined)).ok).toBe(true);

      const added = await core.router.invoke('keys:add', { provider: 'anthropic', secret, label: 'team', baseUrl, force: true, allowForeignHost: true });
      expect(added.ok).toBe(true);
      await settle('/icons/failing.png');
      expect(titles()).toEqual(['Anthropic key needs attention']);

      // The episode lasts: re-checks that fail again stay silent.
      await recheck();
      await recheck();
      expect(titles()).toEqual(['Anthropic key needs attention']);

      // Recovery (re-checked from the tray menu), then a new failure: a fresh notification.
      accept = true;
      tray.contextMenus.at(-1)!.item('recheck').click!();
      await settle('/icons/ok.png');
      accept = false;
      await recheck();
      await settle('/icons/failing.png');
      expect(titles()).toEqual(['Anthropic key needs attention', 'Anthropic key needs attention']);

      // Silenced: a third episode shows nothing.
      expect((await core.router.invoke('app:set-preferences', { notificationsEnabled: false })).ok).toBe(true);
      accept = true;
      await recheck();
      await settle('/icons/ok.png');
      accept = false;
      await recheck();
      await settle('/icons/failing.png');
      expect(titles()).toHaveLength(2);
      expect(JSON.stringify(FakeNotification.shown.map((n) => n.options))).not.toContain(secret.slice(0, 20));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a shortcut the OS refuses is reported as a notification, not silently dropped', async () => {
    electron.shortcuts.refuse.add('CmdOrCtrl+Shift+Comma');
    await started();
    expect(electron.shortcuts.size).toBe(0);
    expect(FakeNotification.shown.map((n) => n.options.title)).toEqual(['Shortcut not available']);
  });

  it('a refused shortcut is announced once, not at every launch, and again after it once worked', async () => {
    const relaunch = async (refuse: boolean) => {
      electron = createFakeElectron();
      if (refuse) electron.shortcuts.refuse.add('CmdOrCtrl+Shift+Comma');
      await started();
      return FakeNotification.shown.map((n) => n.options.title);
    };
    expect(await relaunch(true)).toEqual(['Shortcut not available']);
    expect(await relaunch(true)).toEqual([]);
    expect(await relaunch(false)).toEqual([]);
    expect([...electron.shortcuts.keys()]).toEqual(['CmdOrCtrl+Shift+Comma']);
    expect(await relaunch(true)).toEqual(['Shortcut not available']);
  });

  it('a Windows session end lets the window close instead of hiding it', async () => {
    const { win } = await started('win32');
    win.emit('session-end');
    expect(win.close()).toBe(true);
  });
});
