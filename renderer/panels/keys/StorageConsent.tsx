// The consent step for weaker storage (Linux `basic_text`): nothing is stored until the user says yes here,
// and the yes can be taken back. The app banner shows it; `app:info-changed` redraws the banner after.
import { useState } from 'react';
import { announce } from '../../app/announcer';
import { useAppStore } from '../../app/app-store';
import { describeError } from '../../app/describe-error';
import { nome } from '../../bridge/nome';
import { FormError } from '../../app/FormError';

export function StorageConsent({ given }: { given: boolean }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const decide = async (weakerStorage: boolean) => {
    setBusy(true);
    try {
      await nome()['storage:consent']({ weakerStorage });
      // app:info-changed redraws the banner too; reading once more covers a host that emits no event.
      await useAppStore.getState().load();
      announce(weakerStorage ? 'Keys will be stored with weaker protection.' : 'Consent withdrawn; no new key will be stored until you agree again.');
      setError(null);
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="consent">
      <button type="button" onClick={() => void decide(!given)} disabled={busy}>
        {given ? 'Withdraw consent' : 'Store keys with weaker protection'}
      </button>
      <FormError message={error} inline />
    </span>
  );
}
