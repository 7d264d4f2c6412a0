import type { MenuItemConstructorOptions } from 'electron';
import type {
  ContextMenuParams,
  ElectronSurface,
  FrameHandle,
  HeadersDetails,
  IpcInvokeEvent,
  NavigationEvent,
  PreventableEvent,
  UpdaterHandle,
  WindowCreateOptions,
  WindowOpenDecision,
} from '../shell/electron/electron-surface.ts';
import type { Rectangle } from '../shell/electron/window-state.ts';

/**
 * A small stand-in for the parts of Electron the desktop shell uses (see electron-surface.ts), with
 * every effect recorded, so that the wiring runs in unit tests where no Electron binary exists.
 */

type AnyListener = (...args: never) => unknown;

class FakeEmitter {
  readonly #listeners = new Map<string, AnyListener[]>();

  on(event: string, listener: AnyListener): this {
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: AnyListener): this {
    const wrapped = (...args: unknown[]) => {
      this.#listeners.set(
        event,
        (this.#listeners.get(event) ?? []).filter((candidate) => candidate !== wrapped),
      );
      return (listener as (...args: unknown[]) => unknown)(...args);
    };
    return this.on(event, wrapped);
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.#listeners.get(event) ?? []) (listener as (...args: unknown[]) => unknown)(...args);
  }

  listenerCount(event: string): number {
    return this.#listeners.get(event)?.length ?? 0;
  }
}

/** An event whose `preventDefault` is recorded. */
export function fakeEvent(): PreventableEvent & { defaultPrevented: boolean } {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

/** A `will-navigate` / `will-redirect` event for `url`, its `preventDefault` recorded. */
export function fakeNavigation(url: string): NavigationEvent & { defaultPrevented: boolean } {
  return Object.assign(fakeEvent(), { url });
}

/** electron-updater's `autoUpdater` as the shell sees it: checks counted, a download announced on demand. */
export class FakeUpdater extends FakeEmitter implements UpdaterHandle {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  checks = 0;
  installs: Array<[boolean | undefined, boolean | undefined]> = [];
  /** What the next check does; by default it finds nothing. */
  nextCheck: () => Promise<unknown> = async () => null;
  checkForUpdates(): Promise<unknown> {
    this.checks++;
    return this.nextCheck();
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push([isSilent, isForceRunAfter]);
  }
  /** electron-updater has downloaded `version` (it only does so for a newer one). */
  downloaded(version: string): void {
    this.emit('update-downloaded', { version });
  }
}

export class FakeImage {
  readonly bytes: number;
  constructor(buffer: Buffer) {
    this.bytes = buffer.length;
  }
  isEmpty(): boolean {
    return this.bytes === 0;
  }
}

export class FakeMenu {
  popups = 0;
  readonly template: MenuItemConstructorOptions[];
  constructor(template: MenuItemConstructorOptions[]) {
    this.template = template;
  }
  popup(): void {
    this.popups++;
  }
}

export class FakeWebContents extends FakeEmitter {
  readonly sent: unknown[][] = [];
  readonly replaced: string[] = [];
  readonly dictionary: string[] = [];
  windowOpenHandler: ((details: { url: string }) => WindowOpenDecision) | undefined;
  destroyed = false;
  readonly session = {
    addWordToSpellCheckerDictionary: (word: string) => {
      this.dictionary.push(word);
      return true;
    },
  };
  send(...message: unknown[]): void {
    this.sent.push(message);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenDecision): void {
    this.windowOpenHandler = handler;
  }
  replaceMisspelling(word: string): void {
    this.replaced.push(word);
  }
  /** Builds the `context-menu` parameters Chromium would send. */
  static contextMenu(partial: Partial<ContextMenuParams>): ContextMenuParams {
    return {
      isEditable: false,
      selectionText: '',
      misspelledWord: '',
      dictionarySuggestions: [],
      editFlags: { canUndo: true, canRedo: true, canCut: true, canCopy: true, canPaste: true, canSelectAll: true },
      ...partial,
    };
  }
}

export class FakeWindow extends FakeEmitter {
  readonly webContents = new FakeWebContents();
  /** The calls that change the window, in order: restore, show, hide, focus, maximize. */
  readonly calls: string[] = [];
  loadedUrl: string | undefined;
  minimized = false;
  visible = false;
  focused = false;
  maximized = false;
  destroyed = false;
  bounds: Rectangle;
  readonly options: WindowCreateOptions<FakeImage>;

  constructor(options: WindowCreateOptions<FakeImage>) {
    super();
    this.options = options;
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width, height: options.height };
  }
  isDestroyed = () => this.destroyed;
  isMinimized = () => this.minimized;
  isVisible = () => this.visible;
  isFocused = () => this.focused;
  isMaximized = () => this.maximized;
  getNormalBounds = () => this.bounds;
  restore(): void {
    this.calls.push('restore');
    this.minimized = false;
    this.emit('restore');
  }
  show(): void {
    this.calls.push('show');
    this.visible = true;
    this.emit('show');
  }
  hide(): void {
    this.calls.push('hide');
    this.visible = false;
    this.emit('hide');
  }
  focus(): void {
    this.calls.push('focus');
    this.focused = true;
  }
  maximize(): void {
    this.calls.push('maximize');
    this.maximized = true;
  }
  minimize(): void {
    this.minimized = true;
    this.focused = false;
    this.emit('minimize');
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
  }
  /** What Electron does when the page has loaded and shown. */
  finishLoading(): void {
    this.emit('ready-to-show');
    this.webContents.emit('did-finish-load');
  }
  /** The user closes the window: returns whether Parley kept it (prevented the close). */
  close(): boolean {
    const event = fakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) {
      this.destroyed = true;
      this.emit('closed');
    }
    return event.defaultPrevented;
  }
}

export class FakeNotification extends FakeEmitter {
  shown = false;
  readonly options: { title: string; body: string };
  constructor(options: { title: string; body: string }) {
    super();
    this.options = options;
  }
  show(): void {
    this.shown = true;
  }
}

export class FakeTray extends FakeEmitter {
  tooltip = '';
  menu: FakeMenu | null = null;
  destroyed = false;
  image: FakeImage;
  constructor(image: FakeImage) {
    super();
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setImage(image: FakeImage): void {
    this.image = image;
  }
  setContextMenu(menu: FakeMenu | null): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export interface FakeElectronOptions {
  singleInstanceLock?: boolean;
  isPackaged?: boolean;
  online?: boolean;
  notificationsSupported?: boolean;
  displays?: Rectangle[];
  /** Electron's default profile folder. */
  userData?: string;
  /** The user's languages, most preferred first (English when not given). */
  systemLanguages?: string[];
}

export function createFakeElectron(options: FakeElectronOptions = {}) {
  const record = {
    /** Calls on `app` that matter to the launch sequence, in order. */
    appCalls: [] as string[],
    paths: new Map<string, string>([['userData', options.userData ?? '/home/user/.config/Parley']]),
    protocolClients: [] as string[],
    badgeCounts: [] as number[],
    applicationMenu: null as FakeMenu | null,
    menus: [] as FakeMenu[],
    windows: [] as FakeWindow[],
    notifications: [] as FakeNotification[],
    trays: [] as FakeTray[],
    openedExternally: [] as string[],
    ipcHandlers: new Map<string, (event: IpcInvokeEvent, ...args: unknown[]) => unknown>(),
    privilegedSchemes: [] as Array<{ scheme: string; privileges: Record<string, boolean> }>,
    protocolHandlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
    permissionRequest: undefined as ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined,
    permissionCheck: undefined as ((contents: unknown, permission: string) => boolean) | undefined,
    headersListener: undefined as ((details: HeadersDetails, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void) | undefined,
    online: options.online ?? true,
  };
  const appEvents = new FakeEmitter();
  const powerEvents = new FakeEmitter();
  const displays = options.displays ?? [{ x: 0, y: 0, width: 1920, height: 1040 }];
  const systemLanguages = options.systemLanguages ?? ['en-US'];

  const electron = {
    app: {
      isPackaged: options.isPackaged ?? false,
      enableSandbox: () => void record.appCalls.push('enableSandbox'),
      requestSingleInstanceLock: () => {
        record.appCalls.push('requestSingleInstanceLock');
        return options.singleInstanceLock ?? true;
      },
      quit: () => void record.appCalls.push('quit'),
      setAppUserModelId: (id: string) => void record.appCalls.push(`setAppUserModelId:${id}`),
      whenReady: async () => undefined,
      getPath: (name: string) => record.paths.get(name) ?? '',
      setPath: (name: string, path: string) => {
        record.appCalls.push(`setPath:${name}`);
        record.paths.set(name, path);
      },
      setAsDefaultProtocolClient: (protocol: string) => {
        record.protocolClients.push(protocol);
        return true;
      },
      setBadgeCount: (count = 0) => {
        record.badgeCounts.push(count);
        return true;
      },
      setAboutPanelOptions: () => {},
      getPreferredSystemLanguages: () => [...systemLanguages],
      showAboutPanel: () => void record.appCalls.push('showAboutPanel'),
      on: (event: string, listener: AnyListener) => appEvents.on(event, listener),
    },
    BrowserWindow: class extends FakeWindow {
      constructor(windowOptions: WindowCreateOptions<FakeImage>) {
        super(windowOptions);
        record.windows.push(this);
      }
    },
    Menu: {
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => {
        const menu = new FakeMenu(template);
        record.menus.push(menu);
        return menu;
      },
      setApplicationMenu: (menu: FakeMenu | null) => {
        record.applicationMenu = menu;
      },
    },
    Notification: class extends FakeNotification {
      static isSupported = () => options.notificationsSupported ?? true;
      constructor(notificationOptions: { title: string; body: string }) {
        super(notificationOptions);
        record.notifications.push(this);
      }
    },
    Tray: class extends FakeTray {
      constructor(image: FakeImage) {
        super(image);
        record.trays.push(this);
      }
    },
    nativeImage: { createFromBuffer: (buffer: Buffer) => new FakeImage(buffer) },
    powerMonitor: { on: (event: string, listener: AnyListener) => powerEvents.on(event, listener) },
    net: { isOnline: () => record.online },
    shell: {
      openExternal: async (url: string) => {
        record.openedExternally.push(url);
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: NonNullable<typeof record.permissionRequest>) => {
          record.permissionRequest = handler;
        },
        setPermissionCheckHandler: (handler: NonNullable<typeof record.permissionCheck>) => {
          record.permissionCheck = handler;
        },
        webRequest: {
          onHeadersReceived: (listener: NonNullable<typeof record.headersListener>) => {
            record.headersListener = listener;
          },
        },
      },
    },
    ipcMain: {
      handle: (channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => unknown) => void record.ipcHandlers.set(channel, listener),
      removeHandler: (channel: string) => void record.ipcHandlers.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>) => void record.privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Response | Promise<Response>) => void record.protocolHandlers.set(scheme, handler),
    },
    screen: {
      getPrimaryDisplay: () => ({ id: 0, workArea: displays[0]! }),
      getAllDisplays: () => displays.map((workArea, id) => ({ id, workArea })),
    },
  } satisfies ElectronSurface<FakeImage>;

  return {
    electron: electron as ElectronSurface<FakeImage>,
    record,
    /** Emits an `app` event as Electron would. */
    emitApp: (event: string, ...args: unknown[]) => appEvents.emit(event, ...args),
    emitPower: (event: 'suspend' | 'resume') => powerEvents.emit(event),
    window: (): FakeWindow => {
      const window = record.windows.at(-1);
      if (!window) throw new Error('no window was created');
      return window;
    },
    tray: (): FakeTray => {
      const tray = record.trays.at(-1);
      if (!tray) throw new Error('no tray was created');
      return tray;
    },
    frame: (url: string, parent: FrameHandle | null = null): FrameHandle => ({ url, parent }),
  };
}
