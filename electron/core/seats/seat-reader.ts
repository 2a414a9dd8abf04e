// What every seat reader shares: its inputs, and one way to build the Seat it returns.
import { seatSourceNames, type Seat, type SeatSource, type SeatStatus } from '../../../shared/channels/seats';
import type { ProviderId } from '../../../shared/providers';
import type { HomeFiles } from './home-files';
import type { JsonRead } from './read-json';

export interface SeatReadContext {
  readonly files: HomeFiles;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: () => number;
}

/** Reads one CLI's files and returns metadata only. Token bytes never leave the reader. */
export type SeatReader = (context: SeatReadContext) => Promise<Seat>;

export interface SeatFields {
  readonly status: SeatStatus;
  readonly detail: string;
  readonly files: readonly string[];
  readonly plan?: string | null;
  readonly email?: string | null;
  readonly account?: string | null;
  readonly expiresAt?: string | null;
  readonly authMode?: string | null;
}

export function buildSeat(source: SeatSource, provider: ProviderId | null, context: Pick<SeatReadContext, 'now'>, fields: SeatFields): Seat {
  return {
    source,
    displayName: seatSourceNames[source],
    // A CLI on an API key is not a seat: a router reading `signedIn` must not send it turns as a no-credit seat.
    signedIn: fields.status === 'signed_in',
    status: fields.status,
    plan: fields.plan ?? null,
    email: fields.email ?? null,
    account: fields.account ?? null,
    expiresAt: fields.expiresAt ?? null,
    authMode: fields.authMode ?? null,
    provider,
    files: [...fields.files],
    detail: fields.detail,
    checkedAt: new Date(context.now()).toISOString(),
  };
}

/** The first file problem, as a seat status and its plain line; null when every file read cleanly or was absent. */
export function firstProblem(reads: readonly JsonRead[]): { status: SeatStatus; detail: string } | null {
  for (const read of reads) {
    if (read.kind === 'too_large' || read.kind === 'unreadable' || read.kind === 'malformed') {
      return { status: read.kind, detail: read.problem };
    }
  }
  return null;
}

/** Problems worth appending to a signed-in line ("…; ~/.claude.json could not be read"). */
export function problemNotes(reads: readonly JsonRead[]): string {
  const notes = reads.flatMap((read) => ('problem' in read ? [read.problem] : []));
  return notes.length ? `; ${notes.join('; ')}` : '';
}
