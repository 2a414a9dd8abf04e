// A damaged file that was moved aside: what happened, where the file is, and a way to stop being told once
// read. Dismissing hides the notice only; the set-aside file stays for whoever wants to recover from it.
import { useState } from 'react';
import type { StoreIncident } from '../../shared/channels/app';
import { nome } from '../bridge/nome';
import { announce } from './announcer';
import { useAppStore } from './app-store';
import { describeError } from './describe-error';
import { formatDateTime } from './format';
import { FormError } from './FormError';

const what: Record<StoreIncident['kind'], string> = {
  corrupt_store_set_aside: 'could not be read and was set aside; a fresh one took its place',
  torn_tail_set_aside: 'ended in a half-written line (a crash mid-write); that line was set aside, the rest kept',
};

export function IncidentNotice({ incident, dataDir }: { incident: StoreIncident; dataDir: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const dismiss = async () => {
    setBusy(true);
    try {
      useAppStore.setState({ info: await nome()['app:dismiss-incident']({ setAsideAs: incident.setAsideAs }) });
      announce(`Notice about ${incident.file} dismissed.`);
    } catch (caught) {
      setError(describeError(caught));
      setBusy(false);
    }
  };
  return (
    <div className="banner banner-warning" role="alert">
      <p>
        <strong>{incident.file}</strong> {what[incident.kind]} on {formatDateTime(incident.at)}. Nothing was deleted: it is kept as{' '}
        <code>{incident.setAsideAs}</code> in <code>{dataDir}</code>.
      </p>
      <button type="button" onClick={() => void dismiss()} disabled={busy} aria-label={`Dismiss the notice about ${incident.file}`}>
        Dismiss
      </button>
      <FormError message={error} inline />
    </div>
  );
}
