import { homedir } from 'node:os';
import { join } from 'node:path';

/** The same profile directory Electron's `userData` uses for an app named Parley. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Parley');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Parley');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Parley');
}
