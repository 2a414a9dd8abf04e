// The global keydown handler: Add key, the shortcut sheet and re-check all, from anywhere in the window.
import { useEffect } from 'react';
import { isTyping } from './shortcuts';
import { useKeyboardStore } from './keyboard-store';

export function useGlobalShortcuts(goToKeys: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey) return;
      const typing = isTyping(event.target);
      const store = useKeyboardStore.getState();
      // Alt+N works even inside a field; plain N only when not typing.
      const addKey = (event.altKey && event.code === 'KeyN') || (!typing && !event.altKey && !event.shiftKey && event.key === 'n');
      if (addKey) {
        event.preventDefault();
        goToKeys();
        store.requestAddKey();
        return;
      }
      if (typing || event.altKey) return;
      if (event.key === '?') {
        event.preventDefault();
        store.setSheetOpen(true);
      } else if (event.key === 'R' && event.shiftKey) {
        event.preventDefault();
        goToKeys();
        store.requestRecheckAll();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [goToKeys]);
}
