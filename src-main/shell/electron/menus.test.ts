import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { applicationMenuTemplate, contextMenuTemplate, trayMenuTemplate, type ContextMenuRequest } from './menus.ts';
import { SHELL_TEXTS, trayTooltip } from './shell-texts.ts';

const texts = SHELL_TEXTS.en;

type Item = MenuItemConstructorOptions;

function roles(items: readonly Item[] | undefined): string[] {
  return (items ?? []).flatMap((item) => (item.role ? [item.role] : item.type === 'separator' ? ['-'] : item.label ? [item.label] : []));
}

function submenu(template: Item[], label: string): Item[] {
  const menu = template.find((item) => item.label === label || item.role === label);
  if (!menu || !Array.isArray(menu.submenu)) throw new Error(`no ${label} menu`);
  return menu.submenu as Item[];
}

function click(item: Item | undefined, checked?: boolean): void {
  if (!item?.click) throw new Error('the item has no action');
  (item.click as (item: { checked: boolean }) => void)({ checked: checked ?? false });
}

describe('the application menu', () => {
  const about = vi.fn();
  const linux = applicationMenuTemplate({ platform: 'linux', isDev: false, appName: 'Parley', texts, onAbout: about });
  const mac = applicationMenuTemplate({ platform: 'darwin', isDev: false, appName: 'Parley', texts, onAbout: about });
  const dev = applicationMenuTemplate({ platform: 'linux', isDev: true, appName: 'Parley', texts, onAbout: about });

  it('has the standard edit roles', () => {
    expect(roles(submenu(linux, 'Edit'))).toEqual(['undo', 'redo', '-', 'cut', 'copy', 'paste', 'delete', '-', 'selectAll']);
    expect(roles(submenu(mac, 'Edit'))).toContain('pasteAndMatchStyle');
  });

  it('offers reload and developer tools only in development, zoom always', () => {
    expect(roles(submenu(linux, 'View'))).toEqual(['resetZoom', 'zoomIn', 'zoomOut', '-', 'togglefullscreen']);
    expect(roles(submenu(dev, 'View'))).toEqual(['reload', 'forceReload', 'toggleDevTools', '-', 'resetZoom', 'zoomIn', 'zoomOut', '-', 'togglefullscreen']);
    for (const template of [linux, mac]) expect(JSON.stringify(template)).not.toMatch(/reload|toggleDevTools/i);
  });

  it('has the macOS app menu on macOS only, first', () => {
    expect(mac[0]?.label).toBe('Parley');
    expect(roles(mac[0]?.submenu as Item[])).toEqual(['about', '-', 'services', '-', 'hide', 'hideOthers', 'unhide', '-', 'quit']);
    expect(linux.map((item) => item.label ?? item.role)).toEqual(['File', 'Edit', 'View', 'windowMenu', 'help']);
    expect(roles(submenu(linux, 'File'))).toEqual(['quit']);
    expect(roles(submenu(mac, 'File'))).toEqual(['close']);
  });

  it('has a window menu and a help menu whose About item shows the about panel', () => {
    expect(roles(submenu(mac, 'windowMenu'))).toEqual(['minimize', 'zoom', '-', 'front']);
    expect(roles(submenu(linux, 'windowMenu'))).toEqual(['minimize', 'close']);
    const [aboutItem] = submenu(linux, 'help');
    expect(aboutItem?.label).toBe('About Parley');
    click(aboutItem);
    expect(about).toHaveBeenCalledOnce();
  });
});

describe('the tray', () => {
  const actions = { texts, onOpen: vi.fn(), onToggleDoNotDisturb: vi.fn(), onRestartToUpdate: vi.fn(), onQuit: vi.fn(), updateVersion: null };

  it('opens Parley, toggles do-not-disturb and quits', () => {
    const template = trayMenuTemplate({ ...actions, doNotDisturb: false });
    expect(roles(template)).toEqual(['Open Parley', '-', 'Do not disturb', '-', 'Quit Parley']);
    const dnd = template.find((item) => item.label === 'Do not disturb');
    expect(dnd).toMatchObject({ type: 'checkbox', checked: false });
    click(template[0]);
    click(dnd, true);
    click(template.at(-1));
    expect(actions.onOpen).toHaveBeenCalledOnce();
    expect(actions.onToggleDoNotDisturb).toHaveBeenCalledWith(true);
    expect(actions.onQuit).toHaveBeenCalledOnce();
    expect(trayMenuTemplate({ ...actions, doNotDisturb: true }).find((item) => item.label === 'Do not disturb')?.checked).toBe(true);
  });

  it('offers "Restart to update" first once an update is downloaded', () => {
    const template = trayMenuTemplate({ ...actions, doNotDisturb: false, updateVersion: '0.2.0' });
    expect(roles(template)).toEqual(['Restart to update (0.2.0)', '-', 'Open Parley', '-', 'Do not disturb', '-', 'Quit Parley']);
    click(template[0]);
    expect(actions.onRestartToUpdate).toHaveBeenCalledOnce();
  });

  it('says how much is unread in its tooltip', () => {
    expect(trayTooltip(texts, 0)).toBe('Parley');
    expect(trayTooltip(texts, 7)).toBe('Parley — 7 unread');
    expect(trayTooltip(texts, 250)).toBe('Parley — 99+ unread');
    expect(trayTooltip(SHELL_TEXTS.ko, 7)).toBe('Parley — 읽지 않음 7개');
  });
});

describe('the context menu', () => {
  const request = (partial: Partial<ContextMenuRequest>): ContextMenuRequest => ({
    isEditable: true,
    selectionText: '',
    misspelledWord: '',
    dictionarySuggestions: [],
    editFlags: { canUndo: true, canRedo: false, canCut: true, canCopy: true, canPaste: true, canSelectAll: true },
    ...partial,
  });

  it('offers spelling suggestions and "Add to dictionary" over a misspelled word', () => {
    const spelling = { replaceMisspelling: vi.fn(), addToDictionary: vi.fn() };
    const template = contextMenuTemplate(request({ misspelledWord: 'helo', dictionarySuggestions: ['hello', 'help', 'hell', 'halo', 'hero', 'held'] }), spelling, texts);
    expect(roles(template).slice(0, 7)).toEqual(['hello', 'help', 'hell', 'halo', 'hero', 'Add to dictionary', '-']);
    click(template[0]);
    click(template.find((item) => item.label === 'Add to dictionary'));
    expect(spelling.replaceMisspelling).toHaveBeenCalledWith('hello');
    expect(spelling.addToDictionary).toHaveBeenCalledWith('helo');
  });

  it('says when there is no suggestion', () => {
    const template = contextMenuTemplate(request({ misspelledWord: 'qzxv' }), { replaceMisspelling: vi.fn(), addToDictionary: vi.fn() }, texts);
    expect(template[0]).toEqual({ label: 'No spelling suggestions', enabled: false });
  });

  it('offers the edit commands in an editable field, enabled as the page says', () => {
    const template = contextMenuTemplate(request({}), { replaceMisspelling: vi.fn(), addToDictionary: vi.fn() }, texts);
    expect(roles(template)).toEqual(['undo', 'redo', '-', 'cut', 'copy', 'paste', '-', 'selectAll']);
    expect(template.find((item) => item.role === 'redo')?.enabled).toBe(false);
  });

  it('offers copy over selected text, and nothing elsewhere', () => {
    const spelling = { replaceMisspelling: vi.fn(), addToDictionary: vi.fn() };
    expect(roles(contextMenuTemplate(request({ isEditable: false, selectionText: 'some text' }), spelling, texts))).toEqual(['copy']);
    expect(contextMenuTemplate(request({ isEditable: false }), spelling, texts)).toEqual([]);
    // A misspelling outside an editable field is not the user's to correct.
    expect(contextMenuTemplate(request({ isEditable: false, misspelledWord: 'helo', dictionarySuggestions: ['hello'] }), spelling, texts)).toEqual([]);
  });
});

describe('in Korean', () => {
  const ko = SHELL_TEXTS.ko;
  const labels = (items: readonly Item[] | undefined) => (items ?? []).filter((item) => item.type !== 'separator').map((item) => item.label);

  it('labels every menu and every built-in item, keeping the roles', () => {
    const template = applicationMenuTemplate({ platform: 'linux', isDev: false, appName: 'Parley', texts: ko, onAbout: vi.fn() });
    expect(labels(template)).toEqual(['파일', '편집', '보기', '창', '도움말']);
    expect(labels(submenu(template, '편집'))).toEqual(['실행 취소', '다시 실행', '잘라내기', '복사', '붙여넣기', '삭제', '모두 선택']);
    expect(roles(submenu(template, '편집'))).toEqual(['undo', 'redo', '-', 'cut', 'copy', 'paste', 'delete', '-', 'selectAll']);
    expect(labels(submenu(template, 'help'))).toEqual(['Parley 정보']);
    const mac = applicationMenuTemplate({ platform: 'darwin', isDev: true, appName: 'Parley', texts: ko, onAbout: vi.fn() });
    // Every item that has a role also has a Korean label: nothing falls back to Electron's English.
    const everyItem = (items: readonly Item[]): Item[] => items.flatMap((item) => [item, ...everyItem(Array.isArray(item.submenu) ? (item.submenu as Item[]) : [])]);
    const withRole = everyItem(mac).filter((item) => item.role);
    expect(withRole.length).toBeGreaterThan(20);
    for (const item of withRole) expect(item.label, item.role).toMatch(/[가-힣]/);
  });

  it('speaks Korean in the tray and the context menu', () => {
    const tray = trayMenuTemplate({
      texts: ko,
      doNotDisturb: false,
      updateVersion: '0.2.0',
      onOpen: vi.fn(),
      onToggleDoNotDisturb: vi.fn(),
      onRestartToUpdate: vi.fn(),
      onQuit: vi.fn(),
    });
    expect(labels(tray)).toEqual(['다시 시작하여 업데이트 (0.2.0)', 'Parley 열기', '방해 금지', 'Parley 종료']);
    const spelling = { replaceMisspelling: vi.fn(), addToDictionary: vi.fn() };
    const request: ContextMenuRequest = {
      isEditable: true,
      selectionText: '',
      misspelledWord: 'helo',
      dictionarySuggestions: [],
      editFlags: { canUndo: true, canRedo: true, canCut: true, canCopy: true, canPaste: true, canSelectAll: true },
    };
    expect(labels(contextMenuTemplate(request, spelling, ko)).slice(0, 3)).toEqual(['맞춤법 제안 없음', '사전에 추가', '실행 취소']);
  });
});
