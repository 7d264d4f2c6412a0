import { CONTENT_TYPES, DEFAULT_SETTINGS, LANGUAGE_CHOICES, POLL_SPEEDS, THEME_CHOICES } from '../../src-preload/contract.ts';
import type { ApiError, Draft, OutboxItem, Settings } from '../../src-preload/contract.ts';
import type { Clock } from '../base/clock.ts';
import type { CacheDatabase } from './db.ts';
import { parseJson, type JsonValue, type OutboxPatch } from './cache-store-records.ts';

/**
 * What the user made or chose: the outbox, drafts, settings and shell values. Keyed by text ids,
 * not by a cached thread row, so it survives the cache being rebuilt.
 */
export interface LocalStore {
  /** Queues a send; enqueuing a client id again returns the item already queued. */
  enqueueOutbox(item: Omit<OutboxItem, 'state' | 'attempts' | 'error'>): OutboxItem;
  /** Oldest first. */
  listOutbox(accountId: string, threadId?: string): OutboxItem[];
  /** Items still to be delivered ('queued' or 'sending'), over all accounts, oldest first. */
  pendingOutbox(): OutboxItem[];
  updateOutbox(clientId: string, patch: OutboxPatch): OutboxItem | null;
  removeOutbox(clientId: string): void;

  /** An empty text draft when there is none. */
  getDraft(accountId: string, threadId: string): Draft;
  /** Blank text deletes the draft. */
  saveDraft(accountId: string, threadId: string, draft: Draft): void;

  getSettings(): Settings;
  updateSettings(patch: Partial<Settings>): Settings;
  /** Shell state (window bounds, active account…): global, or the account's when `accountId` is given. */
  getValue(name: string, accountId?: string): JsonValue | null;
  /** null deletes. */
  setValue(name: string, value: JsonValue | null, accountId?: string): void;

  /** Remembers the conversation on screen, so that the next start opens it again (one per account). */
  rememberOpenThread(accountId: string, threadId: string): void;
  /** The account's last open conversation, null when none was open or it has since been removed. */
  lastOpenThread(accountId: string): string | null;
}

/** What removing a thread or purging an account takes from the local state. */
export interface LocalRows {
  /** The thread's draft and outbox items, and its place as the last open conversation. */
  removeThreadRows(accountId: string, threadId: string): void;
  /** The account's outbox items, drafts and settings. */
  removeAccountRows(accountId: string): void;
}

interface OutboxRow {
  client_id: string;
  account_id: string;
  thread_id: string;
  content: string;
  type: OutboxItem['type'];
  sender_name: string;
  state: OutboxItem['state'];
  error: string | null;
  created_at: number;
  attempts: number;
}

const toOutboxItem = (row: OutboxRow): OutboxItem => ({
  accountId: row.account_id,
  threadId: row.thread_id,
  clientId: row.client_id,
  content: row.content,
  type: row.type,
  senderDisplayName: row.sender_name,
  state: row.state,
  error: parseJson<ApiError>(row.error),
  createdAt: row.created_at,
  attempts: row.attempts,
});

const NO_DRAFT: Draft = { text: '', format: 'text' };

/**
 * A draft is stored as `{"format":…,"text":…}` in the drafts table's text column. Drafts written before
 * drafts had a format hold the bare typed text: anything that is not such an envelope reads as plain text.
 */
export function draftFromStored(stored: string | undefined): Draft {
  if (stored === undefined) return NO_DRAFT;
  return draftEnvelope(stored) ?? { text: stored, format: 'text' };
}

function draftEnvelope(stored: string): Draft | null {
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const { text, format } = value as Record<string, unknown>;
  const type = CONTENT_TYPES.find((candidate) => candidate === format);
  return typeof text === 'string' && type !== undefined ? { text, format: type } : null;
}

export const storedDraft = (draft: Draft): string => JSON.stringify({ format: draft.format, text: draft.text });

const SETTINGS_CHOICES = { pollSpeed: POLL_SPEEDS, theme: THEME_CHOICES, language: LANGUAGE_CHOICES } as const;

function isValidSetting<K extends keyof Settings>(name: K, value: unknown): value is Settings[K] {
  if (typeof DEFAULT_SETTINGS[name] === 'boolean') return typeof value === 'boolean';
  const choices: readonly unknown[] = SETTINGS_CHOICES[name as keyof typeof SETTINGS_CHOICES];
  return choices.includes(value);
}

/** Stored settings, each field falling back to its default when missing or no longer valid. */
function settingsFrom(stored: JsonValue | null): Settings {
  const settings: Settings = { ...DEFAULT_SETTINGS };
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return settings;
  for (const name of Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>) {
    if (isValidSetting(name, stored[name])) Object.assign(settings, { [name]: stored[name] });
  }
  return settings;
}

const SETTINGS_VALUE_NAME = 'settings';
const LAST_OPEN_THREAD_VALUE_NAME = 'lastOpenThreadId';
const GLOBAL_SCOPE = '';

export function createLocalStore(db: CacheDatabase, clock: Clock): { store: LocalStore; rows: LocalRows } {
  const statements = {
    insertOutbox: db.prepare(`
      INSERT INTO outbox (client_id, account_id, thread_id, content, type, sender_name, state, error, created_at, attempts)
      VALUES (?, ?, ?, ?, ?, ?, 'queued', NULL, ?, 0) ON CONFLICT (client_id) DO NOTHING`),
    getOutbox: db.prepare('SELECT * FROM outbox WHERE client_id = ?'),
    listAccountOutbox: db.prepare('SELECT * FROM outbox WHERE account_id = ? ORDER BY created_at, rowid'),
    listThreadOutbox: db.prepare('SELECT * FROM outbox WHERE account_id = ? AND thread_id = ? ORDER BY created_at, rowid'),
    pendingOutbox: db.prepare("SELECT * FROM outbox WHERE state IN ('queued', 'sending') ORDER BY created_at, rowid"),
    updateOutbox: db.prepare('UPDATE outbox SET state = ?, error = ?, attempts = ?, content = ? WHERE client_id = ?'),
    removeOutbox: db.prepare('DELETE FROM outbox WHERE client_id = ?'),
    removeThreadOutbox: db.prepare('DELETE FROM outbox WHERE account_id = ? AND thread_id = ?'),

    getDraft: db.prepare('SELECT text FROM drafts WHERE account_id = ? AND thread_id = ?').pluck(),
    saveDraft: db.prepare(`
      INSERT INTO drafts (account_id, thread_id, text, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (account_id, thread_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`),
    deleteDraft: db.prepare('DELETE FROM drafts WHERE account_id = ? AND thread_id = ?'),

    getValue: db.prepare('SELECT value FROM settings WHERE account_id = ? AND name = ?').pluck(),
    setValue: db.prepare(`
      INSERT INTO settings (account_id, name, value) VALUES (?, ?, ?) ON CONFLICT (account_id, name) DO UPDATE SET value = excluded.value`),
    deleteValue: db.prepare('DELETE FROM settings WHERE account_id = ? AND name = ?'),
    forgetOpenThread: db.prepare('DELETE FROM settings WHERE account_id = ? AND name = ? AND value = ?'),

    purgeAccountOutbox: db.prepare('DELETE FROM outbox WHERE account_id = ?'),
    purgeAccountDrafts: db.prepare('DELETE FROM drafts WHERE account_id = ?'),
    purgeAccountSettings: db.prepare('DELETE FROM settings WHERE account_id = ?'),
  };

  const rows: LocalRows = {
    removeThreadRows: (accountId, threadId) => {
      statements.deleteDraft.run(accountId, threadId);
      statements.removeThreadOutbox.run(accountId, threadId);
      statements.forgetOpenThread.run(accountId, LAST_OPEN_THREAD_VALUE_NAME, JSON.stringify(threadId));
    },
    removeAccountRows: (accountId) => {
      statements.purgeAccountOutbox.run(accountId);
      statements.purgeAccountDrafts.run(accountId);
      statements.purgeAccountSettings.run(accountId);
    },
  };

  const store: LocalStore = {
    enqueueOutbox: db.transaction((item: Omit<OutboxItem, 'state' | 'attempts' | 'error'>): OutboxItem => {
      statements.insertOutbox.run(item.clientId, item.accountId, item.threadId, item.content, item.type, item.senderDisplayName, item.createdAt);
      return toOutboxItem(statements.getOutbox.get(item.clientId) as OutboxRow);
    }),
    listOutbox: (accountId, threadId) => {
      const rows = threadId === undefined ? statements.listAccountOutbox.all(accountId) : statements.listThreadOutbox.all(accountId, threadId);
      return (rows as OutboxRow[]).map(toOutboxItem);
    },
    pendingOutbox: () => (statements.pendingOutbox.all() as OutboxRow[]).map(toOutboxItem),
    updateOutbox: db.transaction((clientId: string, patch: OutboxPatch): OutboxItem | null => {
      const row = statements.getOutbox.get(clientId) as OutboxRow | undefined;
      if (row === undefined) return null;
      const next = { ...toOutboxItem(row), ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) };
      statements.updateOutbox.run(next.state, next.error === null ? null : JSON.stringify(next.error), next.attempts, next.content, clientId);
      return next;
    }),
    removeOutbox: (clientId) => {
      statements.removeOutbox.run(clientId);
    },

    getDraft: (accountId, threadId) => draftFromStored(statements.getDraft.get(accountId, threadId) as string | undefined),
    saveDraft: (accountId, threadId, draft) => {
      if (draft.text.trim() === '') statements.deleteDraft.run(accountId, threadId);
      else statements.saveDraft.run(accountId, threadId, storedDraft(draft), clock.now());
    },

    getSettings: () => settingsFrom(store.getValue(SETTINGS_VALUE_NAME)),
    updateSettings: db.transaction((patch: Partial<Settings>): Settings => {
      const settings = store.getSettings();
      for (const [name, value] of Object.entries(patch) as Array<[keyof Settings, unknown]>) {
        if (value === undefined) continue;
        if (!Object.hasOwn(DEFAULT_SETTINGS, name) || !isValidSetting(name, value)) throw new TypeError(`Invalid setting ${name}: ${String(value)}`);
        Object.assign(settings, { [name]: value });
      }
      store.setValue(SETTINGS_VALUE_NAME, Object.fromEntries(Object.entries(settings)));
      return settings;
    }),
    getValue: (name, accountId = GLOBAL_SCOPE) => parseJson<JsonValue>((statements.getValue.get(accountId, name) as string | undefined) ?? null),
    setValue: (name, value, accountId = GLOBAL_SCOPE) => {
      if (value === null) statements.deleteValue.run(accountId, name);
      else statements.setValue.run(accountId, name, JSON.stringify(value));
    },

    rememberOpenThread: (accountId, threadId) => {
      // Reported on every change of focus too: written only when the conversation changed.
      if (store.lastOpenThread(accountId) !== threadId) store.setValue(LAST_OPEN_THREAD_VALUE_NAME, threadId, accountId);
    },
    lastOpenThread: (accountId) => {
      const threadId = store.getValue(LAST_OPEN_THREAD_VALUE_NAME, accountId);
      return typeof threadId === 'string' ? threadId : null;
    },
  };
  return { store, rows };
}
