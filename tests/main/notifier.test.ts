import { describe, expect, it } from 'vitest';
import { createNotifier } from '../../electron/main/notifier';
import { createFakeElectron, FakeNotification } from '../support/fake-electron';

describe('notifier', () => {
  it('shows the title and body, and a click opens settings', () => {
    const electron = createFakeElectron();
    let opened = 0;
    const notifier = createNotifier(electron.modules.Notification, () => opened++);
    expect(notifier.show({ episode: 'key:k1', title: 'OpenAI key needs attention', body: 'Your OpenAI key "main" was rejected as invalid.' })).toBe(true);
    expect(FakeNotification.shown.map((n) => n.options)).toEqual([{ title: 'OpenAI key needs attention', body: 'Your OpenAI key "main" was rejected as invalid.', silent: false }]);
    FakeNotification.shown[0]!.emit('click');
    expect(opened).toBe(1);
  });

  it('shows nothing where the OS has no notifications', () => {
    const electron = createFakeElectron();
    FakeNotification.supported = false;
    expect(createNotifier(electron.modules.Notification, () => {}).show({ episode: 'credits:low', title: 't', body: 'b' })).toBe(false);
    expect(FakeNotification.shown).toEqual([]);
  });
});
