import { BrowserWindow, session, shell } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../content-security-policy.ts';
import { externalLinkTarget, isAppUrl, secureWebPreferences } from './window-options.ts';

export function createMainWindow(preloadPath: string, rendererUrl: string): BrowserWindow {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, grant) => grant(permission === 'notifications'));
  session.defaultSession.webRequest.onHeadersReceived((details, respond) => {
    respond({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  const window = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 640,
    minHeight: 420,
    show: false,
    title: 'Parley',
    webPreferences: secureWebPreferences(preloadPath),
  });
  window.once('ready-to-show', () => window.show());

  window.webContents.setWindowOpenHandler(({ url }) => {
    const external = externalLinkTarget(url);
    if (external) void shell.openExternal(external);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, rendererUrl)) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());

  void window.loadURL(rendererUrl);
  return window;
}
