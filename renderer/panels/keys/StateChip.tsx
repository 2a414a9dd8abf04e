// A key state as a chip in plain words, what it means, and the next step with its link or action.
import type { ProviderId } from '../../../shared/providers';
import type { KeyState } from '../../../shared/vocabulary';
import { useNow } from '../../app/use-now';
import { describeState } from './key-state-text';

interface Props {
  state: KeyState;
  provider: ProviderId;
  retryAfterS: number | null;
  checkedAt: string | null;
  /** Scrubbed one-line message from the check, shown as evidence. */
  message?: string | null;
  onAction?: (action: 'replace' | 'recheck' | 'edit-endpoint') => void;
}

export function StateChip({ state, provider, retryAfterS, checkedAt, message, onAction }: Props) {
  // Only a rate-limit countdown needs seconds; every other state reads the clock not at all.
  const now = useNow(state === 'rate_limited' ? 1000 : 3_600_000);
  const text = describeState(state, { provider, retryAfterS, checkedAt, now });
  const next = text.next;
  return (
    <div className="state" data-state={state}>
      <span className={`chip chip-${text.tone}`}>
        <span className="visually-hidden">State: </span>
        {text.label}
      </span>
      <span className="state-meaning">{text.meaning}</span>
      {message && state !== 'ok' && <span className="state-evidence muted">{message}</span>}
      {next && (
        <span className="state-next">
          {next.action && onAction ? (
            <button type="button" className="link-button" onClick={() => onAction(next.action!)}>
              {next.text}
            </button>
          ) : (
            <span>{next.text}</span>
          )}
          {next.link && (
            <a href={next.link.href} target="_blank" rel="noopener noreferrer">
              {next.link.label}
              <span className="visually-hidden"> (opens in your browser)</span>
            </a>
          )}
        </span>
      )}
    </div>
  );
}
