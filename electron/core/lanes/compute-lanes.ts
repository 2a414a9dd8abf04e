// Lane availability, pure: for each model family, which lanes this host offers now and which one a turn takes
// by default, with the reason in plain words. Order of preference: a seat (already paid for, the provider's own
// model), then a local model (costs nothing, stays on this computer), then the user's key (they pay the
// provider), then NOME Credits.
import { seatSourceNames, type LaneAvailability, type LaneFamily, type LaneOption, type LocalServer, type Seat } from '../../../shared/channels/seats';
import { providers, type ProviderId } from '../../../shared/providers';
import type { KeyState } from '../../../shared/vocabulary';
import { modelFamilies, otherLocalFamily, type ModelFamily } from './model-families';

export interface LaneKey {
  readonly provider: ProviderId;
  readonly label: string;
  readonly state: KeyState;
}

export interface LaneInputs {
  readonly seats: readonly Seat[];
  readonly servers: readonly LocalServer[];
  readonly keys: readonly LaneKey[];
  /** Credits available to spend; null when this host cannot tell. */
  readonly creditsAvailable: number | null;
  readonly now: number;
}

/** States where a turn would still try the key: it authenticated, or its last check said nothing against it. */
const usableKeyStates: ReadonlySet<KeyState> = new Set(['ok', 'unchecked', 'rate_limited', 'provider_down', 'timeout', 'unreachable']);

const keyStateWords: Readonly<Record<KeyState, string>> = {
  ok: 'works',
  restricted: 'lacks permission',
  invalid_key: 'was refused',
  no_credit: 'has no credit',
  rate_limited: 'is rate limited for now',
  provider_down: 'works; the provider is having trouble',
  bad_endpoint: 'points at the wrong endpoint',
  unreachable: 'could not be reached at its last check',
  timeout: 'timed out at its last check',
  unchecked: 'is not checked yet',
};

function seatLane(family: ModelFamily, seats: readonly Seat[], now: number): LaneOption {
  const candidates = seats.filter((seat) => family.seats.includes(seat.source));
  const signedIn = candidates.find((seat) => seat.status === 'signed_in');
  const names = family.seats.map((source) => seatSourceNames[source]).join(' or ');
  if (signedIn) {
    const via = `${signedIn.displayName}${signedIn.plan ? ` (${signedIn.plan})` : ''}`;
    const expired = signedIn.expiresAt !== null && Date.parse(signedIn.expiresAt) <= now;
    return {
      lane: 'provider-subscription',
      available: true,
      via,
      reason: `you are signed in to ${via}${expired ? `; its token has expired and ${signedIn.displayName} renews it when next used` : ''}`,
    };
  }
  const elsewhere = candidates.find((seat) => seat.status === 'elsewhere');
  const apiKey = candidates.find((seat) => seat.status === 'api_key_mode');
  const reason =
    elsewhere ? `${elsewhere.displayName} keeps its sign-in in the OS keychain, which NOME does not open`
    : apiKey ? `${apiKey.displayName} uses an API key, not a plan sign-in`
    : `not signed in to ${names}`;
  return { lane: 'provider-subscription', available: false, via: null, reason };
}

function localLane(family: ModelFamily, servers: readonly LocalServer[], claimed: (id: string) => boolean): LaneOption {
  const pattern = family.localModels!;
  const matches = servers.flatMap((server) =>
    server.state === 'running' ? server.models.filter((model) => pattern.test(model.id) && !claimed(model.id)).map((model) => ({ server, model })) : [],
  );
  const first = matches[0];
  if (first) {
    const more = matches.length > 1 ? ` and ${matches.length - 1} more` : '';
    return { lane: 'local', available: true, via: `${first.server.label}: ${first.model.id}`, reason: `${first.model.id} runs on ${first.server.label} on this computer${more}` };
  }
  const running = servers.filter((server) => server.state === 'running');
  return {
    lane: 'local',
    available: false,
    via: null,
    reason: running.length ? `no ${family.displayName} model on ${running.map((server) => server.label).join(', ')}` : 'no local model server is running',
  };
}

function keyLane(family: ModelFamily, keys: readonly LaneKey[]): LaneOption {
  const own = keys.filter((key) => family.keyProviders.includes(key.provider));
  const usable = own.find((key) => usableKeyStates.has(key.state));
  if (usable) {
    return { lane: 'byok', available: true, via: `key “${usable.label}” (${providers[usable.provider].displayName})`, reason: `your ${providers[usable.provider].displayName} key ${keyStateWords[usable.state]}` };
  }
  const names = family.keyProviders.map((id) => providers[id].displayName).join(' or ');
  const broken = own[0];
  return { lane: 'byok', available: false, via: null, reason: broken ? `your ${names} key ${keyStateWords[broken.state]}` : `no ${names} key saved` };
}

function creditsLane(creditsAvailable: number | null): LaneOption {
  if (creditsAvailable === null) return { lane: 'credits', available: true, via: 'NOME Credits', reason: 'NOME Credits serve it (balance not known on this host)' };
  if (creditsAvailable <= 0) return { lane: 'credits', available: false, via: null, reason: 'no NOME Credits left' };
  return { lane: 'credits', available: true, via: 'NOME Credits', reason: `${Math.floor(creditsAvailable).toLocaleString('en-US')} credits available` };
}

const laneWords = { 'provider-subscription': 'seat', local: 'local', byok: 'your key', credits: 'NOME Credits' } as const;
const whyDefault: Readonly<Record<'provider-subscription' | 'local' | 'byok', string>> = {
  'provider-subscription': 'seat turns cost no credits',
  local: 'local turns cost nothing and stay on this computer',
  byok: 'you pay the provider directly, no credits',
} as const;

function familyLanes(family: ModelFamily, inputs: LaneInputs, claimed: (id: string) => boolean): LaneFamily {
  const lanes: LaneOption[] = [];
  if (family.seats.length) lanes.push(seatLane(family, inputs.seats, inputs.now));
  if (family.localModels) lanes.push(localLane(family, inputs.servers, claimed));
  if (family.keyProviders.length) lanes.push(keyLane(family, inputs.keys));
  if (family.credits) lanes.push(creditsLane(inputs.creditsAvailable));
  const chosen = lanes.find((lane) => lane.available) ?? null;
  const skipped = chosen ? lanes.slice(0, lanes.indexOf(chosen)).map((lane) => lane.reason) : [];
  const why =
    chosen === null ? lanes.map((lane) => lane.reason).join('; ')
    : chosen.lane === 'credits' ? `${skipped.length ? skipped.join(' and ') : 'no other lane serves it'} (${chosen.reason})`
    : `${chosen.reason}, and ${whyDefault[chosen.lane]}${skipped.length ? `; before it: ${skipped.join('; ')}` : ''}`;
  const reason =
    chosen === null ? `No lane on this host: ${why}`
    : chosen.lane === 'credits' ? `NOME Credits by default because ${why}`
    : `${laneWords[chosen.lane]} (${chosen.via}) by default because ${why}`;
  return {
    family: family.family,
    displayName: family.displayName,
    provider: family.provider,
    lanes,
    defaultLane: chosen?.lane ?? null,
    defaultVia: chosen?.via ?? null,
    reason,
    why,
  };
}

export function computeLanes(inputs: LaneInputs): LaneAvailability {
  const named = modelFamilies.filter((family) => family.localModels);
  const claimedByNamed = (id: string) => named.some((family) => family.localModels!.test(id));
  const families = modelFamilies.map((family) => familyLanes(family, inputs, () => false));
  const hasOther = inputs.servers.some((server) => server.state === 'running' && server.models.some((model) => !claimedByNamed(model.id)));
  if (hasOther) families.push(familyLanes(otherLocalFamily, inputs, claimedByNamed));
  return { computedAt: new Date(inputs.now).toISOString(), families };
}
