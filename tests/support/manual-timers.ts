// Timers a test fires by hand (core's Timers port), so windows, intervals and resume delays need no waiting.
import type { Timers } from '../../electron/core/ports';

export function manualTimers() {
  const pending = new Map<number, { callback: () => void; ms: number }>();
  let next = 1;
  const timers: Timers = {
    setTimeout(callback, ms) {
      pending.set(next, { callback, ms });
      return next++;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    pending,
    /** Runs the oldest pending timer and returns its delay. */
    fire() {
      const [id, timer] = [...pending][0]!;
      pending.delete(id);
      timer.callback();
      return timer.ms;
    },
  };
}
