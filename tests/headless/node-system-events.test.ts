// Node hosts' system events: a wall-clock jump is a resume, a change of interface addresses a network change.
import { describe, expect, it } from 'vitest';
import { createNodeSystemEvents } from '../../electron/headless/node-system-events';

const iface = (address: string) => ({ eth0: [{ address, netmask: '255.255.255.0', family: 'IPv4' as const, mac: '00:00:00:00:00:00', internal: false, cidr: `${address}/24` }] });

describe('node system events', () => {
  it('a tick far later than due is a resume; a normal tick is not', () => {
    let now = 0;
    const events = createNodeSystemEvents({ tickMs: 10_000, sleepGapMs: 30_000, now: () => now, interfaces: () => iface('10.0.0.2') });
    let resumes = 0;
    const stop = events.onResume(() => (resumes += 1));
    now += 10_000;
    events.tick();
    expect(resumes).toBe(0);
    now += 10 * 60_000;
    events.tick();
    expect(resumes).toBe(1);
    stop();
  });

  it('a new address is a network change; the same addresses are not', () => {
    let address = '10.0.0.2';
    const events = createNodeSystemEvents({ now: () => 0, interfaces: () => iface(address) });
    let changes = 0;
    const stop = events.onNetworkChange(() => (changes += 1));
    events.tick();
    expect(changes).toBe(0);
    address = '192.168.1.7';
    events.tick();
    expect(changes).toBe(1);
    stop();
  });
});
