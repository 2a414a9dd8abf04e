// The tray's context menu as a plain template, built from the current status report: the status line,
// one line per provider, the actions, the credits line and Quit. Pure, so tests read it directly.
import type { MenuItemConstructorOptions } from 'electron';
import type { StatusReport } from '../../../shared/channels/status';

export interface TrayActions {
  openSettings(): void;
  /** null when no channel can re-check keys yet: the item shows, disabled. */
  recheckAll: (() => void) | null;
  quit(): void;
}

const levelMarks = { ok: '●', attention: '▲', failing: '✕' } as const;

/** Windows menus read `&` as a mnemonic marker; a key label like "R&D" must show as typed. */
function literal(text: string, platform: NodeJS.Platform): string {
  return platform === 'win32' ? text.replaceAll('&', '&&') : text;
}

export function buildTrayMenuTemplate(report: StatusReport, actions: TrayActions, platform: NodeJS.Platform = 'linux'): MenuItemConstructorOptions[] {
  const recheckAll = actions.recheckAll;
  return [
    { id: 'status', label: literal(report.headline, platform), enabled: false },
    ...report.providers.map(
      (entry): MenuItemConstructorOptions => ({ id: `provider:${entry.provider}`, label: literal(`${levelMarks[entry.level]} ${entry.line}`, platform), enabled: false }),
    ),
    { type: 'separator' },
    { id: 'recheck', label: 'Re-check all keys', enabled: recheckAll !== null, click: () => recheckAll?.() },
    { id: 'open', label: 'Open settings', click: () => actions.openSettings() },
    ...(report.creditsLine ? [{ type: 'separator' } as const, { id: 'credits', label: report.creditsLine, enabled: false }] : []),
    { type: 'separator' },
    // No `role: 'quit'`: Electron ignores `click` on items with a role, and quitting must go through our path.
    { id: 'quit', label: 'Quit NOME Settings', click: () => actions.quit() },
  ];
}
