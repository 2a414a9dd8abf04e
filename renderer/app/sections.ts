// The settings sections, in navigation order. A panel registers here and nowhere else.
import type { ComponentType } from 'react';
import { CreditsPanel } from '../panels/credits/CreditsPanel';
import { KeysPanel } from '../panels/keys/KeysPanel';
import { ReceiptsPanel } from '../panels/receipts/ReceiptsPanel';
import { SeatsPanel } from '../panels/seats/SeatsPanel';

export interface Section {
  readonly id: 'keys' | 'credits' | 'seats' | 'receipts';
  readonly title: string;
  /** Shown in the navigation under the title. */
  readonly blurb: string;
  readonly Panel: ComponentType;
}

export const sections: readonly Section[] = [
  { id: 'keys', title: 'Keys', blurb: 'Your provider API keys', Panel: KeysPanel },
  { id: 'credits', title: 'Credits', blurb: 'Balance, usage and runway', Panel: CreditsPanel },
  { id: 'seats', title: 'Sign-ins & local models', blurb: 'Lanes that cost no credits', Panel: SeatsPanel },
  { id: 'receipts', title: 'Receipts', blurb: 'Every turn, what it cost', Panel: ReceiptsPanel },
];

export type SectionId = Section['id'];

export function sectionFromHash(hash: string): SectionId {
  const id = hash.replace(/^#\/?/, '');
  return sections.find((section) => section.id === id)?.id ?? 'keys';
}
