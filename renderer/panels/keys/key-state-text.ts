// What each key state means in plain words, and the next step a person can take (DESIGN.md "Key states").
import type { CheckResult } from '../../../shared/channels/checks';
import { providers, type ProviderId } from '../../../shared/providers';
import type { KeyState } from '../../../shared/vocabulary';
import { formatWait } from '../../app/format';

export type Tone = 'ok' | 'warn' | 'danger' | 'info' | 'neutral';

export interface NextStep {
  readonly text: string;
  /** A provider page that helps; opened in the system browser. */
  readonly link: { readonly href: string; readonly label: string } | null;
  /** An action in the app itself, e.g. open the endpoint editor or re-check. */
  readonly action: 'replace' | 'recheck' | 'edit-endpoint' | null;
}

export interface StateText {
  readonly label: string;
  readonly tone: Tone;
  readonly meaning: string;
  readonly next: NextStep | null;
}

export interface StateContext {
  readonly provider: ProviderId;
  readonly retryAfterS: number | null;
  readonly checkedAt: string | null;
  readonly now: number;
}

const link = (href: string | null, label: string) => (href ? { href, label } : null);

/** Seconds left before a rate-limited key may be tried again, counted from its check. */
export function secondsUntilRetry(context: StateContext): number | null {
  if (context.retryAfterS === null || context.checkedAt === null) return null;
  const due = new Date(context.checkedAt).getTime() + context.retryAfterS * 1000;
  return Math.max(0, (due - context.now) / 1000);
}

export function describeState(state: KeyState, context: StateContext): StateText {
  const info = providers[context.provider];
  const name = info.displayName;
  switch (state) {
    case 'ok':
      return { label: 'Working', tone: 'ok', meaning: `${name} accepts this key.`, next: null };
    case 'restricted':
      return {
        label: 'Limited access',
        tone: 'warn',
        meaning: 'The key is real but lacks permission for this check or API.',
        next: { text: 'Give the key the permissions it needs', link: link(info.keyPageUrl, `${name} key settings`), action: null },
      };
    case 'invalid_key':
      return {
        label: 'Key rejected',
        tone: 'danger',
        meaning: `${name} does not accept this key: it is unknown, revoked, expired or mistyped.`,
        next: { text: 'Replace key', link: link(info.keyPageUrl, `Get a new key from ${name}`), action: 'replace' },
      };
    case 'no_credit':
      return {
        label: 'Out of credit',
        tone: 'danger',
        meaning: `${name} is refusing use for billing reasons (no balance, quota or a spend cap). Retrying will not help.`,
        next: { text: 'Add credit or raise the limit', link: link(info.billingPageUrl, `${name} billing`), action: null },
      };
    case 'rate_limited': {
      const wait = secondsUntilRetry(context);
      const text = wait === null ? 'Retrying shortly' : wait > 0 ? `Retrying in ${formatWait(wait)}` : 'Retrying now';
      return { label: 'Rate limited', tone: 'warn', meaning: `${name} is throttling this key for now.`, next: { text, link: null, action: null } };
    }
    case 'provider_down':
      return {
        label: 'Provider trouble',
        tone: 'warn',
        meaning: `${name} is failing or overloaded right now; your key is probably fine.`,
        next: { text: 'Check again later', link: link(info.statusPageUrl, `${name} status page`), action: 'recheck' },
      };
    case 'bad_endpoint':
      return {
        label: 'Wrong address',
        tone: 'danger',
        meaning: 'The address does not answer like this API.',
        next: { text: 'Fix the base URL', link: null, action: 'edit-endpoint' },
      };
    case 'unreachable':
      return {
        label: 'Cannot connect',
        tone: 'danger',
        meaning: 'No connection could be made (DNS, refused or TLS failure).',
        next: { text: 'Check your network or the base URL', link: null, action: 'edit-endpoint' },
      };
    case 'timeout':
      return { label: 'No answer in time', tone: 'warn', meaning: 'The check got no complete answer before its deadline.', next: { text: 'Check again', link: null, action: 'recheck' } };
    case 'unchecked':
      return { label: 'Not checked yet', tone: 'neutral', meaning: 'This key has not been checked here.', next: { text: 'Check now', link: null, action: 'recheck' } };
  }
}

/** The words a screen reader hears after one key's check: the same label and next step the card shows. */
export function checkedOne(result: CheckResult, now = Date.now()): string {
  if (result.state === 'ok') return 'Check finished: the key works.';
  const text = describeState(result.state, { provider: result.provider, retryAfterS: result.retryAfterS, checkedAt: result.checkedAt, now });
  return `Check finished: ${text.label}.${text.next ? ` ${text.next.text}.` : ''}`;
}
