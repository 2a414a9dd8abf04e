// Which key ran a receipt's turn, in words: the key's label and its masked form, from the keys store (fed by
// keys:list and keys:changed). Receipts carry only the key's id, never the key.
import type { KeyCard } from '../../../shared/channels/keys';
import type { Receipt } from '../../../shared/channels/receipts';

export interface KnownKeys {
  readonly cards: readonly KeyCard[];
  readonly loaded: boolean;
  readonly error: string | null;
}

/** The Key column of one receipt: what to call the key, and its masked form when it is a key we know. An
 *  unlabelled key is saved under its provider's name ("OpenAI project key"), so two of them differ only
 *  by the masked form. */
export interface ReceiptKeyText {
  readonly name: string;
  readonly masked: string | null;
}

export function receiptKeyText(receipt: Pick<Receipt, 'lane' | 'keyId'>, keys: KnownKeys): ReceiptKeyText {
  // Only byok turns run on one of the user's keys: a dash elsewhere reads as "not this lane".
  if (receipt.lane !== 'byok') return { name: '—', masked: null };
  if (receipt.keyId === null) return { name: 'not named', masked: null };
  const card = keys.cards.find((c) => c.id === receipt.keyId);
  if (card) return cardText(card);
  // Until the key list has read (or when it cannot), an id missing from it is not yet a removed key.
  if (!keys.loaded) return { name: '…', masked: null };
  if (keys.error !== null) return { name: receipt.keyId, masked: null };
  return { name: 'removed key', masked: null };
}

/** A known key: its label with the masked form beside it, or the masked form alone when the label is empty or
 *  is the masked form itself. */
function cardText(card: KeyCard): ReceiptKeyText {
  const name = card.label.trim();
  return name && name !== card.masked ? { name, masked: card.masked } : { name: card.masked, masked: null };
}

/** An option of the Key filter: the key's label and masked form, so two keys with one label still differ. */
export function keyOptionText(card: KeyCard): string {
  const { name, masked } = cardText(card);
  return masked ? `${name} · ${masked}` : name;
}
