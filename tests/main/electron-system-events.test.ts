// Electron's system events over a fake powerMonitor (the Electron binary cannot run here).
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createElectronSystemEvents } from '../../electron/main/electron-system-events';

describe('electron system events', () => {
  it('powerMonitor resume reaches the subscriber until it unsubscribes', () => {
    const powerMonitor = new EventEmitter();
    const events = createElectronSystemEvents(powerMonitor as never);
    let resumes = 0;
    const stop = events.onResume(() => (resumes += 1));
    powerMonitor.emit('resume');
    stop();
    powerMonitor.emit('resume');
    expect(resumes).toBe(1);
    expect(powerMonitor.listenerCount('resume')).toBe(0);
  });
});
