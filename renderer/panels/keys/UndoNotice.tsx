// "Removed. Undo" for the undo window; Ctrl+Z anywhere on the page does the same while it shows.
import { useEffect } from 'react';
import { providers } from '../../../shared/providers';
import { isTyping } from '../../keyboard/shortcuts';
import { useKeysStore } from './keys-store';

export function UndoNotice() {
  const pending = useKeysStore((state) => state.pendingRemoval);
  const undo = useKeysStore((state) => state.undoRemove);

  useEffect(() => {
    if (!pending) return;
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z' && !isTyping(event.target)) {
        event.preventDefault();
        undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pending, undo]);

  if (!pending) return null;
  const { card } = pending;
  return (
    <div className="toast" role="group" aria-label="Key removed">
      <span>
        Removed {providers[card.provider].displayName} key {card.label || card.masked}.
      </span>
      <button type="button" onClick={undo} aria-keyshortcuts="Control+Z" autoFocus>
        Undo
      </button>
    </div>
  );
}
