import { randomUUID } from 'node:crypto';
import type { ContentType, OutboxItem } from '../../src-preload/contract.ts';
import { ApiFailure } from '../base/api-failure.ts';
import type { AccountService } from '../accounts/account-service.ts';
import type { Clock } from '../base/clock.ts';
import type { EventHub } from '../base/events.ts';
import type { Logger } from '../base/logger.ts';
import type { CacheStore } from '../store/cache-store.ts';
import { CLIENT_ID_METADATA_KEY, REPLY_TO_METADATA_KEY } from '../../src-preload/contract.ts';
import { repliedMessageId } from '../text/html-to-text.ts';
import { Backoff, retryableFailureOf } from './backoff.ts';
import { CURSOR_OVERLAP_MS } from './sync-engine.ts';

const OUTBOX_MAX_BACKOFF_MS = 15_000;

export interface OutboxSenderDependencies {
  accounts: AccountService;
  store: CacheStore;
  events: EventHub;
  clock: Clock;
  log: Logger;
  setTimer?: (callback: () => void, ms: number) => unknown;
}

export interface SendRequest {
  accountId: string;
  threadId: string;
  content: string;
  type: ContentType;
  senderDisplayName: string;
}

export type OutboxSender = ReturnType<typeof createOutboxSender>;

/**
 * Sends are rows first (visible at once, surviving restarts and offline periods), requests second.
 * Each carries its client id in the message metadata; a send whose outcome is unknown (a timeout,
 * a crash mid-request) is looked for on the service before it is sent again: exactly once.
 */
/** The client id (exactly once), and for a reply the quoted message's id, read from the quote it carries. */
function outgoingMetadata(item: OutboxItem): Record<string, string> {
  const quoted = item.type === 'html' ? repliedMessageId(item.content) : null;
  return { [CLIENT_ID_METADATA_KEY]: item.clientId, ...(quoted ? { [REPLY_TO_METADATA_KEY]: quoted } : {}) };
}

export function createOutboxSender(deps: OutboxSenderDependencies) {
  const draining = new Map<string, Promise<void>>();
  const backoffs = new Map<string, Backoff>();
  const retryTimers = new Set<string>();
  let stopped = false;

  const changed = (accountId: string, threadId: string, messages: boolean) =>
    deps.events.emit('thread-changed', { accountId, threadId, messages, outbox: true, receipts: false, participants: false });

  function scheduleRetry(accountId: string, delayMs: number): void {
    if (retryTimers.has(accountId) || stopped) return;
    retryTimers.add(accountId);
    const setTimer = deps.setTimer ?? ((callback: () => void, ms: number) => setTimeout(callback, ms));
    setTimer(() => {
      retryTimers.delete(accountId);
      void kick(accountId);
    }, delayMs);
  }

  /** Was this send delivered by an earlier attempt? The cache first, then the service's newest messages. */
  async function alreadyDelivered(item: OutboxItem): Promise<boolean> {
    if (deps.store.findMessageByClientId(item.accountId, item.threadId, item.clientId)) return true;
    const { chat } = deps.accounts.session(item.accountId);
    await chat.listMessages(item.threadId, item.createdAt - CURSOR_OVERLAP_MS, {
      onPage: (page) => void deps.store.upsertMessages(item.accountId, item.threadId, page),
    });
    return deps.store.findMessageByClientId(item.accountId, item.threadId, item.clientId) !== null;
  }

  async function deliver(item: OutboxItem): Promise<void> {
    const { chat } = deps.accounts.session(item.accountId);
    if (item.attempts > 0 && (await alreadyDelivered(item))) {
      deps.store.removeOutbox(item.clientId);
      changed(item.accountId, item.threadId, true);
      return;
    }
    deps.store.updateOutbox(item.clientId, { state: 'sending', attempts: item.attempts + 1, error: null });
    changed(item.accountId, item.threadId, false);
    const messageId = await chat.sendMessage(item.threadId, {
      content: item.content,
      type: item.type,
      senderDisplayName: item.senderDisplayName,
      metadata: outgoingMetadata(item),
    });
    try {
      deps.store.upsertMessages(item.accountId, item.threadId, [await chat.getMessage(item.threadId, messageId)]);
    } catch (error) {
      deps.log.warn('a sent message could not be read back; the next poll brings it', error instanceof Error ? error.message : error);
    }
    deps.store.removeOutbox(item.clientId);
    changed(item.accountId, item.threadId, true);
    deps.events.emit('threads-changed', { accountId: item.accountId });
  }

  /** Sends the account's queue in order; stops at the first failure worth retrying, to keep the order. */
  async function drain(accountId: string): Promise<void> {
    // Someone is waiting for these: retry sooner than background sync would.
    const backoff = backoffs.get(accountId) ?? new Backoff({ maxMs: OUTBOX_MAX_BACKOFF_MS });
    backoffs.set(accountId, backoff);
    for (const item of deps.store.listOutbox(accountId)) {
      if (stopped) return;
      if (item.state === 'failed') continue;
      try {
        await deliver(item);
        backoff.success();
      } catch (error) {
        const failure = error instanceof ApiFailure ? error : new ApiFailure('transient', error instanceof Error ? error.message : String(error));
        const retryable = retryableFailureOf(failure) ?? (failure.code === 'signed-out' ? { kind: 'transient' as const } : null);
        if (retryable) {
          deps.store.updateOutbox(item.clientId, { state: 'queued', error: failure.toApiError() });
          changed(accountId, item.threadId, false);
          if (failure.code !== 'signed-out') scheduleRetry(accountId, backoff.failure(retryable, deps.clock.now()).delayMs);
          return;
        }
        deps.store.updateOutbox(item.clientId, { state: 'failed', error: failure.toApiError() });
        changed(accountId, item.threadId, false);
      }
    }
  }

  function kick(accountId: string): Promise<void> {
    const running = draining.get(accountId);
    if (running) return running.then(() => kick(accountId));
    const next = drain(accountId)
      .catch((error: unknown) => deps.log.error('outbox drain failed', error))
      .finally(() => draining.delete(accountId));
    draining.set(accountId, next);
    return next;
  }

  function itemOf(accountId: string, clientId: string): OutboxItem {
    const item = deps.store.listOutbox(accountId).find((candidate) => candidate.clientId === clientId);
    if (!item) throw new ApiFailure('not-found', 'This message is no longer waiting to be sent.');
    return item;
  }

  return {
    enqueue(request: SendRequest): OutboxItem {
      const clientId = randomUUID();
      deps.store.enqueueOutbox({ ...request, clientId, createdAt: deps.clock.now() });
      changed(request.accountId, request.threadId, false);
      void kick(request.accountId);
      return itemOf(request.accountId, clientId);
    },

    retry(accountId: string, clientId: string): void {
      const item = itemOf(accountId, clientId);
      deps.store.updateOutbox(item.clientId, { state: 'queued', error: null });
      changed(accountId, item.threadId, false);
      void kick(accountId);
    },

    discard(accountId: string, clientId: string): void {
      const item = itemOf(accountId, clientId);
      if (item.state === 'sending') throw new ApiFailure('permanent', 'This message is being sent right now and can no longer be discarded.');
      deps.store.removeOutbox(clientId);
      changed(accountId, item.threadId, false);
    },

    /** Delivers whatever is queued for every signed-in account (start-up, network return, sign-in). */
    kickAll(): Promise<void> {
      return Promise.all(deps.accounts.signedInSessions().map((session) => kick(session.record.id))).then(() => undefined);
    },

    kick,

    /** Stops sending; resolves once a send in progress is over, so that nothing touches a closed cache. */
    async stop(): Promise<void> {
      stopped = true;
      await Promise.all(draining.values());
    },
  };
}
