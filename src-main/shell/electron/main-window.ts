import type { Logger } from '../../base/logger.ts';
import { CONTENT_SECURITY_POLICY } from '../content-security-policy.ts';
import type { ElectronSurface, ImageHandle, NavigationEvent, SessionHandle, WebContentsHandle, WindowHandle } from './electron-surface.ts';
import { contextMenuTemplate } from './menus.ts';
import type { ShellTexts } from './shell-texts.ts';
import { externalLinkTarget, isAppUrl, isPermissionGranted, secureWebPreferences } from './window-options.ts';
import { MIN_WINDOW_SIZE, type WindowState } from './window-state.ts';

/** Permissions, and the CSP on every response (the dev server's too; the app scheme sets its own). */
export function applySessionPolicy(session: SessionHandle): void {
  session.setPermissionRequestHandler((_contents, permission, grant) => grant(isPermissionGranted(permission)));
  session.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
  session.webRequest.onHeadersReceived((details, respond) => {
    respond({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

/**
 * For every web contents Electron creates: no `<webview>`, and no new windows; a link meant for a new
 * window opens in the system browser when its scheme is allowed, and nowhere otherwise.
 */
export function denyNewWindows(contents: WebContentsHandle, openExternal: (url: string) => Promise<void>, log: Logger): void {
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalLinkTarget(url);
    if (external) openExternal(external).catch((error: unknown) => log.warn('could not open a link in the browser', error instanceof Error ? error.message : error));
    else log.warn(`refused to open a link with a scheme Parley does not hand over: ${url.slice(0, 40)}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The Parley window never leaves the Parley page: navigations and redirects elsewhere are cancelled. */
export function lockNavigation(contents: WebContentsHandle, rendererUrl: string): void {
  const stayOnApp = (details: NavigationEvent) => {
    if (!isAppUrl(details.url, rendererUrl)) details.preventDefault();
  };
  contents.on('will-navigate', stayOnApp);
  contents.on('will-redirect', stayOnApp);
}

/** Spelling suggestions, "Add to dictionary" and the edit commands on right-click. */
export function enableContextMenu(contents: WebContentsHandle, menu: ElectronSurface['Menu'], texts: () => ShellTexts): void {
  contents.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(
      params,
      {
        replaceMisspelling: (word) => contents.replaceMisspelling(word),
        addToDictionary: (word) => contents.session.addWordToSpellCheckerDictionary(word),
      },
      texts(),
    );
    if (template.length > 0) menu.buildFromTemplate(template).popup();
  });
}

export interface MainWindowOptions<Image extends ImageHandle> {
  preloadPath: string;
  rendererUrl: string;
  state: WindowState;
  icon?: Image;
  log: Logger;
  /** The shell's words in the user's language at the moment they are shown. */
  texts: () => ShellTexts;
}

export function createMainWindow<Image extends ImageHandle>(electron: ElectronSurface<Image>, options: MainWindowOptions<Image>): WindowHandle {
  const window = new electron.BrowserWindow({
    ...options.state.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'Parley',
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  const contents = window.webContents;
  denyNewWindows(contents, (url) => electron.shell.openExternal(url), options.log);
  lockNavigation(contents, options.rendererUrl);
  enableContextMenu(contents, electron.Menu, options.texts);
  window.once('ready-to-show', () => {
    if (options.state.maximized) window.maximize();
    window.show();
  });
  window.loadURL(options.rendererUrl).catch((error: unknown) => options.log.error('the Parley page did not load', error instanceof Error ? error.message : error));
  return window;
}
