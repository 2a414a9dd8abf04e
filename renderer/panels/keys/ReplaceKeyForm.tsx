// Rotation: paste the new key for an existing card; core checks and seals it before the old one goes.
// A keyless endpoint's card gets its first key through the same form, worded as adding one.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { noKeyMasked, type KeyCard } from '../../../shared/channels/keys';
import { normalizeKeyInput } from '../../../shared/key-detection';
import { isWireError } from '../../../shared/api';
import { announce } from '../../app/announcer';
import { describeError } from '../../app/describe-error';
import { useKeysStore } from './keys-store';
import { describeState } from './key-state-text';
import { isForeignHostRefusal } from './AddKeyForm';
import { FormError } from '../../app/FormError';

export function ReplaceKeyForm({ card, onDone }: { card: KeyCard; onDone: (replaced: boolean) => void }) {
  const id = useId();
  const ref = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** What "anyway" would override: a failed check, or a foreign host. */
  const [refused, setRefused] = useState<'check' | 'host' | null>(null);
  const replace = useKeysStore((state) => state.replace);
  const keyless = card.masked === noKeyMasked;
  const name = card.label || card.masked;

  useEffect(() => ref.current?.focus(), []);

  const submit = async (override: 'check' | 'host' | null) => {
    const normalized = normalizeKeyInput(ref.current?.value ?? '');
    if (!normalized.ok) return setError(normalized.message);
    setBusy(true);
    announce(keyless ? 'Checking the key…' : 'Checking the new key…');
    try {
      const result = await replace(card.id, normalized.value, { force: override === 'check', allowForeignHost: override === 'host' });
      if (ref.current) ref.current.value = '';
      const state = describeState(result.card.state, { provider: result.card.provider, retryAfterS: null, checkedAt: null, now: Date.now() });
      announce(`${keyless ? 'Key added' : 'Replaced'}: now ${result.card.masked}, ${state.label}.`);
      onDone(true);
    } catch (caught) {
      const detail = isWireError(caught) ? (caught.detail as { state?: string; check?: { state?: string } } | undefined) : undefined;
      const state = detail?.check?.state ?? detail?.state;
      setRefused(isWireError(caught) && caught.code === 'check_failed' ? 'check' : isForeignHostRefusal(caught) ? 'host' : null);
      const message = state ? `The ${keyless ? '' : 'new '}key was not accepted (${state.replace('_', ' ')}). ${describeError(caught)}` : describeError(caught);
      setError(message);
      announce(message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="inline-form"
      aria-label={keyless ? `Add a key to ${name}` : `Replace ${card.masked}`}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        if (!busy) void submit(null);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          if (ref.current) ref.current.value = '';
          onDone(false);
        }
      }}
    >
      <label htmlFor={`${id}-secret`}>
        {keyless ? 'Key for' : 'New key for'} {name}
      </label>
      <input ref={ref} id={`${id}-secret`} type="password" autoComplete="off" spellCheck={false} disabled={busy} placeholder={keyless ? 'Paste the key, then Enter' : 'Paste the new key, then Enter'} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Checking…' : keyless ? 'Check and save' : 'Check and replace'}
        </button>
        {refused && (
          <button type="button" onClick={() => void submit(refused)} disabled={busy}>
            {refused === 'host' ? 'Send it there anyway' : keyless ? 'Save anyway' : 'Replace anyway'}
          </button>
        )}
        <button type="button" onClick={() => onDone(false)} disabled={busy}>
          Cancel
        </button>
      </div>
      <FormError message={error} />
    </form>
  );
}
