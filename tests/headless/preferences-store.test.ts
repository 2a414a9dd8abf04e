import Conf from 'conf';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lazyPreferencesStore, openPreferencesStore } from '../../electron/headless/preferences-store';

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
    expect(opened.setAsideAs).toBe(join(dir, 'preferences.corrupt-2026-12-03T10-00-00-000Z.json'));
    expect(readFileSync(opened.setAsideAs!, 'utf8')).toBe('{"status.notificationsEnabled": fal');
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
