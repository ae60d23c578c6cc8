/**
 * The office's data folder: the same path Electron's `app.getPath('userData')` gives for
 * productName "Safetynet", so the loopback fallback and the desktop app share one database.
 */
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Safetynet';
export const DB_FILE_NAME = 'safetynet.db';

export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.SAFETYNET_DATA_DIR) return path.resolve(env.SAFETYNET_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}
