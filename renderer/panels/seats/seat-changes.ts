// What changed between two scans, in words for the live region: "Grok CLI: now Signed in." rather than only
// "Sign-ins changed.", so a sign-in or a server stopping is heard, not only redrawn.
import type { LocalServer, Seat } from '../../../shared/channels/seats';
import { seatChips, serverChips } from './seat-text';

/** One sentence per CLI whose status changed; none when only details (plan, expiry) moved, which are redrawn only. */
export function describeSeatChanges(before: readonly Seat[], after: readonly Seat[]): string[] {
  const was = new Map(before.map((seat) => [seat.source, seat.status]));
  return after.filter((seat) => was.has(seat.source) && was.get(seat.source) !== seat.status).map((seat) => `${seat.displayName}: now ${seatChips[seat.status].label}.`);
}

/** The same for local servers, keyed by kind and address; a server that appears or goes is named too. */
export function describeServerChanges(before: readonly LocalServer[], after: readonly LocalServer[]): string[] {
  const key = (server: LocalServer) => `${server.server} ${server.url}`;
  const was = new Map(before.map((server) => [key(server), server]));
  const now = new Set(after.map(key));
  return [
    ...after.flatMap((server) => {
      const previous = was.get(key(server));
      if (!previous) return [`${server.label} added: ${serverChips[server.state].label}.`];
      return previous.state !== server.state ? [`${server.label}: now ${serverChips[server.state].label}.`] : [];
    }),
    ...before.filter((server) => !now.has(key(server))).map((server) => `${server.label} removed.`),
  ];
}
