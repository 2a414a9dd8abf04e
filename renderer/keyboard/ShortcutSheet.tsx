// The "?" sheet: every shortcut in one modal dialog. Native <dialog> traps focus and closes on Esc.
import { useEffect, useRef } from 'react';
import { shortcuts } from './shortcuts';
import { useKeyboardStore } from './keyboard-store';

export function ShortcutSheet() {
  const open = useKeyboardStore((state) => state.sheetOpen);
  const setOpen = useKeyboardStore((state) => state.setSheetOpen);
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={ref} className="sheet" aria-labelledby="shortcut-sheet-title" onClose={() => setOpen(false)}>
      <div className="sheet-head">
        <h2 id="shortcut-sheet-title">Keyboard shortcuts</h2>
        <button type="button" onClick={() => setOpen(false)} autoFocus>
          Close
        </button>
      </div>
      <table>
        <caption className="visually-hidden">Every shortcut, what it does and where it works</caption>
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Does</th>
            <th scope="col">Where</th>
          </tr>
        </thead>
        <tbody>
          {shortcuts.map((shortcut) => (
            <tr key={shortcut.keys}>
              <td>
                <kbd>{shortcut.keys}</kbd>
              </td>
              <td>{shortcut.does}</td>
              <td>{shortcut.where}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </dialog>
  );
}
