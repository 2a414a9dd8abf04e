// Where NOME Settings keeps its data when neither --data-dir nor NOME_DATA_DIR says: the same folder
// Electron's userData would be, so the app, the CLI and `serve` share one store.
import { join } from 'node:path';

export const appFolderName = 'nome-settings';

export function defaultDataDir(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>, home: string): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', appFolderName);
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), appFolderName);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), appFolderName);
}
