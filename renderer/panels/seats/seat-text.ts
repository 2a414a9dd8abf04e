// Plain words for seats, local servers and lanes: what the panel says and what a screen reader hears.
import type { CostLane } from '../../../shared/vocabulary';
import type { LocalServer, Seat, SeatStatus } from '../../../shared/channels/seats';
import { formatAgo } from '../../app/format';

export type Tone = 'ok' | 'warn' | 'danger' | 'info' | 'neutral';

export const seatChips: Readonly<Record<SeatStatus, { label: string; tone: Tone }>> = {
  signed_in: { label: 'Signed in', tone: 'ok' },
  api_key_mode: { label: 'Uses an API key', tone: 'info' },
  signed_out: { label: 'Signed out', tone: 'neutral' },
  not_found: { label: 'Not found', tone: 'neutral' },
  elsewhere: { label: 'In the keychain', tone: 'info' },
  unreadable: { label: 'Cannot read', tone: 'warn' },
  malformed: { label: 'Damaged file', tone: 'warn' },
  too_large: { label: 'File too large', tone: 'warn' },
};

/** "token expires in 3 days" / "token expired 2 hours ago; Codex CLI renews it when next used". */
export function expiryText(seat: Seat, now: number): string | null {
  if (!seat.expiresAt) return null;
  const when = formatAgo(seat.expiresAt, now);
  return Date.parse(seat.expiresAt) > now ? `token expires ${when}` : `token expired ${when}; ${seat.displayName} renews it when next used`;
}

/** The headline for one CLI, e.g. "Signed in to Claude Code (Max) as a@b.c, token expires in 3 days". */
export function seatHeadline(seat: Seat, now: number): string {
  const name = seat.displayName;
  switch (seat.status) {
    case 'signed_in': {
      const who = seat.email ?? seat.account;
      const expiry = expiryText(seat, now);
      return `Signed in to ${name}${seat.plan ? ` (${seat.plan})` : ''}${who ? ` as ${who}` : ''}${expiry ? `, ${expiry}` : ''}`;
    }
    case 'api_key_mode':
      return `${name} is set up with an API key, not a plan sign-in`;
    case 'signed_out':
      return `Not signed in to ${name}`;
    case 'not_found':
      return `${name} is not on this computer`;
    case 'elsewhere':
      return `${name} keeps its sign-in in the system keychain, which NOME does not open`;
    case 'unreadable':
    case 'malformed':
    case 'too_large':
      return `${name}: its sign-in file could not be used`;
  }
}

/** What the detail line adds to the headline: for a sign-in, only the notes after the first "; ". */
export function seatNotes(seat: Seat): string | null {
  if (seat.status !== 'signed_in') return seat.detail || null;
  const cut = seat.detail.indexOf('; ');
  if (cut < 0) return null;
  const notes = seat.detail.slice(cut + 2);
  return `${notes.charAt(0).toUpperCase()}${notes.slice(1)}.`;
}

export const serverChips: Readonly<Record<LocalServer['state'], { label: string; tone: Tone }>> = {
  running: { label: 'Running', tone: 'ok' },
  starting: { label: 'Starting', tone: 'warn' },
  needs_key: { label: 'Needs a key', tone: 'warn' },
  not_running: { label: 'Not running', tone: 'neutral' },
};

export function formatBytes(bytes: number | null): string | null {
  if (bytes === null) return null;
  const gb = bytes / 1e9;
  return gb >= 1 ? `${gb.toFixed(1)} GB` : `${Math.max(1, Math.round(bytes / 1e6))} MB`;
}

export const laneNames: Readonly<Record<CostLane, string>> = {
  'provider-subscription': 'Seat',
  local: 'Local',
  byok: 'Your key',
  credits: 'NOME Credits',
};

export const laneTones: Readonly<Record<CostLane, string>> = {
  'provider-subscription': 'lane-subscription',
  local: 'lane-local',
  byok: 'lane-byok',
  credits: 'lane-credits',
};

/** A lane with what provides it, for the lane table: "Seat (Claude Code (Max))", "Your key “Work” (xAI)", "NOME Credits". */
export function laneWithVia(lane: CostLane, via: string | null): string {
  if (!via || via === 'NOME Credits') return laneNames[lane];
  // Core names a key lane's provider as "key “Work” (xAI)"; after "Your key" the word would repeat.
  if (lane === 'byok' && via.startsWith('key ')) return `${laneNames.byok} ${via.slice(4)}`;
  return `${laneNames[lane]} (${via})`;
}
