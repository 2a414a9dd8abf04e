// Provider platform health for the Keys panel: read from `status-pages:list` (cached by core, which fetches
// only what is due), kept current by `status-pages:changed`. Never polled; a status page never touches a key.
import { create } from 'zustand';
import type { ProviderHealth } from '../../../shared/channels/status-pages';
import type { ProviderId } from '../../../shared/providers';
import { announce } from '../../app/announcer';
import { describeError } from '../../app/describe-error';
import { nome } from '../../bridge/nome';
import { connectOnce } from '../../bridge/resync';
import { describeHealthChanges } from './health-text';
import { useKeysStore } from './keys-store';

interface HealthState {
  byProvider: Partial<Record<ProviderId, ProviderHealth>>;
  loaded: boolean;
  /** Why the list could not be read; the panel then shows no health at all rather than a guess. */
  error: string | null;
  load(): Promise<void>;
}

const index = (list: readonly ProviderHealth[]) => Object.fromEntries(list.map((entry) => [entry.provider, entry])) as HealthState['byProvider'];

export const useHealthStore = create<HealthState>((set) => ({
  byProvider: {},
  loaded: false,
  error: null,
  async load() {
    try {
      set({ byProvider: index(await nome()['status-pages:list']()), loaded: true, error: null });
    } catch (error) {
      set({ loaded: true, error: describeError(error) });
    }
  },
}));

export const connectHealthStore = connectOnce(
  () => useHealthStore.getState().load(),
  () =>
    nome().on('status-pages:changed', (list) => {
      const before = Object.values(useHealthStore.getState().byProvider);
      const withKeys = new Set(useKeysStore.getState().cards.map((card) => card.provider));
      useHealthStore.setState({ byProvider: index(list), loaded: true, error: null });
      const changes = describeHealthChanges(before, list, withKeys);
      if (changes.length > 0) announce(changes.join(' '));
    }),
);
