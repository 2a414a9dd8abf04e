// The keys panel's state: the key cards from `keys:list`, kept current by `keys:changed` (never polled),
// plus what is in flight. A secret passes through `add`/`replace` as an argument and is never stored here.
import { create } from 'zustand';
import type { AddKeyInput, KeyCard, KeySaveResult, UpdateKeyInput } from '../../../shared/channels/keys';
import { providers } from '../../../shared/providers';
import { announce } from '../../app/announcer';
import { describeError } from '../../app/describe-error';
import { nome } from '../../bridge/nome';
import { connectOnce } from '../../bridge/resync';
import { movedOrder } from './key-groups';
import { describeStateChanges } from './state-changes';
import { checkedOne } from './key-state-text';

/** Long enough to read the notice and reach Undo by keyboard (WCAG 2.2.1 asks for generous timing). */
export const undoWindowMs = 10_000;

interface PendingRemoval {
  readonly card: KeyCard;
  readonly timer: ReturnType<typeof setTimeout>;
}

interface KeysState {
  cards: KeyCard[];
  loaded: boolean;
  error: string | null;
  /** Ids being checked right now. */
  checking: ReadonlySet<string>;
  checkingAll: boolean;
  /** A removal shown as done but not yet sent, so Undo needs no secret. */
  pendingRemoval: PendingRemoval | null;
  load(): Promise<void>;
  add(input: AddKeyInput): Promise<KeySaveResult>;
  replace(id: string, secret: string, options?: { force?: boolean; allowForeignHost?: boolean }): Promise<KeySaveResult>;
  update(input: UpdateKeyInput): Promise<KeyCard>;
  /** Copies an environment key into the vault: an explicit action, never automatic. */
  importEnv(variable: string): Promise<void>;
  check(ids?: string[]): Promise<void>;
  move(id: string, delta: -1 | 1): Promise<boolean>;
  remove(id: string): void;
  undoRemove(): void;
  commitRemoval(): Promise<void>;
}

const nameOf = (card: KeyCard) => `${providers[card.provider].displayName} key ${card.label || card.masked}`;

export const useKeysStore = create<KeysState>((set, get) => ({
  cards: [],
  loaded: false,
  error: null,
  checking: new Set(),
  checkingAll: false,
  pendingRemoval: null,

  async load() {
    try {
      set({ cards: await nome()['keys:list'](), loaded: true, error: null });
    } catch (error) {
      set({ loaded: true, error: describeError(error) });
    }
  },

  async add(input) {
    const result = await nome()['keys:add'](input);
    mergeCard(result.card);
    return result;
  },

  async replace(id, secret, options = {}) {
    const result = await nome()['keys:replace']({ id, secret, force: options.force === true, allowForeignHost: options.allowForeignHost === true });
    mergeCard(result.card);
    return result;
  },

  async update(input) {
    const card = await nome()['keys:update'](input);
    mergeCard(card);
    return card;
  },

  async importEnv(variable) {
    try {
      const result = await nome()['keys:import-env']({ name: variable });
      mergeCard(result.card);
      announce(`Saved a copy of ${variable} here as ${result.card.masked}.`);
    } catch (error) {
      announce(`Could not import ${variable}: ${describeError(error)}`);
    }
  },

  async check(ids) {
    const all = ids === undefined;
    set((state) => ({ checkingAll: all || state.checkingAll, checking: new Set([...state.checking, ...(ids ?? [])]) }));
    announce(all ? 'Checking every key…' : 'Checking the key…');
    try {
      const results = await nome()['keys:check'](all ? {} : { ids });
      const failing = results.filter((r) => r.state !== 'ok').length;
      announce(results.length === 1 ? checkedOne(results[0]!) : `Checked ${results.length} keys: ${failing === 0 ? 'all work' : `${failing} need attention`}.`);
      // keys:changed brings the new states; load once more in case this host emits no event.
      await get().load();
    } catch (error) {
      announce(`The check failed: ${describeError(error)}`);
    } finally {
      set((state) => {
        const checking = new Set(state.checking);
        for (const id of ids ?? []) checking.delete(id);
        return { checking, checkingAll: all ? false : state.checkingAll };
      });
    }
  },

  async move(id, delta) {
    const order = movedOrder(get().cards, id, delta);
    if (!order) return false;
    try {
      const cards = await nome()['keys:reorder'](order);
      set({ cards });
      const place = order.ids.indexOf(id) + 1;
      announce(`Moved to place ${place} of ${order.ids.length} for ${providers[order.provider].displayName}.`);
      return true;
    } catch (error) {
      announce(`Could not move the key: ${describeError(error)}`);
      return false;
    }
  },

  remove(id) {
    const card = get().cards.find((c) => c.id === id);
    if (!card) return;
    // One pending removal at a time: a second one sends the first.
    void get().commitRemoval();
    const timer = setTimeout(() => void get().commitRemoval(), undoWindowMs);
    set({ pendingRemoval: { card, timer } });
    announce(`Removed ${nameOf(card)}. Press Undo or Control+Z within ${undoWindowMs / 1000} seconds to keep it.`);
  },

  undoRemove() {
    const pending = get().pendingRemoval;
    if (!pending) return;
    clearTimeout(pending.timer);
    set({ pendingRemoval: null });
    announce(`Kept ${nameOf(pending.card)}.`);
  },

  async commitRemoval() {
    const pending = get().pendingRemoval;
    if (!pending) return;
    clearTimeout(pending.timer);
    set({ pendingRemoval: null, cards: get().cards.filter((c) => c.id !== pending.card.id) });
    try {
      await nome()['keys:remove']({ id: pending.card.id });
    } catch (error) {
      announce(`Could not remove the key: ${describeError(error)}`);
      await get().load();
    }
  },
}));

function mergeCard(card: KeyCard): void {
  useKeysStore.setState((state) => {
    const index = state.cards.findIndex((c) => c.id === card.id);
    if (index < 0) return { cards: [...state.cards, card] };
    const cards = state.cards.slice();
    cards[index] = card;
    return { cards };
  });
}

export const connectKeysStore = connectOnce(
  () => useKeysStore.getState().load(),
  () => {
    nome().on('keys:changed', (cards) => {
      const changes = describeStateChanges(useKeysStore.getState().cards, cards, Date.now());
      useKeysStore.setState({ cards, loaded: true });
      // A few changes are read out one by one; a check of many keys is summed up in one sentence.
      if (changes.length > 0 && changes.length <= 3) announce(changes.join(' '));
      else if (changes.length > 3) announce(`${changes.length} keys changed state.`);
    });
    // A removal still waiting for its undo window is sent before the page goes away.
    window.addEventListener('pagehide', () => void useKeysStore.getState().commitRemoval());
  },
);
