// Events are not replayed: one sent before the page's event stream is open, or while it reconnects, is lost.
// So each store registers its read here, and the served page's transport runs them all whenever its stream
// (re)opens; Electron's IPC listeners are attached before main can send, so that transport never needs to.
const reads = new Set<() => void>();

/** Registers a store's read to run again after the event stream (re)opens; returns the unregister function. */
export function onResync(read: () => void): () => void {
  reads.add(read);
  return () => reads.delete(read);
}

export function resyncAll(): void {
  for (const read of reads) read();
}

/** A store's connect function, for `useEffect(connect, [])`: the first call runs `subscribe` (the store's events),
 *  reads once, and registers that read to run again whenever the event stream (re)opens; later calls do nothing. */
export function connectOnce(read: () => unknown, subscribe: () => void = () => {}): () => void {
  let connected = false;
  return () => {
    if (connected) return;
    connected = true;
    subscribe();
    onResync(() => void read());
    void read();
  };
}
