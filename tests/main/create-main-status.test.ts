import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/create-core';
import { systemClock } from '../../electron/core/ports';
import { createMemoryPreferences, preferenceKeys, type PreferencesStore } from '../../electron/core/status/status-preferences';
import { createMain } from '../../electron/main/create-main';
import { windowStateKey } from '../../electron/main/window-state';
import { computeAppStatus } from '../../electron/core/status/compute-app-status';
import { createFakeElectron, FakeBrowserWindow, FakeNotification, FakeTray, type FakeElectron } from '../support/fake-electron';
import { loopbackOnlyFetch } from '../support/loopback-fetch';
import { manualTimers } from '../support/manual-timers';
import { createTestCipher } from '../support/test-cipher';

let root: string;
let core: Core;
let electron: FakeElectron;
let store: PreferencesStore;
/** Core's timers: the test closes the notification window by hand instead of waiting 2 s. */
let timers: ReturnType<typeof manualTimers>;

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
    { host: { kind: 'electron', version: '0.0.0-test', dataDir: join(root, 'data'), demo: false }, clock: systemClock, timers: timers.timers, env: {}, cipher: createTestCipher(), fetch: loopbackOnlyFetch },
    { preferences: store },
  );
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'nome-main-status-'));
  mkdirSync(join(root, 'renderer'));
  writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>NOME</title>');
  store = createMemoryPreferences();
  timers = manualTimers();
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
      for (let i = 0; i < 500 && timers.pending.size === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(FakeNotification.shown).toEqual([]);
      expect(timers.fire()).toBe(2_000);
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
      // The failing icon follows the episode step, so the notification window is open by then.
      const windowCloses = () => {
        expect(timers.pending.size).toBe(1);
        timers.fire();
      };

      const added = await core.router.invoke('keys:add', { provider: 'anthropic', secret, label: 'team', baseUrl, force: true, allowForeignHost: true });
      expect(added.ok).toBe(true);
      await settle('/icons/failing.png');
      windowCloses();
      expect(titles()).toEqual(['Anthropic key needs attention']);

      // The episode lasts: re-checks that fail again stay silent.
      await recheck();
      await recheck();
      expect(timers.pending.size).toBe(0);
      expect(titles()).toEqual(['Anthropic key needs attention']);

      // Recovery (re-checked from the tray menu), then a new failure: a fresh notification.
      accept = true;
      tray.contextMenus.at(-1)!.item('recheck').click!();
      await settle('/icons/ok.png');
      accept = false;
      await recheck();
      await settle('/icons/failing.png');
      windowCloses();
      expect(titles()).toEqual(['Anthropic key needs attention', 'Anthropic key needs attention']);

      // Silenced: a third episode shows nothing.
      expect((await core.router.invoke('app:set-preferences', { notificationsEnabled: false })).ok).toBe(true);
      accept = true;
      await recheck();
      await settle('/icons/ok.png');
      accept = false;
      await recheck();
      await settle('/icons/failing.png');
      expect(timers.pending.size).toBe(0);
      expect(titles()).toHaveLength(2);
      expect(JSON.stringify(FakeNotification.shown.map((n) => n.options))).not.toContain(secret.slice(0, 20));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('keys failing together give one OS notification naming the count; later, recovered or silenced failures do not join it', async () => {
    // A loopback proxy for Anthropic (x-api-key) and OpenAI (Bearer) whose answer per key the test switches:
    // 200 accepts it, 401 rejects it (facts §1, §2), 402 is OpenAI's out-of-credit answer.
    const answers = new Map<string, 'accept' | 'reject' | 'broke'>();
    const server = createServer((request, response) => {
      const secret = String(request.headers['x-api-key'] ?? String(request.headers.authorization ?? '').replace(/^Bearer /, ''));
      const anthropic = request.headers['x-api-key'] !== undefined;
      const answer = answers.get(secret) ?? 'reject';
      response.setHeader('content-type', 'application/json');
      response.statusCode = answer === 'accept' ? 200 : answer === 'reject' ? 401 : 402;
      const success = anthropic ? { data: [], has_more: false } : { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model' }] };
      const failure = anthropic
        ? { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }
        : { error: { message: `Incorrect API key provided: ${secret.slice(0, 8)}***${secret.slice(-4)}.`, type: 'invalid_request_error', code: answer === 'broke' ? 'insufficient_quota' : 'invalid_api_key' } };
      response.end(JSON.stringify(answer === 'accept' ? success : failure));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const keys = {
        work: { provider: 'anthropic', label: 'Work', secret: `sk-ant-api03-${'Hj7kL2mN'.repeat(11)}-Qr5sAA` },
        team: { provider: 'openai', label: 'Team', secret: `sk-proj-${'Tz3xV8bW'.repeat(12)}` },
        side: { provider: 'anthropic', label: 'Side', secret: `sk-ant-api03-${'Pf6gD1sA'.repeat(11)}-Lk9jAA` },
        later: { provider: 'openai', label: 'Later', secret: `sk-proj-${'Mn4bV7cX'.repeat(12)}` },
      } as const;
      for (const entry of Object.values(keys)) answers.set(entry.secret, 'accept');
      const { tray } = await started();
      for (const entry of Object.values(keys)) {
        expect((await core.router.invoke('keys:add', { ...entry, baseUrl, force: true, allowForeignHost: true })).ok).toBe(true);
      }
      const shown = () => FakeNotification.shown.map((n) => ({ title: n.options.title, body: n.options.body }));
      const openKeyEpisodes = () => ((store.get(preferenceKeys.openEpisodes) as string[] | undefined) ?? []).filter((episode) => episode.startsWith('key:'));
      /** One sweep of every key (as after resume, or "Re-check all keys"), then the status step that follows it. */
      const sweep = async (expectedOpen: number) => {
        expect((await core.router.invoke('keys:check', undefined)).ok).toBe(true);
        for (let i = 0; i < 1000 && openKeyEpisodes().length !== expectedOpen; i++) await new Promise((resolve) => setTimeout(resolve, 10));
        expect(openKeyEpisodes()).toHaveLength(expectedOpen);
      };
      await sweep(0);
      for (let i = 0; i < 1000 && tray.images.at(-1) !== '/icons/ok.png'; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(tray.images.at(-1)).toBe('/icons/ok.png');

      // The proxy starts rejecting Work and Side, and Team's billing runs dry: one sweep, one notification.
      answers.set(keys.work.secret, 'reject');
      answers.set(keys.team.secret, 'broke');
      answers.set(keys.side.secret, 'reject');
      await sweep(3);
      expect(shown()).toEqual([]);
      expect(timers.pending.size).toBe(1);
      expect(timers.fire()).toBe(2_000);
      expect(shown()).toHaveLength(1);
      expect(shown()[0]!.title).toBe('3 keys failing');
      // Two of the three are named (in the order their checks came back), then "+1 more".
      const named = ['Anthropic "Work" rejected', 'OpenAI "Team" out of credit', 'Anthropic "Side" rejected'].filter((line) => shown()[0]!.body.includes(line));
      expect(named).toHaveLength(2);
      expect(shown()[0]!.body).toMatch(/, \+1 more\. Open NOME Settings to fix them\.$/);

      // Ten minutes on, a fourth key fails: its own notification, in the single-key wording.
      answers.set(keys.later.secret, 'broke');
      await sweep(4);
      timers.fire();
      expect(shown()[1]).toEqual({ title: 'OpenAI key needs attention', body: 'Your OpenAI key "Later" has no credit left with the provider. Open NOME Settings to top it up or switch keys.' });

      // Team recovers (topped up), then fails again: a fresh notification for Team alone.
      answers.set(keys.team.secret, 'accept');
      await sweep(3);
      expect(timers.pending.size).toBe(0);
      answers.set(keys.team.secret, 'broke');
      await sweep(4);
      timers.fire();
      expect(shown()[2]).toEqual({ title: 'OpenAI key needs attention', body: 'Your OpenAI key "Team" has no credit left with the provider. Open NOME Settings to top it up or switch keys.' });

      // Silenced: Side recovers and fails again, and nothing is shown.
      expect((await core.router.invoke('app:set-preferences', { notificationsEnabled: false })).ok).toBe(true);
      answers.set(keys.side.secret, 'accept');
      await sweep(3);
      answers.set(keys.side.secret, 'reject');
      await sweep(4);
      expect(timers.pending.size).toBe(0);
      expect(shown()).toHaveLength(3);

      const text = JSON.stringify(FakeNotification.shown.map((n) => n.options));
      for (const entry of Object.values(keys)) {
        expect(text).not.toContain(entry.secret.slice(0, 16));
        expect(text).not.toContain(entry.secret.slice(-12));
      }
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
