import type { MenuItemConstructorOptions } from 'electron';
import type { LanguageChoice, Locale } from '../../../src-preload/contract.ts';
import { localeFor } from '../../../src-shared/text/locale.ts';
import { badgeLabel } from '../../notify/unread-badge.ts';

type Role = NonNullable<MenuItemConstructorOptions['role']>;

/** Every word the desktop shell shows itself (menus, tray, the update notice), in each language Parley speaks. */
export interface ShellTexts {
  fileMenu: string;
  editMenu: string;
  viewMenu: string;
  about(appName: string): string;
  openParley: string;
  doNotDisturb: string;
  quitParley: string;
  restartToUpdate(version: string): string;
  trayTooltip(unreadLabel: string): string;
  updateReadyTitle(version: string): string;
  updateReadyBody: string;
  noSpellingSuggestions: string;
  addToDictionary: string;
  /** Labels for Electron's built-in items; a role left out keeps Electron's own (English) label. */
  roles: Partial<Record<Role, string>>;
}

const ENGLISH: ShellTexts = {
  fileMenu: 'File',
  editMenu: 'Edit',
  viewMenu: 'View',
  about: (appName) => `About ${appName}`,
  openParley: 'Open Parley',
  doNotDisturb: 'Do not disturb',
  quitParley: 'Quit Parley',
  restartToUpdate: (version) => `Restart to update (${version})`,
  trayTooltip: (unreadLabel) => `Parley — ${unreadLabel} unread`,
  updateReadyTitle: (version) => `Parley ${version} is ready`,
  updateReadyBody: 'Click to restart Parley and finish updating.',
  noSpellingSuggestions: 'No spelling suggestions',
  addToDictionary: 'Add to dictionary',
  roles: {},
};

const KOREAN: ShellTexts = {
  fileMenu: '파일',
  editMenu: '편집',
  viewMenu: '보기',
  about: (appName) => `${appName} 정보`,
  openParley: 'Parley 열기',
  doNotDisturb: '방해 금지',
  quitParley: 'Parley 종료',
  restartToUpdate: (version) => `다시 시작하여 업데이트 (${version})`,
  trayTooltip: (unreadLabel) => `Parley — 읽지 않음 ${unreadLabel}개`,
  updateReadyTitle: (version) => `Parley ${version} 준비 완료`,
  updateReadyBody: '클릭하면 Parley를 다시 시작하여 업데이트를 마칩니다.',
  noSpellingSuggestions: '맞춤법 제안 없음',
  addToDictionary: '사전에 추가',
  roles: {
    undo: '실행 취소',
    redo: '다시 실행',
    cut: '잘라내기',
    copy: '복사',
    paste: '붙여넣기',
    pasteAndMatchStyle: '붙여넣기 및 스타일 일치',
    delete: '삭제',
    selectAll: '모두 선택',
    quit: '종료',
    close: '닫기',
    minimize: '최소화',
    zoom: '확대/축소',
    front: '모두 앞으로 가져오기',
    windowMenu: '창',
    help: '도움말',
    resetZoom: '실제 크기',
    zoomIn: '확대',
    zoomOut: '축소',
    togglefullscreen: '전체 화면 전환',
    reload: '새로 고침',
    forceReload: '강제 새로 고침',
    toggleDevTools: '개발자 도구',
    about: 'Parley 정보',
    services: '서비스',
    hide: 'Parley 가리기',
    hideOthers: '기타 가리기',
    unhide: '모두 보기',
  },
};

export const SHELL_TEXTS: Record<Locale, ShellTexts> = { en: ENGLISH, ko: KOREAN };

export function shellTextsFor(language: LanguageChoice, systemLanguages: readonly string[]): ShellTexts {
  return SHELL_TEXTS[localeFor(language, systemLanguages)];
}

/** A built-in item in the shell's language: Electron's role, with the language's label where it has one. */
export function roleItem(texts: ShellTexts, role: Role, extra: Omit<MenuItemConstructorOptions, 'role' | 'label'> = {}): MenuItemConstructorOptions {
  const label = texts.roles[role];
  return { role, ...(label === undefined ? {} : { label }), ...extra };
}

export function trayTooltip(texts: ShellTexts, unreadCount: number): string {
  const label = badgeLabel(unreadCount);
  return label === '' ? 'Parley' : texts.trayTooltip(label);
}
