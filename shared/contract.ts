// The one contract: every channel and event, declared once. Transports and the renderer derive from it.
// Adding a feature: declare its channels in shared/channels/<feature>.ts and spread them here.
import type { z } from 'zod';
import { appChannels, appEvents } from './channels/app';
import { statusChannels, statusEvents } from './channels/status';
import { seatsChannels, seatsEvents } from './channels/seats';
import { keysChannels, keysEvents } from './channels/keys';
import { checksChannels, checksEvents } from './channels/checks';
import { statusPagesChannels, statusPagesEvents } from './channels/status-pages';
import { creditChannels, creditEvents } from './channels/credits';
import { receiptChannels } from './channels/receipts';

export const channels = {
  ...appChannels,
  ...statusChannels,
  ...seatsChannels,
  ...keysChannels,
  ...checksChannels,
  ...statusPagesChannels,
  ...creditChannels,
  ...receiptChannels,
} as const;

export const events = {
  ...appEvents,
  ...statusEvents,
  ...seatsEvents,
  ...keysEvents,
  ...checksEvents,
  ...statusPagesEvents,
  ...creditEvents,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(channels, name);
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}
