import { randomUUID } from 'node:crypto';
import { LIMITS, SEARCH_LIMITS, type ApiHandlers, type AppInfo, type DataStatus, type ShareHistory, type ThreadSummary } from '../../src-preload/contract.ts';
import { applyMetadataChanges, metadataBytes } from '../../src-shared/metadata/metadata.ts';
import type { AccountService } from '../accounts/account-service.ts';
import type { Clock } from '../base/clock.ts';
import type { EventHub } from '../base/events.ts';
import type { Logger } from '../base/logger.ts';
import type { CacheStore, MessageQuery } from '../store/cache-store.ts';
import type { OutboxSender } from '../sync/outbox-sender.ts';
import type { SyncEngine } from '../sync/sync-engine.ts';
import { ApiFailure } from '../base/api-failure.ts';
import { METADATA_TOO_LARGE } from './input-schemas.ts';

export interface HandlerDependencies {
  appInfo: AppInfo;
  dataStatus: () => DataStatus;
  accounts: AccountService;
  store: CacheStore;
  sync: SyncEngine;
  outbox: OutboxSender;
  events: EventHub;
  clock: Clock;
  log: Logger;
}

/** The service's meaning of "share history": from the epoch for all, none as "from now". */
function shareHistoryTime(choice: ShareHistory | undefined, now: number): number | null {
  if (!choice || choice.kind === 'none') return now;
  if (choice.kind === 'all') return 0;
  return choice.time;
}

/** Implements the contract on top of the services: reads come from the cache, writes go through ACS into it. */
/** Attachment images kept in memory (data URLs of at most LIMITS.attachmentImageBytes each). */
const IMAGE_CACHE_ENTRIES = 32;

export function createApiHandlers(deps: HandlerDependencies): ApiHandlers {
  const { accounts, store, sync, outbox, events, clock } = deps;

  const thread = (accountId: string, threadId: string): ThreadSummary => {
    accounts.record(accountId);
    const found = store.getThread(accountId, threadId);
    if (!found) throw new ApiFailure('not-found', 'This conversation is not in Parley’s cache (it may have been deleted or you may have left it).');
    return found;
  };
  const chat = (accountId: string) => accounts.session(accountId).chat;
  /** Images already fetched this run, oldest first: scrolling back does not fetch them again. */
  const images = new Map<string, string>();
  const threadsChanged = (accountId: string) => events.emit('threads-changed', { accountId });
  const messagePage = (accountId: string, threadId: string, { limit, ...position }: MessageQuery) => store.listMessages(accountId, threadId, { ...position, limit: limit ?? 100 });

  return {
    getAppInfo: async () => deps.appInfo,
    getDataStatus: async () => deps.dataStatus(),
    getSettings: async () => store.getSettings(),
    async updateSettings(patch) {
      const settings = store.updateSettings(patch);
      if (patch.pollSpeed) sync.setSpeed(patch.pollSpeed);
      events.emit('settings-changed', settings);
      return settings;
    },
    async reportWindowFocus(focus) {
      sync.setWindowFocus(focus);
      const open = focus.open;
      if (open && store.getThread(open.accountId, open.threadId)) store.rememberOpenThread(open.accountId, open.threadId);
    },

    getAccountState: async () => accounts.state(),
    getKeychainStatus: () => accounts.keychainStatus(),
    startLocalDemo: () => accounts.startLocalDemo(),
    signInWithToken: (input) => accounts.signInWithToken(input),
    signInWithConnectionString: (input) => accounts.signInWithConnectionString(input),
    signOut: ({ accountId, purgeCache }) => accounts.signOut(accountId, purgeCache),
    retryAccountSecret: ({ accountId }) => accounts.retrySecret(accountId),
    async setActiveAccount({ accountId }) {
      accounts.setActive(accountId);
    },
    async getLastOpenThread({ accountId }) {
      accounts.record(accountId);
      const threadId = store.lastOpenThread(accountId);
      // Removed threads forget it with their rows; one deleted by someone else stays cached, marked deleted.
      const cached = threadId === null ? null : store.getThread(accountId, threadId);
      return cached && cached.deletedOn === null ? { accountId, threadId: cached.id } : null;
    },
    getSyncState: async ({ accountId }) => sync.state(accountId),
    syncNow: ({ accountId }) => sync.syncNow(accountId),

    async listThreads({ accountId }) {
      accounts.record(accountId);
      return store.listThreads(accountId);
    },
    async listThreadPage({ accountId, limit, after }) {
      accounts.record(accountId);
      return store.listThreadPage(accountId, { limit: limit ?? LIMITS.threadsPerPage, ...(after ? { after } : {}) });
    },
    async findThreads({ accountId, query, limit }) {
      accounts.record(accountId);
      return store.searchConversations(accountId, query, limit ?? LIMITS.threadsFound).flatMap((hit) => store.getThread(accountId, hit.threadId) ?? []);
    },
    getThread: async ({ accountId, threadId }) => thread(accountId, threadId),
    async createThread(input) {
      const created = await chat(input.accountId).createThread({
        topic: input.topic,
        participants: input.participants,
        shareHistoryTime: shareHistoryTime(input.shareHistory, clock.now()),
        repeatabilityId: input.repeatabilityId ?? randomUUID(),
        ...(input.metadata ? { metadata: input.metadata } : {}),
        ...(input.retentionPolicy ? { retentionPolicy: input.retentionPolicy } : {}),
      });
      store.upsertThreads(input.accountId, [{ ...created.thread, lastMessageAt: created.thread.createdOn }]);
      await sync.refreshThread(input.accountId, created.thread.id, { participants: true });
      threadsChanged(input.accountId);
      return { thread: thread(input.accountId, created.thread.id), failed: created.failed };
    },
    async updateTopic({ accountId, threadId, topic }) {
      thread(accountId, threadId);
      await chat(accountId).updateTopic(threadId, topic);
      store.upsertThreads(accountId, [{ id: threadId, topic }]);
      await sync.refreshThread(accountId, threadId);
      threadsChanged(accountId);
    },
    async updateThreadProperties({ accountId, threadId, metadataChanges, retentionPolicy }) {
      const cached = thread(accountId, threadId);
      if (metadataChanges && metadataBytes(applyMetadataChanges(cached.metadata, metadataChanges)) > LIMITS.metadataBytes) {
        throw new ApiFailure('invalid-input', `${METADATA_TOO_LARGE}.`, { field: 'metadataChanges' });
      }
      await chat(accountId).updateProperties(threadId, { ...(metadataChanges ? { metadataChanges } : {}), ...(retentionPolicy ? { retentionPolicy } : {}) });
      await sync.refreshThread(accountId, threadId, { properties: true });
      threadsChanged(accountId);
    },
    async deleteThread({ accountId, threadId }) {
      thread(accountId, threadId);
      await chat(accountId).deleteThread(threadId);
      store.removeThread(accountId, threadId);
      threadsChanged(accountId);
    },
    async setThreadMuted({ accountId, threadId, muted }) {
      thread(accountId, threadId);
      store.setThreadMuted(accountId, threadId, muted);
      threadsChanged(accountId);
      sync.updateBadge();
    },

    async openThread({ accountId, threadId, limit, ...position }) {
      thread(accountId, threadId);
      return {
        page: messagePage(accountId, threadId, { ...position, limit }),
        outbox: store.listOutbox(accountId, threadId),
        receipts: store.listReadReceipts(accountId, threadId),
        participants: store.listParticipants(accountId, threadId),
      };
    },
    async listMessages({ accountId, threadId, limit, ...position }) {
      thread(accountId, threadId);
      return messagePage(accountId, threadId, { ...position, limit });
    },
    async getMessage({ accountId, threadId, messageId }) {
      thread(accountId, threadId);
      const message = store.getMessage(accountId, threadId, messageId);
      if (!message) throw new ApiFailure('not-found', 'This message is not in Parley’s cache.');
      return message;
    },
    async sendMessage({ accountId, threadId, content, type, senderDisplayName }) {
      thread(accountId, threadId);
      return outbox.enqueue({ accountId, threadId, content, type, senderDisplayName: senderDisplayName ?? accounts.record(accountId).displayName });
    },
    async listOutbox({ accountId, threadId }) {
      thread(accountId, threadId);
      return store.listOutbox(accountId, threadId);
    },
    async retrySend({ accountId, clientId }) {
      outbox.retry(accountId, clientId);
    },
    async discardSend({ accountId, clientId }) {
      outbox.discard(accountId, clientId);
    },
    async editMessage({ accountId, threadId, messageId, content }) {
      const message = store.getMessage(accountId, threadId, messageId);
      if (message && !message.isOwn) throw new ApiFailure('forbidden', 'Only the sender can edit a message.');
      const service = chat(accountId);
      await service.updateMessage(threadId, messageId, content);
      store.upsertMessages(accountId, threadId, [await service.getMessage(threadId, messageId)]);
      events.emit('thread-changed', { accountId, threadId, messages: true, outbox: false, receipts: false, participants: false });
      threadsChanged(accountId);
    },
    async loadAttachmentImage({ accountId, threadId, messageId, attachmentId }) {
      // The URL comes from the cached message, never from the page: the page names an attachment, not a place.
      const attachment = store.getMessage(accountId, threadId, messageId)?.attachments.find((candidate) => candidate.id === attachmentId);
      if (!attachment || attachment.kind !== 'image') throw new ApiFailure('not-found', 'This image is not in Parley’s cache.');
      const url = attachment.previewUrl ?? attachment.url!;
      const cacheKey = `${accountId}\n${url}`;
      const cached = images.get(cacheKey);
      if (cached !== undefined) return { dataUrl: cached };
      const dataUrl = await chat(accountId).loadImage(url);
      images.set(cacheKey, dataUrl);
      if (images.size > IMAGE_CACHE_ENTRIES) images.delete(images.keys().next().value!);
      return { dataUrl };
    },
    async deleteMessage({ accountId, threadId, messageId }) {
      const message = store.getMessage(accountId, threadId, messageId);
      if (message && !message.isOwn) throw new ApiFailure('forbidden', 'Only the sender can delete a message.');
      const service = chat(accountId);
      await service.deleteMessage(threadId, messageId);
      store.upsertMessages(accountId, threadId, [await service.getMessage(threadId, messageId)]);
      events.emit('thread-changed', { accountId, threadId, messages: true, outbox: false, receipts: false, participants: false });
      threadsChanged(accountId);
    },
    async markRead({ accountId, threadId, messageId }) {
      thread(accountId, threadId);
      const message = store.getMessage(accountId, threadId, messageId);
      if (!message) throw new ApiFailure('not-found', 'This message is not in Parley’s cache.');
      // Opening a thread read before marks it again: only a marker that moved changes the list and the badge.
      if (store.setReadMarker(accountId, threadId, message.sequenceId)) {
        threadsChanged(accountId);
        sync.updateBadge();
      }
      if (!message.isOwn) await chat(accountId).sendReadReceipt(threadId, messageId);
    },
    async listReadReceipts({ accountId, threadId }) {
      thread(accountId, threadId);
      return store.listReadReceipts(accountId, threadId);
    },
    async sendTyping({ accountId, threadId, senderDisplayName }) {
      thread(accountId, threadId);
      await chat(accountId).sendTyping(threadId, senderDisplayName ?? accounts.record(accountId).displayName);
    },
    async getDraft({ accountId, threadId }) {
      return store.getDraft(accountId, threadId);
    },
    async saveDraft({ accountId, threadId, text, format }) {
      accounts.record(accountId);
      store.saveDraft(accountId, threadId, { text, format });
    },

    async listParticipants({ accountId, threadId }) {
      thread(accountId, threadId);
      const cached = store.listParticipants(accountId, threadId);
      if (cached.length > 0) return cached;
      await sync.refreshThread(accountId, threadId, { participants: true, properties: true });
      return store.listParticipants(accountId, threadId);
    },
    async addParticipants({ accountId, threadId, participants, shareHistory }) {
      thread(accountId, threadId);
      const result = await chat(accountId).addParticipants(threadId, participants, shareHistoryTime(shareHistory, clock.now()));
      await sync.refreshThread(accountId, threadId, { participants: true });
      return result;
    },
    async removeParticipant({ accountId, threadId, userId }) {
      thread(accountId, threadId);
      await chat(accountId).removeParticipant(threadId, userId);
      if (userId === accounts.record(accountId).userId) {
        store.markThreadDeleted(accountId, threadId, clock.now());
        threadsChanged(accountId);
      } else {
        await sync.refreshThread(accountId, threadId, { participants: true });
      }
    },
    async leaveThread({ accountId, threadId }) {
      thread(accountId, threadId);
      await chat(accountId).removeParticipant(threadId, accounts.record(accountId).userId);
      store.markThreadDeleted(accountId, threadId, clock.now());
      threadsChanged(accountId);
    },

    async searchPeople({ accountId, query, limit }) {
      accounts.record(accountId);
      return store.peopleDirectory(accountId, query, { limit: limit ?? LIMITS.peopleResults });
    },

    async search({ accountId, query, limit }) {
      accounts.record(accountId);
      return {
        conversations: store.searchConversations(accountId, query, SEARCH_LIMITS.conversations),
        people: store.searchPeople(accountId, query, SEARCH_LIMITS.people),
        messages: store.search(accountId, query, { limit: limit ?? SEARCH_LIMITS.messages }),
      };
    },
  };
}
