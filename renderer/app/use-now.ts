// One shared ticking clock for relative times ("checked 2 min ago") and countdowns. It redraws text only;
// it never calls the Node side, so the renderer still does not poll.
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The current time, refreshed every second while anything shows it. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
