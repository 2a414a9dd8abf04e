// The app status and its preferences (the header badge): read from `app:status` / `app:preferences`, kept current
// by `app:status-changed` / `app:preferences-changed`. Never polled.
import { create } from 'zustand';
import type { StatusPreferences, StatusReport } from '../../shared/channels/status';
import { nome } from '../bridge/nome';
import { connectOnce } from '../bridge/resync';
import { describeError } from './describe-error';

interface StatusState {
  report: StatusReport | null;
  preferences: StatusPreferences | null;
  error: string | null;
  load(): Promise<void>;
  /** Saves a change; resolves true when it was saved, and keeps the failure in `error` otherwise. */
  savePreferences(patch: Partial<StatusPreferences>): Promise<boolean>;
}

export const useStatusStore = create<StatusState>((set) => ({
  report: null,
  preferences: null,
  error: null,
  async load() {
    const api = nome();
    const [report, preferences] = await Promise.allSettled([api['app:status'](), api['app:preferences']()]);
    // Preferences are optional extras of the header: a host without them still shows the status.
    set({
      ...(report.status === 'fulfilled' ? { report: report.value, error: null } : { error: describeError(report.reason) }),
      ...(preferences.status === 'fulfilled' ? { preferences: preferences.value } : {}),
    });
  },
  async savePreferences(patch) {
    try {
      set({ preferences: await nome()['app:set-preferences'](patch), error: null });
      return true;
    } catch (error) {
      set({ error: describeError(error) });
      return false;
    }
  },
}));

export const connectStatusStore = connectOnce(
  () => useStatusStore.getState().load(),
  () => {
    const api = nome();
    api.on('app:status-changed', (report) => useStatusStore.setState({ report }));
    api.on('app:preferences-changed', (preferences) => useStatusStore.setState({ preferences }));
  },
);
