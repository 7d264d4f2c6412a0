import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createParleyApp } from './app.ts';
import { systemClock } from './base/clock.ts';
import { createEventHub } from './base/events.ts';
import { createConsoleLogger } from './base/logger.ts';
import { defaultDataDir } from './base/paths.ts';
import { createKeytarSecretStore } from './secrets/keytar-store.ts';
import { startBrowserHost } from './shell/browser/browser-host.ts';
import { createPageNotificationSink } from './shell/browser/page-notification-sink.ts';
import { APP_VERSION } from './base/version.ts';

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${text}"`);
  return port;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5317' },
      data: { type: 'string' },
    },
    strict: true,
  });
  const log = createConsoleLogger('parley');
  // A stray rejection deep in a library must not take the user's session down with it.
  process.on('unhandledRejection', (reason) => log.error('unhandled rejection', reason));
  const dataDir = values.data ?? defaultDataDir();
  const events = createEventHub();
  const app = createParleyApp({
    events,
    dataDir,
    secrets: createKeytarSecretStore(),
    notifier: createPageNotificationSink(events),
    clock: systemClock,
    log,
    shell: 'browser',
    appVersion: APP_VERSION,
  });
  // The page can load while accounts are restored: calls over the bridge wait for the start to finish.
  const starting = app.start();
  const host = await startBrowserHost({
    app,
    staticDir: fileURLToPath(new URL('../renderer/', import.meta.url)),
    port: parsePort(values.port),
    log,
  });
  console.log(`Parley is running in your browser at:`);
  console.log(host.url);
  await starting;

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
}

main().catch((error: unknown) => {
  console.error(`Parley could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
