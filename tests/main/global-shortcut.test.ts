import { describe, expect, it } from 'vitest';
import { createOpenShortcut } from '../../electron/main/global-shortcut';
import { createFakeElectron } from '../support/fake-electron';

function setup() {
  const electron = createFakeElectron();
  let pressed = 0;
  const shortcut = createOpenShortcut(electron.modules.globalShortcut, () => pressed++);
  return { electron, shortcut, pressed: () => pressed };
}

describe('open-settings shortcut', () => {
  it('registers the accelerator and runs the action when pressed', () => {
    const { electron, shortcut, pressed } = setup();
    expect(shortcut.apply('CmdOrCtrl+Shift+Comma')).toBe(true);
    electron.shortcuts.get('CmdOrCtrl+Shift+Comma')!();
    expect(pressed()).toBe(1);
    expect(shortcut.current()).toBe('CmdOrCtrl+Shift+Comma');
  });

  it('replacing it unregisters the old accelerator first', () => {
    const { electron, shortcut } = setup();
    shortcut.apply('CmdOrCtrl+Shift+Comma');
    shortcut.apply('Alt+F12');
    expect([...electron.shortcuts.keys()]).toEqual(['Alt+F12']);
  });

  it('an empty accelerator turns it off', () => {
    const { electron, shortcut } = setup();
    shortcut.apply('CmdOrCtrl+Shift+Comma');
    expect(shortcut.apply('')).toBe(true);
    expect(electron.shortcuts.size).toBe(0);
    expect(shortcut.current()).toBeNull();
  });

  it('reports false when the OS refuses the accelerator, and when Electron throws on a malformed one', () => {
    const { electron, shortcut } = setup();
    electron.shortcuts.refuse.add('Alt+Space');
    expect(shortcut.apply('Alt+Space')).toBe(false);
    const throwing = createOpenShortcut({ register: () => { throw new Error('bad accelerator'); }, unregister() {} }, () => {});
    expect(throwing.apply('Nope+')).toBe(false);
  });

  it('dispose unregisters only its own accelerator', () => {
    const { electron, shortcut } = setup();
    electron.shortcuts.set('Someone+Else', () => {});
    shortcut.apply('CmdOrCtrl+Shift+Comma');
    shortcut.dispose();
    expect([...electron.shortcuts.keys()]).toEqual(['Someone+Else']);
  });
});
