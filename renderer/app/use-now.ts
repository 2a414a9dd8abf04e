// One shared ticking clock for relative times ("checked 2 min ago") and countdowns. It redraws text only;
// it never calls the Node side, so the renderer still does not poll. A reader asks for the coarsest step it
// can live with, so 500 cards showing "2 min ago" re-render once a minute, not every second.
import { useCallback, useSyncExternalStore } from 'react';

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

/** The current time rounded down to `stepMs`; the component re-renders only when that value changes. */
export function useNow(stepMs = 1000): number {
  const snapshot = useCallback(() => Math.floor(now / stepMs) * stepMs, [stepMs]);
  return useSyncExternalStore(subscribe, snapshot);
}
