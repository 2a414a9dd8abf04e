// `window.nome`: one function per channel plus `on(event, callback)`, built once over any transport.
// The preload builds it over ipcRenderer; the served renderer builds it over HTTP and Server-Sent Events.
import { channelNames, type ChannelInput, type ChannelName, type ChannelOutput, type EventName, type EventPayload } from './contract';
import type { WireError, WireResult } from './errors';

export interface Transport {
  invoke(channel: ChannelName, input: unknown): Promise<WireResult>;
  /** Subscribes to every event; returns an unsubscribe function. */
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

type ChannelFunctions = {
  [C in ChannelName]: undefined extends ChannelInput<C>
    ? (input?: ChannelInput<C>) => Promise<ChannelOutput<C>>
    : (input: ChannelInput<C>) => Promise<ChannelOutput<C>>;
};

export type NomeApi = ChannelFunctions & {
  on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void;
};

/** Turns a wire result into a value, or rejects with the plain `{ code, message }` object itself: Electron's
 *  contextBridge drops custom properties of Error instances, but clones plain objects whole. */
export function unwrapResult<T>(result: WireResult<T>): T {
  if (result.ok) return result.value;
  throw result.error;
}

export function isWireError(value: unknown): value is WireError {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}

export function createNomeApi(transport: Transport): NomeApi {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let unsubscribeTransport: (() => void) | null = null;

  const dispatch = (event: string, payload: unknown) => {
    for (const callback of listeners.get(event) ?? []) callback(payload);
  };

  const api: Record<string, unknown> = {
    on(event: string, callback: (payload: unknown) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(callback);
      unsubscribeTransport ??= transport.subscribe(dispatch);
      return () => {
        set.delete(callback);
      };
    },
  };
  for (const channel of channelNames) {
    api[channel] = async (input?: unknown) => unwrapResult(await transport.invoke(channel, input));
  }
  return api as NomeApi;
}
