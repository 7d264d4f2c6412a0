import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src-preload/contract.ts';
import { account, useStores } from '../test-support/store.ts';
import { draftFromStored, storedDraft } from './cache-store-local.ts';

const A = 'acct-1';
const T = 'thread-1';

const outboxItem = (clientId: string, createdAt: number, accountId = A, threadId = T) => ({
  accountId,
  threadId,
  clientId,
  content: `text ${clientId}`,
  type: 'text' as const,
  senderDisplayName: 'Me',
  createdAt,
});

describe('cache store: outbox', () => {
  const stores = useStores();

  it('queues items and lists them oldest first, per thread or account', () => {
    const store = stores.open();
    expect(store.enqueueOutbox(outboxItem('c2', 20))).toEqual({ ...outboxItem('c2', 20), state: 'queued', attempts: 0, error: null });
    store.enqueueOutbox(outboxItem('c1', 10));
    store.enqueueOutbox(outboxItem('c3', 5, A, 'thread-2'));
    expect(store.listOutbox(A, T).map((item) => item.clientId)).toEqual(['c1', 'c2']);
    expect(store.listOutbox(A).map((item) => item.clientId)).toEqual(['c3', 'c1', 'c2']);
  });

  it('returns the queued item when a client id is queued again', () => {
    const store = stores.open();
    store.enqueueOutbox(outboxItem('c1', 10));
    store.updateOutbox('c1', { state: 'sending', attempts: 1 });
    expect(store.enqueueOutbox({ ...outboxItem('c1', 99), content: 'other' })).toMatchObject({ content: 'text c1', state: 'sending', createdAt: 10 });
    expect(store.listOutbox(A)).toHaveLength(1);
  });

  it('patches, lists pending items over all accounts and removes', () => {
    const store = stores.open();
    store.enqueueOutbox(outboxItem('late', 30));
    store.enqueueOutbox(outboxItem('failed', 10));
    store.enqueueOutbox(outboxItem('other-account', 20, 'acct-2'));
    const error = { code: 'permanent' as const, message: 'Too large' };
    expect(store.updateOutbox('failed', { state: 'failed', error, attempts: 3 })).toMatchObject({ state: 'failed', error, attempts: 3 });
    expect(store.updateOutbox('late', { state: 'sending', content: undefined })).toMatchObject({ state: 'sending', content: 'text late' });
    expect(store.updateOutbox('missing', { state: 'failed' })).toBeNull();
    expect(store.pendingOutbox().map((item) => item.clientId)).toEqual(['other-account', 'late']);
    expect(store.updateOutbox('failed', { state: 'queued', error: null })).toMatchObject({ error: null });
    store.removeOutbox('late');
    expect(store.pendingOutbox().map((item) => item.clientId)).toEqual(['failed', 'other-account']);
  });

  it('survives closing and reopening the file', () => {
    const first = stores.open();
    first.enqueueOutbox(outboxItem('c1', 10));
    first.updateOutbox('c1', { state: 'sending', attempts: 1 });
    first.close();
    const reopened = stores.open();
    expect(reopened.pendingOutbox()).toEqual([{ ...outboxItem('c1', 10), state: 'sending', attempts: 1, error: null }]);
  });
});

describe('cache store: drafts, settings, values', () => {
  const stores = useStores();

  it('keeps a draft per thread with its format; blank text deletes it', () => {
    const store = stores.open();
    expect(store.getDraft(A, T)).toEqual({ text: '', format: 'text' });
    store.saveDraft(A, T, { text: 'half a thought', format: 'text' });
    store.saveDraft(A, 'thread-2', { text: '<p><strong>other</strong></p>', format: 'html' });
    expect(store.getDraft(A, T)).toEqual({ text: 'half a thought', format: 'text' });
    store.saveDraft(A, T, { text: '  \n ', format: 'text' });
    expect(store.getDraft(A, T)).toEqual({ text: '', format: 'text' });
    expect(store.getDraft(A, 'thread-2')).toEqual({ text: '<p><strong>other</strong></p>', format: 'html' });
  });

  it('reads a draft stored before drafts had a format as the plain text it is', () => {
    for (const legacy of ['half a thought', '{not json', '{"text": "no format"}', '["text"]', '<b>typed, not formatted</b>', '42']) {
      expect(draftFromStored(legacy)).toEqual({ text: legacy, format: 'text' });
    }
    expect(draftFromStored(undefined)).toEqual({ text: '', format: 'text' });
    const html = { text: '<p>a <em>b</em></p>', format: 'html' } as const;
    expect(draftFromStored(storedDraft(html))).toEqual(html);
    const plain = { text: '{"format":"html","text":"typed JSON"}', format: 'text' } as const;
    expect(draftFromStored(storedDraft(plain))).toEqual(plain);
  });

  it('answers default settings, persists updates and rejects invalid values', () => {
    const store = stores.open();
    expect(store.getSettings()).toEqual({
      notificationsEnabled: true,
      doNotDisturb: false,
      pollSpeed: 'normal',
      theme: 'system',
      language: 'system',
      notifyMentionsWhenMuted: true,
      keepRunningInTray: false,
      autoUpdate: true,
    });
    expect(store.updateSettings({ keepRunningInTray: true, autoUpdate: false })).toMatchObject({ keepRunningInTray: true, autoUpdate: false });
    expect(() => store.updateSettings({ autoUpdate: 'yes' as never })).toThrow(TypeError);
    store.updateSettings({ keepRunningInTray: false, autoUpdate: true });
    expect(store.updateSettings({ theme: 'dark', doNotDisturb: true })).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', doNotDisturb: true });
    expect(store.updateSettings({ language: 'ko', pollSpeed: undefined })).toMatchObject({ theme: 'dark', language: 'ko', pollSpeed: 'normal' });
    expect(() => store.updateSettings({ theme: 'neon' as never })).toThrow(TypeError);
    expect(() => store.updateSettings({ unknown: true } as never)).toThrow(TypeError);
    store.close();
    expect(stores.open().getSettings()).toMatchObject({ theme: 'dark', doNotDisturb: true, language: 'ko' });
  });

  it('falls back to defaults for stored settings that are no longer valid', () => {
    const store = stores.open();
    store.setValue('settings', { theme: 'sepia', notificationsEnabled: false, pollSpeed: 3, keepRunningInTray: 'on', autoUpdate: false });
    expect(store.getSettings()).toEqual({ ...DEFAULT_SETTINGS, notificationsEnabled: false, autoUpdate: false });
  });

  it('keeps generic JSON values, global or per account; null deletes', () => {
    const store = stores.open();
    const bounds = { x: 1, y: 2, width: 800, height: 600, maximized: false };
    store.setValue('windowBounds', bounds);
    store.setValue('collapsed', [1, 'two'], A);
    expect(store.getValue('windowBounds')).toEqual(bounds);
    expect(store.getValue('collapsed', A)).toEqual([1, 'two']);
    expect(store.getValue('collapsed')).toBeNull();
    store.setValue('windowBounds', null);
    expect(store.getValue('windowBounds')).toBeNull();
    expect(store.getValue('never-set')).toBeNull();
  });
});

describe('cache store: the last open conversation', () => {
  const stores = useStores();

  it('is kept per account and survives closing and reopening the file', () => {
    const first = stores.open();
    expect(first.lastOpenThread(A)).toBeNull();
    first.rememberOpenThread(A, T);
    first.rememberOpenThread('acct-2', 'thread-9');
    first.rememberOpenThread(A, 'thread-2');
    first.close();
    const reopened = stores.open();
    expect(reopened.lastOpenThread(A)).toBe('thread-2');
    expect(reopened.lastOpenThread('acct-2')).toBe('thread-9');
  });

  it('is forgotten with its thread (deleted or left) and with a purged account, not with another thread', () => {
    const store = stores.open();
    store.upsertAccount(account({ id: A }));
    store.rememberOpenThread(A, T);
    store.removeThread(A, 'thread-2');
    expect(store.lastOpenThread(A)).toBe(T);
    store.removeThread(A, T);
    expect(store.lastOpenThread(A)).toBeNull();
    store.rememberOpenThread(A, 'thread-2');
    store.deleteAccount(A, { purgeCache: true });
    expect(store.lastOpenThread(A)).toBeNull();
  });
});
