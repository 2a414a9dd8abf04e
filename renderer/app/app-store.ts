// App-level state: what `app:info` says, kept current by `app:info-changed`.
import { create } from 'zustand';
import type { AppInfo } from '../../shared/channels/app';
import { nome } from '../bridge/nome';
import { onResync } from '../bridge/resync';
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

let subscribed = false;
export function connectAppStore(): void {
  if (subscribed) return;
  subscribed = true;
  nome().on('app:info-changed', (info) => useAppStore.setState({ info }));
  onResync(() => void useAppStore.getState().load());
  void useAppStore.getState().load();
}
