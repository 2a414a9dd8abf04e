import { beforeEach, describe, expect, it } from 'vitest';
import { computeAppStatus } from '../../../electron/core/status/compute-app-status';
import { createStatusTray, fitTooltip, type StatusTrayDeps } from '../../../electron/main/tray/status-tray';
import { buildTrayMenuTemplate } from '../../../electron/main/tray/tray-menu';
import type { StatusReport } from '../../../shared/channels/status';
import { createFakeElectron, FakeMenu, FakeTray } from '../../support/fake-electron';

const okReport = computeAppStatus({ keys: [{ id: 'a', provider: 'anthropic', label: 'work', state: 'ok' }], health: [], credits: { available: 5000, low: false, runwayDays: 20 } });
const attentionReport = computeAppStatus({ keys: [{ id: 'a', provider: 'anthropic', label: 'work', state: 'rate_limited' }], health: [], credits: null });
const failingReport = computeAppStatus({ keys: [{ id: 'a', provider: 'anthropic', label: 'work', state: 'invalid_key' }], health: [], credits: null });

function setup(platform: NodeJS.Platform, initial: StatusReport = okReport) {
  const { modules } = createFakeElectron();
  const calls: string[] = [];
  const deps = {
    Tray: modules.Tray,
    Menu: modules.Menu,
    nativeImage: modules.nativeImage,
    platform,
    iconDir: '/icons',
    actions: { openSettings: () => calls.push('open'), recheckAll: () => calls.push('recheck'), quit: () => calls.push('quit') },
  } as StatusTrayDeps;
  const tray = createStatusTray(deps, initial);
  return { tray, fake: FakeTray.instances[0]!, calls };
}

beforeEach(() => {
  FakeTray.instances = [];
});

describe('status tray', () => {
  it('starts with the icon and tooltip of the initial status', () => {
    const { fake } = setup('linux');
    expect(fake.images).toEqual(['/icons/ok.png']);
    expect(fake.tooltip).toBe('NOME Settings: All keys ok');
  });

  it('sets the image only when the status changes', () => {
    const { tray, fake } = setup('linux');
    tray.update(okReport);
    tray.update({ ...okReport, lines: ['All keys ok', 'something else'] });
    tray.update(failingReport);
    tray.update(failingReport);
    tray.update(attentionReport);
    expect(fake.images).toEqual(['/icons/ok.png', '/icons/failing.png', '/icons/attention.png']);
    expect(fake.tooltip).toBe(attentionReport.tooltip);
  });

  it('uses the template images on macOS', () => {
    const { tray, fake } = setup('darwin');
    tray.update(failingReport);
    expect(fake.images).toEqual(['/icons/okTemplate.png', '/icons/failingTemplate.png']);
  });

  it('rebuilds the menu with the current lines: status, providers, actions, credits, Quit', () => {
    const { tray, fake } = setup('linux');
    expect(fake.contextMenus.at(-1)!.labels()).toEqual(['All keys ok', '● Anthropic: key ok', 'Re-check all keys', 'Open settings', 'Credits: 5,000 available · about 20 days left', 'Quit NOME Settings']);
    tray.update(failingReport);
    expect(fake.contextMenus.at(-1)!.labels()).toEqual(['Anthropic key "work" invalid', '✕ Anthropic: key invalid', 'Re-check all keys', 'Open settings', 'Quit NOME Settings']);
  });

  it('on Linux sets the context menu on every update, since a plain click is unreliable there', () => {
    const { tray, fake } = setup('linux');
    tray.update(okReport);
    tray.update(attentionReport);
    expect(fake.contextMenus).toHaveLength(3);
    expect(fake.listenerCount('click')).toBe(0);
  });

  it('elsewhere a click opens settings and a right-click pops up the current menu', () => {
    const { tray, fake, calls } = setup('win32');
    tray.update(attentionReport);
    fake.emit('click');
    fake.emit('right-click');
    expect(calls).toEqual(['open']);
    expect(fake.contextMenus).toEqual([]);
    expect(fake.poppedUp.at(-1)!.labels()[0]).toBe(attentionReport.headline);
  });

  it('menu items run their actions', () => {
    const { fake, calls } = setup('linux');
    const menu: FakeMenu = fake.contextMenus.at(-1)!;
    menu.item('recheck').click!();
    menu.item('open').click!();
    menu.item('quit').click!();
    expect(calls).toEqual(['recheck', 'open', 'quit']);
    expect(menu.item('status').enabled).toBe(false);
  });

  it('Re-check all keys is disabled when nothing can re-check', () => {
    const { modules } = createFakeElectron();
    createStatusTray(
      { Tray: modules.Tray, Menu: modules.Menu, nativeImage: modules.nativeImage, platform: 'linux', iconDir: '/i', actions: { openSettings() {}, recheckAll: null, quit() {} } } as StatusTrayDeps,
      okReport,
    );
    expect(FakeTray.instances.at(-1)!.contextMenus[0]!.item('recheck').enabled).toBe(false);
  });

  it('keeps the tooltip within the 127 characters Windows shows', () => {
    const long = `NOME Settings: ${'x'.repeat(200)}`;
    expect(fitTooltip(long)).toHaveLength(127);
    expect(fitTooltip(long).endsWith('…')).toBe(true);
    expect(fitTooltip('short')).toBe('short');
  });

  it('on Windows an & in a label shows as typed instead of marking a mnemonic', () => {
    const report = computeAppStatus({ keys: [{ id: 'a', provider: 'openai', label: 'R&D', state: 'invalid_key' }], health: [], credits: null });
    const actions = { openSettings() {}, recheckAll: null, quit() {} };
    expect(buildTrayMenuTemplate(report, actions, 'win32')[0]!.label).toBe('OpenAI key "R&&D" invalid');
    expect(buildTrayMenuTemplate(report, actions, 'linux')[0]!.label).toBe('OpenAI key "R&D" invalid');
  });
});
