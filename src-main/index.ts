import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createParleyApp } from './app.ts';
import { systemClock } from './clock.ts';
import { createConsoleLogger } from './logger.ts';
import { createKeytarSecretStore } from './secrets/keytar-store.ts';
import { wireIpc } from './shell/electron/ipc.ts';
import { createMainWindow } from './shell/electron/main-window.ts';
import { createNativeNotificationSink } from './shell/electron/native-notification-sink.ts';
import { APP_VERSION } from './version.ts';

app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | undefined;
  const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).toString();
  const preloadPath = join(import.meta.dirname, '../preload/index.cjs');

  const parley = createParleyApp({
    dataDir: app.getPath('userData'),
    secrets: createKeytarSecretStore(),
    notifier: createNativeNotificationSink(() => mainWindow, () => {}),
    clock: systemClock,
    log: createConsoleLogger('parley'),
    shell: 'electron',
    appVersion: APP_VERSION,
  });

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });

  void app.whenReady().then(async () => {
    await parley.start();
    wireIpc(parley, rendererUrl, () => mainWindow?.webContents);
    mainWindow = createMainWindow(preloadPath, rendererUrl);
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void parley.stop());
}
