// The window header's status: the same app status as the tray (ok, attention, failing, low credits), its
// lines on demand, and on the desktop the switch that silences failure notifications and the open shortcut.
import { useEffect, useState } from 'react';
import type { AppStatus, StatusPreferences } from '../../shared/channels/status';
import { useAppStore } from './app-store';
import { FormError } from './FormError';
import { connectStatusStore, useStatusStore } from './status-store';

const looks: Record<AppStatus, { tone: string; label: string }> = {
  ok: { tone: 'ok', label: 'All good' },
  attention: { tone: 'warn', label: 'Needs attention' },
  failing: { tone: 'danger', label: 'Failing' },
  low_credits: { tone: 'info', label: 'Credits low' },
};

export function StatusBadge() {
  const report = useStatusStore((state) => state.report);
  const preferences = useStatusStore((state) => state.preferences);
  const error = useStatusStore((state) => state.error);
  const host = useAppStore((state) => state.info?.host);
  useEffect(connectStatusStore, []);

  const [shortcutDraft, setShortcutDraft] = useState<string | null>(null);

  const save = async (patch: Partial<StatusPreferences>) => {
    if (await useStatusStore.getState().savePreferences(patch)) setShortcutDraft(null);
  };

  if (!report) return <FormError message={error} />;
  const look = looks[report.status];
  const details = report.lines.slice(1);
  return (
    <header className="status-header" data-status={report.status} style={{ marginBottom: '1rem' }}>
      <details>
        <summary>
          <span className={`chip chip-${look.tone}`}>
            <span className="visually-hidden">App status: </span>
            {look.label}
          </span>{' '}
          <span aria-live="polite">{report.headline}</span>
        </summary>
        {details.length > 0 && (
          <ul className="muted" aria-label="Status by provider and credits">
            {details.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
        {host === 'electron' && preferences && (
          <>
            <label className="hint">
              <input type="checkbox" checked={preferences.notificationsEnabled} onChange={(event) => void save({ notificationsEnabled: event.target.checked })} />{' '}
              Notify me when a key stops working or credits run low
            </label>
            <form
              className="field-row"
              onSubmit={(event) => {
                event.preventDefault();
                if (shortcutDraft !== null) void save({ openSettingsShortcut: shortcutDraft });
              }}
            >
              <label className="field">
                <span className="hint">Shortcut that opens this window from anywhere (empty: none)</span>
                <input value={shortcutDraft ?? preferences.openSettingsShortcut} onChange={(event) => setShortcutDraft(event.target.value)} spellCheck={false} />
              </label>
              <button type="submit" disabled={shortcutDraft === null}>
                Save shortcut
              </button>
            </form>
          </>
        )}
        <FormError message={error} />
      </details>
    </header>
  );
}
