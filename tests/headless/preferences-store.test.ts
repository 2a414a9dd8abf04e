import Conf from 'conf';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lazyPreferencesStore, openPreferencesStore } from '../../electron/headless/preferences-store';
import { runCliCaptured } from '../support/run-cli';

// conf is electron-store's base class and reads the file the same way; electron-store itself imports Electron.
let dir: string;
const path = () => join(dir, 'preferences.json');
const open = () => new Conf<Record<string, unknown>>({ cwd: dir, configName: 'preferences', projectName: 'nome-settings-test', clearInvalidConfig: false });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nome-prefs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openPreferencesStore', () => {
  it('opens and persists values across opens', () => {
    openPreferencesStore(path(), open).store.set('status.notificationsEnabled', false);
    expect(openPreferencesStore(path(), open).store.get('status.notificationsEnabled')).toBe(false);
  });

  it('moves a damaged file aside, keeps its bytes, and starts fresh', () => {
    writeFileSync(path(), '{"status.notificationsEnabled": fal');
    const opened = openPreferencesStore(path(), open, () => new Date('2026-12-03T10:00:00Z'));
    expect(opened.incident).toEqual({
      kind: 'corrupt_store_set_aside',
      file: 'preferences.json',
      setAsideAs: 'preferences.corrupt-2026-12-03T10-00-00-000Z.json',
      at: '2026-12-03T10:00:00.000Z',
    });
    expect(readFileSync(join(dir, opened.incident!.setAsideAs), 'utf8')).toBe('{"status.notificationsEnabled": fal');
    opened.store.set('status.notificationsEnabled', true);
    expect(existsSync(path())).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['preferences.corrupt-2026-12-03T10-00-00-000Z.json', 'preferences.json']);
  });

  it('the lazy store creates no file until a preference is used', () => {
    const store = lazyPreferencesStore(() => openPreferencesStore(path(), open).store);
    expect(existsSync(path())).toBe(false);
    store.set('status.openSettingsShortcut', 'Alt+F12');
    expect(JSON.parse(readFileSync(path(), 'utf8'))).toEqual({ status: { openSettingsShortcut: 'Alt+F12' } });
  });
});

describe('a damaged preferences file on a Node host', () => {
  it('is set aside and named in `info` by this run and later ones, until dismissed; the CLI keeps working', async () => {
    writeFileSync(path(), '{"status": {"notificationsEnabled": tr');
    const run = await runCliCaptured(['--data-dir', dir, 'info', '--json']);
    expect(run.code).toBe(0);
    const info = JSON.parse(run.out) as { incidents: { kind: string; file: string; setAsideAs: string }[] };
    expect(info.incidents).toEqual([expect.objectContaining({ kind: 'corrupt_store_set_aside', file: 'preferences.json' })]);
    const setAsideAs = info.incidents[0]!.setAsideAs;
    expect(readFileSync(join(dir, setAsideAs), 'utf8')).toBe('{"status": {"notificationsEnabled": tr');
    const status = await runCliCaptured(['--data-dir', dir, 'status', '--json']);
    expect(JSON.parse(status.out)).toHaveProperty('status', 'ok');
    // Another process finds it in the data dir, once, with the same name.
    const later = JSON.parse((await runCliCaptured(['--data-dir', dir, 'info', '--json'])).out) as typeof info;
    expect(later.incidents.map((incident) => incident.setAsideAs)).toEqual([setAsideAs]);
    const dismissed = await runCliCaptured(['--data-dir', dir, 'info', '--dismiss', setAsideAs]);
    expect(dismissed.code).toBe(0);
    expect(JSON.parse((await runCliCaptured(['--data-dir', dir, 'info', '--json'])).out).incidents).toEqual([]);
    expect(existsSync(join(dir, setAsideAs))).toBe(true);
  });
});
