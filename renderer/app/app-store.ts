// App-level state: what `app:info` says, kept current by `app:info-changed`.
import { create } from 'zustand';
import type { AppInfo } from '../../shared/channels/app';
import { nome } from '../bridge/nome';
import { connectOnce } from '../bridge/resync';
import { describeError } from './describe-error';

interface AppState {
  info: AppInfo | null;
  error: string | null;
  load(): Promise<void>;
}

export const useAppStore = create<AppState>((set) => ({
  info: null,
  error: null,
  async load() {
    try {
      set({ info: await nome()['app:info'](), error: null });
    } catch (error) {
      set({ error: describeError(error) });
    }
  },
}));

export const connectAppStore = connectOnce(
  () => useAppStore.getState().load(),
  () => nome().on('app:info-changed', (info) => useAppStore.setState({ info })),
);
