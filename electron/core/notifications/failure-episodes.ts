// Failure episodes, pure: which failures are open now, and which just began (one notification each).
// An episode opens when a key turns `invalid_key` or `no_credit`, or credits cross the low threshold; it
// stays open, silently, until recovery (the key checks `ok` again or is removed; credits are no longer low).
// Key episodes that begin together (one sweep, a proxy answering 401 to every key) share one notification.
import type { AppNotification } from '../../../shared/channels/status';
import { providers } from '../../../shared/providers';
import type { CreditStanding, StatusKey } from '../status/compute-app-status';

export interface EpisodeSnapshot {
  readonly keys: readonly StatusKey[];
  /** null: the credit summary could not be read now, so the credits episode neither opens nor closes. */
  readonly credits: CreditStanding | null;
}

export interface EpisodeStep {
  readonly open: ReadonlySet<string>;
  /** Keys whose failure episode just began, in snapshot order; `keyFailureNotification` words them. */
  readonly failedKeys: readonly StatusKey[];
  /** The credits-low episode just began: always a notification of its own. */
  readonly credits: AppNotification | null;
}

/** A combined notification names this many keys, then "+N more", so its body stays short. */
const namedKeysInSummary = 2;
/** Labels are user text up to 120 characters; in a summary each is cut to this many. */
const summaryLabelLength = 32;

const creditsEpisode = 'credits:low';

function keyEpisode(key: StatusKey): string {
  return `key:${key.id}`;
}

function isKeyFailing(key: StatusKey): boolean {
  return key.state === 'invalid_key' || key.state === 'no_credit';
}

/** Only the provider, the user's label and the state: never the key, its masked form or a provider message. */
function keyNotification(key: StatusKey): AppNotification {
  const provider = providers[key.provider].displayName;
  const what = key.state === 'invalid_key' ? 'was rejected as invalid' : 'has no credit left with the provider';
  const todo = key.state === 'invalid_key' ? 'replace it' : 'top it up or switch keys';
  return {
    episode: keyEpisode(key),
    title: `${provider} key needs attention`,
    body: `Your ${provider} key "${key.label}" ${what}. Open NOME Settings to ${todo}.`,
  };
}

function shortLabel(label: string): string {
  const characters = [...label];
  return characters.length <= summaryLabelLength ? label : `${characters.slice(0, summaryLabelLength - 1).join('')}…`;
}

function summaryLine(key: StatusKey): string {
  const what = key.state === 'invalid_key' ? 'rejected' : 'out of credit';
  return `${providers[key.provider].displayName} "${shortLabel(key.label)}" ${what}`;
}

/**
 * One notification for key episodes that began together: one key keeps its own wording; several are
 * counted, the first two named, the rest "+N more". Never the key, its masked form or a provider message.
 */
export function keyFailureNotification(keys: readonly [StatusKey, ...StatusKey[]]): AppNotification {
  if (keys.length === 1) return keyNotification(keys[0]);
  const named = keys.slice(0, namedKeysInSummary).map(summaryLine);
  const more = keys.length - named.length;
  return {
    episode: keys.map(keyEpisode).join(' '),
    title: `${keys.length} keys failing`,
    body: `${[...named, ...(more > 0 ? [`+${more} more`] : [])].join(', ')}. Open NOME Settings to fix them.`,
  };
}

function creditsNotification(credits: CreditStanding): AppNotification {
  return {
    episode: creditsEpisode,
    title: 'NOME Credits are running low',
    body: `${Math.floor(credits.available).toLocaleString('en-US')} credits left. Open NOME Settings to top up or use your own keys.`,
  };
}

export function stepEpisodes(open: ReadonlySet<string>, snapshot: EpisodeSnapshot): EpisodeStep {
  const next = new Set<string>();
  const failedKeys: StatusKey[] = [];
  let credits: AppNotification | null = null;

  for (const key of snapshot.keys) {
    const episode = keyEpisode(key);
    if (isKeyFailing(key)) {
      next.add(episode);
      if (!open.has(episode)) failedKeys.push(key);
    } else if (open.has(episode) && key.state !== 'ok') {
      // Unreachable, unchecked and the like prove nothing: only an `ok` check ends the episode.
      next.add(episode);
    }
  }
  // Keys no longer listed were removed: their episodes end with them.

  if (snapshot.credits === null) {
    if (open.has(creditsEpisode)) next.add(creditsEpisode);
  } else if (snapshot.credits.low) {
    next.add(creditsEpisode);
    if (!open.has(creditsEpisode)) credits = creditsNotification(snapshot.credits);
  }
  return { open: next, failedKeys, credits };
}
