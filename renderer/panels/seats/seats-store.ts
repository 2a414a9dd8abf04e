// The Sign-ins & local models panel's state: seats, local servers and lanes from the contract, kept current by
// seats:changed / local:changed / lanes:changed. Never polled: a re-scan happens when the window regains focus.
import { create } from 'zustand';
import type { LaneAvailability, LocalServer, Seat } from '../../../shared/channels/seats';
import { announce } from '../../app/announcer';
import { describeError } from '../../app/describe-error';
import { nome } from '../../bridge/nome';

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
      set({ seats, servers, lanes, loaded: true, error: null });
    } catch (error) {
      set({ loaded: true, error: describeError(error) });
    } finally {
      set({ scanning: false });
    }
  },
}));

/** Subscribes to the events and to window focus while the panel is shown; returns the cleanup. */
export function connectSeatsStore(): () => void {
  const api = nome();
  const store = useSeatsStore;
  let lastFocusScan = 0;
  const stops = [
    api.on('seats:changed', (seats) => {
      store.setState({ seats });
      announce('Sign-ins changed.');
    }),
    api.on('local:changed', (servers) => {
      store.setState({ servers });
      announce('Local model servers changed.');
    }),
    api.on('lanes:changed', (lanes) => store.setState({ lanes })),
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
