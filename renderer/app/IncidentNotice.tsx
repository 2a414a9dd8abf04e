// A damaged file that was moved aside (or a key record kept unread in place): what happened, where the data
// is, and a way to stop being told once read. Dismissing hides the notice only; the data stays.
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
  unreadable_record_kept: 'holds a key record this version cannot read; the other keys work as usual',
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
      {incident.kind === 'unreadable_record_kept' ? (
        <p>
          <strong>{incident.file}</strong> {what[incident.kind]} (seen {formatDateTime(incident.at)}
          {incident.fields?.length ? `; not accepted: ${incident.fields.join(', ')}` : ''}). Nothing was changed or deleted: the record{' '}
          <code>{incident.setAsideAs}</code> stays in the file in <code>{dataDir}</code> exactly as it is, for a newer version or a fix by hand.
        </p>
      ) : (
        <p>
          <strong>{incident.file}</strong> {what[incident.kind]} on {formatDateTime(incident.at)}. Nothing was deleted: it is kept as{' '}
          <code>{incident.setAsideAs}</code> in <code>{dataDir}</code>.
        </p>
      )}
      <button type="button" onClick={() => void dismiss()} disabled={busy} aria-label={`Dismiss the notice about ${incident.file}`}>
        Dismiss
      </button>
      <FormError message={error} inline />
    </div>
  );
}
