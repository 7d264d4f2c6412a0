import * as electron from 'electron';
import { join } from 'node:path';
import { createParleyApp } from './app.ts';
import { systemClock } from './base/clock.ts';
import { createConsoleLogger } from './base/logger.ts';
import { createKeytarSecretStore, KEYCHAIN_SERVICE } from './secrets/keytar-store.ts';
import { startDesktop } from './shell/electron/desktop.ts';
import { APP_VERSION } from './base/version.ts';

// The Electron entry: everything is decided and wired in shell/electron/; this only hands it Electron.
const log = createConsoleLogger('parley');
// A stray rejection deep in a library must not take the user's session down with it.
process.on('unhandledRejection', (reason) => log.error('unhandled rejection', reason));

startDesktop<electron.NativeImage>(electron, {
  env: process.env,
  argv: process.argv,
  platform: process.platform,
  appVersion: APP_VERSION,
  preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
  rendererDir: join(import.meta.dirname, '../renderer'),
  log,
  createParley: ({ dataDir, notifier, events, demoActivityMs }) =>
    createParleyApp({
      dataDir,
      events,
      notifier,
      secrets: createKeytarSecretStore(KEYCHAIN_SERVICE, { log }),
      clock: systemClock,
      log,
      shell: 'electron',
      appVersion: APP_VERSION,
      systemLanguages: electron.app.getPreferredSystemLanguages(),
      ...(demoActivityMs !== undefined ? { demo: { activityIntervalMs: demoActivityMs } } : {}),
    }),
});
