// System events in Electron: powerMonitor's `resume` for wake from sleep, and a change in the network
// interfaces' addresses (Electron main has no network-change event) polled while someone listens.
import type { PowerMonitor } from 'electron';
import { networkInterfaces } from 'node:os';
import type { SystemEvents } from '../core/ports';
import { networkSignature } from '../core/checks/network-signature';

export function createElectronSystemEvents(
  powerMonitor: Pick<PowerMonitor, 'on' | 'off'>,
  pollMs = 10_000,
  readInterfaces: () => ReturnType<typeof networkInterfaces> = networkInterfaces,
): SystemEvents {
  const network = new Set<() => void>();
  let timer: ReturnType<typeof setInterval> | null = null;
  let signature = '';
  // os.networkInterfaces() can throw (a failing uv_interface_addresses); inside a timer in main that would
  // be an uncaught exception, so a failed read keeps the last signature.
  const currentSignature = () => {
    try {
      return networkSignature(readInterfaces());
    } catch {
      return signature;
    }
  };
  return {
    onResume(callback) {
      const listener = () => callback();
      powerMonitor.on('resume', listener);
      return () => void powerMonitor.off('resume', listener);
    },
    onNetworkChange(callback) {
      network.add(callback);
      if (!timer) {
        signature = currentSignature();
        timer = setInterval(() => {
          const next = currentSignature();
          if (next === signature) return;
          signature = next;
          for (const listener of [...network]) listener();
        }, pollMs);
        timer.unref?.();
      }
      return () => {
        network.delete(callback);
        if (network.size === 0 && timer) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
  };
}
