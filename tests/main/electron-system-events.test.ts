// Electron's system events over a fake powerMonitor (the Electron binary cannot run here).
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElectronSystemEvents } from '../../electron/main/electron-system-events';

const iface = (address: string) => ({ en0: [{ address, netmask: '255.255.255.0', family: 'IPv4' as const, mac: '00:00:00:00:00:00', internal: false, cidr: `${address}/24` }] });

afterEach(() => {
  vi.useRealTimers();
});

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

  it('a new interface address is a network change on the next poll; the same addresses, or a read that throws, are not', () => {
    vi.useFakeTimers();
    let address = '10.0.0.2';
    let failing = false;
    const events = createElectronSystemEvents(new EventEmitter() as never, 10_000, () => {
      if (failing) throw new Error('uv_interface_addresses failed');
      return iface(address);
    });
    let changes = 0;
    const stop = events.onNetworkChange(() => (changes += 1));
    vi.advanceTimersByTime(10_000);
    expect(changes).toBe(0);
    failing = true;
    expect(() => vi.advanceTimersByTime(10_000)).not.toThrow();
    expect(changes).toBe(0);
    failing = false;
    address = '192.168.1.7';
    vi.advanceTimersByTime(10_000);
    expect(changes).toBe(1);
    stop();
    address = '172.16.0.9';
    vi.advanceTimersByTime(30_000);
    expect(changes).toBe(1);
  });
});
