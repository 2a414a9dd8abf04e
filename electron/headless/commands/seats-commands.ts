// `seats` and `local`: the CLI sign-ins and local model servers this host offers, for people and scripts.
// `--json` prints the DESIGN.md shapes (`{ source, signedIn, plan, email, expiresAt }`, `{ server, url, state,
// models }`) with more fields; never a token, because no channel carries one.
import type { LaneAvailability, LocalServer, Seat } from '../../../shared/channels/seats';
import { exitCodes, type Command } from '../cli-command';

function seatLine(seat: Seat): string {
  const who = seat.email ?? seat.account;
  const parts = [
    seat.status === 'signed_in' ? 'signed in' : seat.status.replace(/_/g, ' '),
    seat.plan ? `plan ${seat.plan}` : null,
    who ? `as ${who}` : null,
    seat.expiresAt ? `token expires ${seat.expiresAt}` : null,
  ].filter(Boolean);
  return `${seat.displayName.padEnd(16)} ${parts.join(', ')}\n${' '.repeat(17)}${seat.detail}`;
}

function serverLine(server: LocalServer): string {
  const head = `${server.label.padEnd(16)} ${server.state.replace(/_/g, ' ').padEnd(12)} ${server.url}${server.version ? ` (v${server.version})` : ''}`;
  const models = server.models.length ? `\n${' '.repeat(17)}models: ${server.models.map((model) => model.id).join(', ')}` : '';
  return `${head}${models}\n${' '.repeat(17)}${server.message}`;
}

const laneNames = { 'provider-subscription': 'seat', local: 'local', byok: 'your key', credits: 'credits' } as const;

export const seatsCommands: Command[] = [
  {
    words: ['seats'],
    summary: 'Provider CLI sign-ins on this host (read only; tokens are never read out)',
    options: { lanes: { type: 'boolean', description: 'Also show which lane each model family takes by default' } },
    async run(context) {
      const seats = await context.call<Seat[]>('seats:list', { refresh: true });
      const lanes = context.values.lanes === true ? await context.call<LaneAvailability>('lanes:availability', {}) : null;
      if (context.json) {
        context.printJson(lanes ? { seats, lanes } : seats);
        return exitCodes.ok;
      }
      for (const seat of seats) context.print(seatLine(seat));
      if (lanes) {
        context.print('');
        for (const family of lanes.families) {
          context.print(`${family.displayName.padEnd(22)} ${family.defaultLane ? laneNames[family.defaultLane] : 'none'}: ${family.reason}`);
        }
      }
      return exitCodes.ok;
    },
  },
  {
    words: ['local'],
    summary: 'Local model servers on this computer (Ollama, LM Studio, llama.cpp, vLLM, your loopback endpoints)',
    async run(context) {
      const servers = await context.call<LocalServer[]>('local:list', { refresh: true });
      if (context.json) {
        context.printJson(servers);
        return exitCodes.ok;
      }
      for (const server of servers) context.print(serverLine(server));
      return exitCodes.ok;
    },
  },
];
