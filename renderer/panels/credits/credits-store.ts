// The credit summary, read from `credits:summary` and read again only when `credits:changed` says so.
import { create } from 'zustand';
import type { CreditSummary } from '../../../shared/channels/credits';
import { describeError } from '../../app/describe-error';
import { nome } from '../../bridge/nome';
import { connectOnce } from '../../bridge/resync';

interface CreditsState {
  summary: CreditSummary | null;
  error: string | null;
  load(): Promise<void>;
}

export const useCreditsStore = create<CreditsState>((set) => ({
  summary: null,
  error: null,
  async load() {
    try {
      set({ summary: await nome()['credits:summary'](), error: null });
    } catch (error) {
      set({ error: describeError(error) });
    }
  },
}));

const load = () => useCreditsStore.getState().load();
export const connectCreditsStore = connectOnce(load, () => {
  // The event carries no summary, only that one is due: read it once per change, never on a timer.
  nome().on('credits:changed', () => void load());
  // What providers report (a DeepSeek balance, an OpenRouter key's usage) arrives with a key's check, which the
  // credits feature does not announce: a changed key list is a changed summary too.
  nome().on('keys:changed', () => void load());
});
