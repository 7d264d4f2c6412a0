import type { MenuItemConstructorOptions } from 'electron';
import { badgeLabel } from '../../notify/unread-badge.ts';

/** The menus as plain templates, so that their content is tested without an Electron binary. */

const separator: MenuItemConstructorOptions = { type: 'separator' };

export interface ApplicationMenuOptions {
  platform: NodeJS.Platform;
  /** Reload and developer tools exist only while developing: a user has no use for them. */
  isDev: boolean;
  appName: string;
  onAbout(): void;
}

export function applicationMenuTemplate(options: ApplicationMenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const appMenu: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [{ role: 'about' }, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }],
  };
  const fileMenu: MenuItemConstructorOptions = { label: 'File', submenu: [mac ? { role: 'close' } : { role: 'quit' }] };
  const editMenu: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  };
  const developerItems: MenuItemConstructorOptions[] = options.isDev ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator] : [];
  const viewMenu: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [...developerItems, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator, { role: 'togglefullscreen' }],
  };
  const windowMenu: MenuItemConstructorOptions = {
    role: 'windowMenu',
    submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
  };
  const helpMenu: MenuItemConstructorOptions = { role: 'help', submenu: [{ label: `About ${options.appName}`, click: () => options.onAbout() }] };
  return [...(mac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}

export interface TrayMenuOptions {
  doNotDisturb: boolean;
  /** A downloaded update waiting for a restart. */
  updateVersion: string | null;
  onOpen(): void;
  onToggleDoNotDisturb(enabled: boolean): void;
  onRestartToUpdate(): void;
  onQuit(): void;
}

export function trayMenuTemplate(options: TrayMenuOptions): MenuItemConstructorOptions[] {
  const update: MenuItemConstructorOptions[] =
    options.updateVersion === null ? [] : [{ label: `Restart to update (${options.updateVersion})`, click: () => options.onRestartToUpdate() }, separator];
  return [
    ...update,
    { label: 'Open Parley', click: () => options.onOpen() },
    separator,
    {
      label: 'Do not disturb',
      type: 'checkbox',
      checked: options.doNotDisturb,
      click: (item) => options.onToggleDoNotDisturb(item.checked),
    },
    separator,
    { label: 'Quit Parley', click: () => options.onQuit() },
  ];
}

export function trayTooltip(unreadCount: number): string {
  const label = badgeLabel(unreadCount);
  return label === '' ? 'Parley' : `Parley — ${label} unread`;
}

/** The part of Electron's `context-menu` parameters the menu depends on. */
export interface ContextMenuRequest {
  isEditable: boolean;
  selectionText: string;
  misspelledWord: string;
  dictionarySuggestions: readonly string[];
  editFlags: { canUndo: boolean; canRedo: boolean; canCut: boolean; canCopy: boolean; canPaste: boolean; canSelectAll: boolean };
}

export interface SpellingActions {
  replaceMisspelling(word: string): void;
  addToDictionary(word: string): void;
}

const MAX_SUGGESTIONS = 5;

/**
 * The right-click menu: spelling suggestions and "Add to dictionary" over a misspelled word in the
 * composer, then the edit commands that apply. Empty when there is nothing to offer (no menu then).
 */
export function contextMenuTemplate(request: ContextMenuRequest, spelling: SpellingActions): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  const word = request.misspelledWord.trim();
  if (request.isEditable && word !== '') {
    const suggestions = request.dictionarySuggestions.slice(0, MAX_SUGGESTIONS);
    if (suggestions.length === 0) items.push({ label: 'No spelling suggestions', enabled: false });
    for (const suggestion of suggestions) items.push({ label: suggestion, click: () => spelling.replaceMisspelling(suggestion) });
    items.push({ label: 'Add to dictionary', click: () => spelling.addToDictionary(word) }, separator);
  }
  const { editFlags } = request;
  if (request.isEditable) {
    items.push(
      { role: 'undo', enabled: editFlags.canUndo },
      { role: 'redo', enabled: editFlags.canRedo },
      separator,
      { role: 'cut', enabled: editFlags.canCut },
      { role: 'copy', enabled: editFlags.canCopy },
      { role: 'paste', enabled: editFlags.canPaste },
      separator,
      { role: 'selectAll', enabled: editFlags.canSelectAll },
    );
  } else if (request.selectionText.trim() !== '') {
    items.push({ role: 'copy', enabled: editFlags.canCopy });
  }
  return items;
}
