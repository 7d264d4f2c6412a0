import type { MenuItemConstructorOptions } from 'electron';
import type { Rectangle } from './window-state.ts';

/**
 * The few parts of Electron the desktop shell touches, as narrow structural types. `src-main/index.ts`
 * passes the real `electron` module (the compiler checks it fits); tests pass a small fake. Keeping
 * the surface this small is what lets the wiring run, and be tested, without an Electron binary.
 */

export interface PreventableEvent {
  preventDefault(): void;
}

/** Electron's `will-navigate` / `will-redirect` event: the URL is on the event (the separate argument is deprecated). */
export interface NavigationEvent extends PreventableEvent {
  url: string;
}

export interface ImageHandle {
  isEmpty(): boolean;
}

export interface MenuHandle {
  popup(): void;
}

export interface FrameHandle {
  url: string;
  parent: FrameHandle | null;
}

export interface ContextMenuParams {
  isEditable: boolean;
  selectionText: string;
  misspelledWord: string;
  dictionarySuggestions: string[];
  editFlags: { canUndo: boolean; canRedo: boolean; canCut: boolean; canCopy: boolean; canPaste: boolean; canSelectAll: boolean };
}

export type WindowOpenDecision = { action: 'deny' };

export interface WebContentsHandle {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenDecision): void;
  replaceMisspelling(word: string): void;
  session: { addWordToSpellCheckerDictionary(word: string): boolean };
  on(event: 'will-navigate' | 'will-redirect', listener: (details: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'context-menu', listener: (event: unknown, params: ContextMenuParams) => void): unknown;
  on(event: 'did-finish-load', listener: () => void): unknown;
}

export interface WindowHandle {
  webContents: WebContentsHandle;
  isDestroyed(): boolean;
  isMinimized(): boolean;
  isVisible(): boolean;
  isFocused(): boolean;
  isMaximized(): boolean;
  getNormalBounds(): Rectangle;
  restore(): void;
  show(): void;
  hide(): void;
  focus(): void;
  maximize(): void;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'closed' | 'minimize' | 'restore' | 'show' | 'hide' | 'focus' | 'blur', listener: () => void): unknown;
}

export interface WindowCreateOptions<Image extends ImageHandle = ImageHandle> {
  x?: number;
  y?: number;
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  title: string;
  icon?: Image;
  webPreferences: ReturnType<typeof import('./window-options.ts').secureWebPreferences>;
}

export interface NotificationHandle {
  show(): void;
  on(event: 'click' | 'close', listener: () => void): unknown;
  /** Windows and macOS: the OS refused the notification (on macOS, an unsigned app is refused). */
  on(event: 'failed', listener: (event: unknown, error: string) => void): unknown;
}

export interface TrayHandle<Image extends ImageHandle = ImageHandle> {
  setToolTip(text: string): void;
  setImage(image: Image): void;
  setContextMenu(menu: MenuHandle | null): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface IpcInvokeEvent {
  senderFrame: FrameHandle | null;
}

export interface HeadersDetails {
  responseHeaders?: Record<string, string[]>;
}

export interface SessionHandle {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
  webRequest: {
    onHeadersReceived(listener: (details: HeadersDetails, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void): void;
  };
}

/** Generic over the image type: Electron's constructors take its own NativeImage, a fake its own. */
export interface ElectronSurface<Image extends ImageHandle = ImageHandle> {
  app: {
    isPackaged: boolean;
    enableSandbox(): void;
    requestSingleInstanceLock(): boolean;
    setAppUserModelId(id: string): void;
    quit(): void;
    whenReady(): Promise<unknown>;
    getPath(name: 'userData'): string;
    /** The user's languages, most preferred first. */
    getPreferredSystemLanguages(): string[];
    setPath(name: 'userData', path: string): void;
    setAsDefaultProtocolClient(protocol: string): boolean;
    setBadgeCount(count?: number): boolean;
    setAboutPanelOptions(options: { applicationName: string; applicationVersion: string; copyright?: string }): void;
    showAboutPanel(): void;
    on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
    on(event: 'open-url', listener: (event: PreventableEvent, url: string) => void): unknown;
    on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsHandle) => void): unknown;
    on(event: 'before-quit' | 'window-all-closed' | 'activate', listener: () => void): unknown;
    on(event: 'will-quit', listener: (event: PreventableEvent) => void): unknown;
  };
  BrowserWindow: new (options: WindowCreateOptions<Image>) => WindowHandle;
  Menu: {
    buildFromTemplate(template: MenuItemConstructorOptions[]): MenuHandle;
    setApplicationMenu(menu: MenuHandle | null): void;
  };
  Notification: {
    new (options: { title: string; body: string }): NotificationHandle;
    isSupported(): boolean;
  };
  Tray: new (image: Image) => TrayHandle<Image>;
  nativeImage: { createFromBuffer(buffer: Buffer): Image };
  powerMonitor: { on(event: 'suspend' | 'resume', listener: () => void): unknown };
  net: { isOnline(): boolean };
  shell: { openExternal(url: string): Promise<void> };
  session: { defaultSession: SessionHandle };
  ipcMain: {
    handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => unknown): void;
    removeHandler(channel: string): void;
  };
  protocol: {
    registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>): void;
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
  };
  screen: { getPrimaryDisplay(): { id: number; workArea: Rectangle }; getAllDisplays(): Array<{ id: number; workArea: Rectangle }> };
}

/**
 * The part of electron-updater's `autoUpdater` the shell uses. It is not in the `electron` module:
 * `src-main/index.ts` passes it beside, and tests a fake.
 */
export interface UpdaterHandle {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}
