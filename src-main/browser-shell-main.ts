import { fileURLToPath } from 'node:url';
import { createParleyApp, type ParleyApp } from './app.ts';
import { systemClock } from './base/clock.ts';
import { createEventHub } from './base/events.ts';
import { createConsoleLogger } from './base/logger.ts';
import { defaultDataDir } from './base/paths.ts';
import { createKeytarSecretStore, KEYCHAIN_SERVICE } from './secrets/keytar-store.ts';
import { startBrowserHost, type BrowserHost } from './shell/browser/browser-host.ts';
import { BROWSER_SHELL_USAGE, parseBrowserShellArgs } from './shell/browser/command-line.ts';
import { createPageNotificationSink } from './shell/browser/page-notification-sink.ts';
import { keychainFallbackNotice } from './shell/keychain-notice.ts';
import { APP_VERSION } from './base/version.ts';

async function main(): Promise<void> {
  const command = parseBrowserShellArgs(process.argv.slice(2));
  if (command.kind === 'help') {
    console.log(BROWSER_SHELL_USAGE);
    return;
  }
  if (command.kind === 'invalid') {
    console.error(`${command.problem}\n\n${BROWSER_SHELL_USAGE}`);
    process.exitCode = 2;
    return;
  }
  const log = createConsoleLogger('parley');
  // A stray rejection deep in a library must not take the user's session down with it.
  process.on('unhandledRejection', (reason) => log.error('unhandled rejection', reason));
  const dataDir = command.dataDir ?? defaultDataDir();
  const events = createEventHub();
  // Throws ProfileInUse, pointing at the running Parley, when another process has this profile open.
  const app: ParleyApp = createParleyApp({
    events,
    dataDir,
    // PARLEY_KEYTAR_MODULE: where keytar is loaded from (tests point it at a module that fails to load).
    secrets: createKeytarSecretStore(KEYCHAIN_SERVICE, { log, ...(process.env.PARLEY_KEYTAR_MODULE ? { moduleSpecifier: process.env.PARLEY_KEYTAR_MODULE } : {}) }),
    notifier: createPageNotificationSink(events),
    clock: systemClock,
    log,
    shell: 'browser',
    appVersion: APP_VERSION,
  });
  // The page can load while accounts are restored: calls over the bridge wait for the start to finish.
  const starting = app.start();
  let host: BrowserHost;
  try {
    host = await startBrowserHost({ app, staticDir: fileURLToPath(new URL('../renderer/', import.meta.url)), port: command.port, log });
  } catch (error) {
    await starting.catch(() => undefined);
    await app.stop();
    throw error;
  }
  app.profileLock.advertise(host.url);
  console.log(`Parley is running in your browser at:`);
  console.log(host.url);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    await host.close();
    await app.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await starting;
  const notice = keychainFallbackNotice(await app.api.getKeychainStatus());
  if (notice) console.log(notice);
}

main().catch((error: unknown) => {
  console.error(`Parley could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
