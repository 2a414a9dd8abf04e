// The tray status indicator: one Tray whose image follows the app status, whose tooltip is the one-line
// summary, and whose context menu is rebuilt with the current lines on every report.
import type { Menu, NativeImage, Tray } from 'electron';
import type { AppStatus, StatusReport } from '../../../shared/channels/status';
import { trayIconPath } from './tray-icons';
import { buildTrayMenuTemplate, type TrayActions } from './tray-menu';

export interface StatusTrayDeps {
  readonly Tray: new (image: NativeImage) => Tray;
  readonly Menu: Pick<typeof Menu, 'buildFromTemplate'>;
  readonly nativeImage: { createFromPath(path: string): NativeImage };
  readonly platform: NodeJS.Platform;
  readonly iconDir: string;
  readonly actions: TrayActions;
}

export interface StatusTray {
  update(report: StatusReport): void;
  destroy(): void;
}

/** Windows cuts tray tooltips at 127 characters (NOTIFYICONDATA szTip); cut them ourselves, with an ellipsis. */
export const maxTooltipLength = 127;

export function fitTooltip(text: string): string {
  return text.length <= maxTooltipLength ? text : `${text.slice(0, maxTooltipLength - 1)}…`;
}

export function createStatusTray(deps: StatusTrayDeps, initial: StatusReport): StatusTray {
  const image = (status: AppStatus) => deps.nativeImage.createFromPath(trayIconPath(deps.iconDir, status, deps.platform));
  const tray = new deps.Tray(image(initial.status));
  let shown: AppStatus = initial.status;
  let menu: Menu | null = null;

  // On Linux (AppIndicator / StatusNotifierItem) a plain click is unreliable, so the menu must be the
  // context menu, always. Elsewhere a click opens the window and a right-click pops the current menu up.
  if (deps.platform !== 'linux') {
    tray.on('click', () => deps.actions.openSettings());
    tray.on('right-click', () => {
      if (menu) tray.popUpContextMenu(menu);
    });
  }

  const update = (report: StatusReport) => {
    // Replacing the image makes some trays flicker and re-reads the file: only when the status changes.
    if (report.status !== shown) {
      tray.setImage(image(report.status));
      shown = report.status;
    }
    tray.setToolTip(fitTooltip(report.tooltip));
    menu = deps.Menu.buildFromTemplate(buildTrayMenuTemplate(report, deps.actions, deps.platform));
    if (deps.platform === 'linux') tray.setContextMenu(menu);
  };
  update(initial);

  return {
    update,
    destroy: () => tray.destroy(),
  };
}
