import type { MenuItemConstructorOptions } from 'electron';
import { roleItem, type ShellTexts } from './shell-texts.ts';

/** The menus as plain templates, so that their content is tested without an Electron binary. */

const separator: MenuItemConstructorOptions = { type: 'separator' };

export interface ApplicationMenuOptions {
  platform: NodeJS.Platform;
  /** Reload and developer tools exist only while developing: a user has no use for them. */
  isDev: boolean;
  appName: string;
  texts: ShellTexts;
  onAbout(): void;
}

export function applicationMenuTemplate(options: ApplicationMenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const { texts } = options;
  const role = (name: Parameters<typeof roleItem>[1]) => roleItem(texts, name);
  const appMenu: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [role('about'), separator, role('services'), separator, role('hide'), role('hideOthers'), role('unhide'), separator, role('quit')],
  };
  const fileMenu: MenuItemConstructorOptions = { label: texts.fileMenu, submenu: [mac ? role('close') : role('quit')] };
  const editMenu: MenuItemConstructorOptions = {
    label: texts.editMenu,
    submenu: [
      role('undo'),
      role('redo'),
      separator,
      role('cut'),
      role('copy'),
      role('paste'),
      ...(mac ? [role('pasteAndMatchStyle')] : []),
      role('delete'),
      separator,
      role('selectAll'),
    ],
  };
  const developerItems: MenuItemConstructorOptions[] = options.isDev ? [role('reload'), role('forceReload'), role('toggleDevTools'), separator] : [];
  const viewMenu: MenuItemConstructorOptions = {
    label: texts.viewMenu,
    submenu: [...developerItems, role('resetZoom'), role('zoomIn'), role('zoomOut'), separator, role('togglefullscreen')],
  };
  const windowMenu: MenuItemConstructorOptions = roleItem(texts, 'windowMenu', {
    submenu: mac ? [role('minimize'), role('zoom'), separator, role('front')] : [role('minimize'), role('close')],
  });
  const helpMenu: MenuItemConstructorOptions = roleItem(texts, 'help', { submenu: [{ label: texts.about(options.appName), click: () => options.onAbout() }] });
  return [...(mac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}

export interface TrayMenuOptions {
  doNotDisturb: boolean;
  /** A downloaded update waiting for a restart. */
  updateVersion: string | null;
  texts: ShellTexts;
  onOpen(): void;
  onToggleDoNotDisturb(enabled: boolean): void;
  onRestartToUpdate(): void;
  onQuit(): void;
}

export function trayMenuTemplate(options: TrayMenuOptions): MenuItemConstructorOptions[] {
  const { texts } = options;
  const update: MenuItemConstructorOptions[] =
    options.updateVersion === null ? [] : [{ label: texts.restartToUpdate(options.updateVersion), click: () => options.onRestartToUpdate() }, separator];
  return [
    ...update,
    { label: texts.openParley, click: () => options.onOpen() },
    separator,
    {
      label: texts.doNotDisturb,
      type: 'checkbox',
      checked: options.doNotDisturb,
      click: (item) => options.onToggleDoNotDisturb(item.checked),
    },
    separator,
    { label: texts.quitParley, click: () => options.onQuit() },
  ];
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
export function contextMenuTemplate(request: ContextMenuRequest, spelling: SpellingActions, texts: ShellTexts): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  const word = request.misspelledWord.trim();
  if (request.isEditable && word !== '') {
    const suggestions = request.dictionarySuggestions.slice(0, MAX_SUGGESTIONS);
    if (suggestions.length === 0) items.push({ label: texts.noSpellingSuggestions, enabled: false });
    for (const suggestion of suggestions) items.push({ label: suggestion, click: () => spelling.replaceMisspelling(suggestion) });
    items.push({ label: texts.addToDictionary, click: () => spelling.addToDictionary(word) }, separator);
  }
  const { editFlags } = request;
  if (request.isEditable) {
    items.push(
      roleItem(texts, 'undo', { enabled: editFlags.canUndo }),
      roleItem(texts, 'redo', { enabled: editFlags.canRedo }),
      separator,
      roleItem(texts, 'cut', { enabled: editFlags.canCut }),
      roleItem(texts, 'copy', { enabled: editFlags.canCopy }),
      roleItem(texts, 'paste', { enabled: editFlags.canPaste }),
      separator,
      roleItem(texts, 'selectAll', { enabled: editFlags.canSelectAll }),
    );
  } else if (request.selectionText.trim() !== '') {
    items.push(roleItem(texts, 'copy', { enabled: editFlags.canCopy }));
  }
  return items;
}
