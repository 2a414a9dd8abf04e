// The Sign-ins & local models panel's state: seats, local servers and lanes from the contract, kept current by
// seats:changed / local:changed / lanes:changed. Never polled: a re-scan happens when the window regains focus.
import { create } from 'zustand';
import type { LaneAvailability, LocalServer, Seat } from '../../../shared/channels/seats';
import { announce } from '../../app/announcer';
import { describeError } from '../../app/describe-error';
import { nome } from '../../bridge/nome';
import { onResync } from '../../bridge/resync';
import { describeSeatChanges, describeServerChanges } from './seat-changes';

/** A focus storm (alt-tabbing) still gives at most one re-scan per this long. */
const focusRescanGapMs = 3000;

interface SeatsState {
  seats: Seat[];
  servers: LocalServer[];
  lanes: LaneAvailability | null;
  loaded: boolean;
  scanning: boolean;
  error: string | null;
  load(refresh?: boolean): Promise<void>;
}

export const useSeatsStore = create<SeatsState>((set, get) => ({
  seats: [],
  servers: [],
  lanes: null,
  loaded: false,
  scanning: false,
  error: null,

  async load(refresh = false) {
    if (get().scanning) return;
    set({ scanning: true });
    try {
      const api = nome();
      const [seats, servers] = await Promise.all([api['seats:list']({ refresh }), api['local:list']({ refresh })]);
      const lanes = await api['lanes:availability']({});
      // A re-scan's answer and its seats:changed / local:changed event race each other: whichever lands first
      // announces what changed, the other finds nothing new and stays quiet.
      if (get().loaded) announceChanges(get(), seats, servers);
      set({ seats, servers, lanes, loaded: true, error: null });
    } catch (error) {
      set({ loaded: true, error: describeError(error) });
    } finally {
      set({ scanning: false });
    }
  },
}));

function announceChanges(current: Pick<SeatsState, 'seats' | 'servers'>, seats: readonly Seat[], servers: readonly LocalServer[]): void {
  const lines = [...describeSeatChanges(current.seats, seats), ...describeServerChanges(current.servers, servers)];
  if (lines.length) announce(lines.join(' '));
}

/** Subscribes to the events and to window focus while the panel is shown; returns the cleanup. */
export function connectSeatsStore(): () => void {
  const api = nome();
  const store = useSeatsStore;
  let lastFocusScan = 0;
  const stops = [
    api.on('seats:changed', (seats) => {
      announceChanges(store.getState(), seats, store.getState().servers);
      store.setState({ seats });
    }),
    api.on('local:changed', (servers) => {
      announceChanges(store.getState(), store.getState().seats, servers);
      store.setState({ servers });
    }),
    api.on('lanes:changed', (lanes) => store.setState({ lanes })),
    onResync(() => void store.getState().load()),
  ];
  const onFocus = () => {
    if (Date.now() - lastFocusScan < focusRescanGapMs) return;
    lastFocusScan = Date.now();
    void store.getState().load(true);
  };
  window.addEventListener('focus', onFocus);
  void store.getState().load(!store.getState().loaded);
  return () => {
    window.removeEventListener('focus', onFocus);
    for (const stop of stops) stop();
  };
}
