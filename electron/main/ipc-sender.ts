// Only the app's own top frame, at the app's own origin, may call a channel.
import type { IpcMainInvokeEvent } from './electron-modules';
import { originOf } from './url-origin';

export interface TrustedSender {
  /** The webContents of the settings window, or null before it exists. */
  readonly webContentsId: () => number | null;
  /** `app://nome` in production, the dev server's origin in dev. */
  readonly origin: string;
}

export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, trusted: TrustedSender): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  if (event.sender.id !== trusted.webContentsId()) return false;
  return originOf(frame.url) === trusted.origin;
}
