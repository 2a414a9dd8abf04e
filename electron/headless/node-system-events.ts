// System events for Node hosts (serve): resume is seen as a wall-clock jump between timer ticks, network
// change as a change in the interfaces' addresses. Watchers run only while someone listens, and are unref'd.
import { networkInterfaces } from 'node:os';
import { networkSignature } from '../core/checks/network-signature';
import type { SystemEvents } from '../core/ports';

export interface NodeSystemEventsOptions {
  readonly tickMs?: number;
  /** A tick arriving this much later than due means the machine slept. */
  readonly sleepGapMs?: number;
  readonly now?: () => number;
  readonly interfaces?: () => ReturnType<typeof networkInterfaces>;
}

export function createNodeSystemEvents(options: NodeSystemEventsOptions = {}): SystemEvents & { tick(): void } {
  const tickMs = options.tickMs ?? 10_000;
  const sleepGapMs = options.sleepGapMs ?? 30_000;
  const now = options.now ?? (() => Date.now());
  const readInterfaces = options.interfaces ?? networkInterfaces;
  const resume = new Set<() => void>();
  const network = new Set<() => void>();
  let timer: ReturnType<typeof setInterval> | null = null;
  let lastTick = now();
  let signature = '';

  const safeSignature = () => {
    try {
      return networkSignature(readInterfaces());
    } catch {
      return signature;
    }
  };

  function tick(): void {
    const at = now();
    if (at - lastTick > tickMs + sleepGapMs) for (const callback of [...resume]) callback();
    lastTick = at;
    const next = safeSignature();
    if (next !== signature) {
      signature = next;
      for (const callback of [...network]) callback();
    }
  }

  function watch(): void {
    if (timer || resume.size + network.size === 0) return;
    lastTick = now();
    signature = safeSignature();
    timer = setInterval(tick, tickMs);
    timer.unref?.();
  }

  function unwatchIfIdle(): void {
    if (timer && resume.size + network.size === 0) {
      clearInterval(timer);
      timer = null;
    }
  }

  const subscribe = (set: Set<() => void>) => (callback: () => void) => {
    set.add(callback);
    watch();
    return () => {
      set.delete(callback);
      unwatchIfIdle();
    };
  };

  return { onResume: subscribe(resume), onNetworkChange: subscribe(network), tick };
}
