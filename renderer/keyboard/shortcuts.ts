// The app's keyboard shortcuts, declared once: the global handler and the "?" sheet both read this list.
export interface Shortcut {
  /** As people read it, e.g. "Alt+N". */
  readonly keys: string;
  /** For aria-keyshortcuts. */
  readonly aria: string;
  readonly does: string;
  readonly where: 'Anywhere' | 'Keys' | 'A key card' | 'Add key';
}

export const shortcuts: readonly Shortcut[] = [
  { keys: 'Alt+N  or  N', aria: 'Alt+N', does: 'Go to Add key and focus it', where: 'Anywhere' },
  { keys: 'Alt+1 … Alt+4', aria: 'Alt+1', does: 'Jump to a section', where: 'Anywhere' },
  { keys: '?', aria: 'Shift+?', does: 'Show these shortcuts', where: 'Anywhere' },
  { keys: 'Esc', aria: 'Escape', does: 'Close a sheet or cancel what you are typing', where: 'Anywhere' },
  { keys: 'Ctrl+Z', aria: 'Control+Z', does: 'Undo removing a key (while the notice shows)', where: 'Keys' },
  { keys: 'Shift+R', aria: 'Shift+R', does: 'Re-check every key', where: 'Keys' },
  { keys: 'Enter', aria: 'Enter', does: 'Check and save the pasted key', where: 'Add key' },
  { keys: 'Alt+↑ / Alt+↓', aria: 'Alt+ArrowUp Alt+ArrowDown', does: 'Move the key up or down in priority', where: 'A key card' },
];

/** True when a keystroke belongs to a text field, so single-letter shortcuts stay out of the way. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type);
  return false;
}
