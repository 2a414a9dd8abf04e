// The fixed vocabularies of the design: key states, cost lanes, host kinds.
import { z } from 'zod';

/** Every key check ends in exactly one of these (DESIGN.md, "Key states"). */
export const keyStates = [
  'ok',
  'restricted',
  'invalid_key',
  'no_credit',
  'rate_limited',
  'provider_down',
  'bad_endpoint',
  'unreachable',
  'timeout',
  'unchecked',
] as const;
export const keyStateSchema = z.enum(keyStates);
export type KeyState = z.infer<typeof keyStateSchema>;

/** Only `credits` consumes NOME Credits. */
export const costLanes = ['credits', 'byok', 'local', 'provider-subscription'] as const;
export const costLaneSchema = z.enum(costLanes);
export type CostLane = z.infer<typeof costLaneSchema>;

export const hostKinds = ['electron', 'serve', 'cli'] as const;
export const hostKindSchema = z.enum(hostKinds);
export type HostKind = z.infer<typeof hostKindSchema>;
