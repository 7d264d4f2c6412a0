import type { ChatMessage as SdkMessage, ChatParticipant as SdkParticipant, ChatThreadClient, ChatThreadProperties } from '@azure/communication-chat';
import type { RenewableCredential } from './credentials.ts';
import type {
  AddParticipantsResult,
  ChatMessage,
  ContentType,
  MessageType,
  Metadata,
  MetadataChanges,
  NewParticipant,
  Participant,
  ParticipantRef,
  ReadReceipt,
  RetentionPolicy,
  SettableRetentionPolicy,
} from '../../src-preload/contract.ts';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { classifyChatRequest } from './request-classifier.ts';
import { ApiFailure } from '../base/api-failure.ts';
import { classifyServiceError, describeParticipantFailure } from './service-errors.ts';
import { identifierKindOf, rawIdOf, userIdentifier } from './identifiers.ts';
import { retentionPolicyOf, unknownRetentionTolerance } from './retention-policy.ts';
import { attachmentsOf } from './attachments.ts';
import { fetchAttachmentImage } from './attachment-images.ts';
import { sdk } from './sdk.ts';
import type { TlsTrust } from './tls-trust.ts';

/** A message as the service knows it, in the shape the cache stores (the contract's, less what the cache adds). */
export type ServiceMessage = Omit<ChatMessage, 'accountId' | 'threadId' | 'isOwn'>;

export interface ServiceThreadItem {
  id: string;
  topic: string;
  deletedOn: number | null;
  lastMessageAt: number | null;
}

export interface ServiceThread {
  id: string;
  topic: string;
  createdOn: number;
  createdBy: string | null;
  deletedOn: number | null;
  metadata: Metadata;
  retentionPolicy: RetentionPolicy | null;
}

export interface ThreadPropertiesChange {
  metadataChanges?: MetadataChanges;
  retentionPolicy?: SettableRetentionPolicy;
}

export type ServiceParticipant = Omit<Participant, 'accountId' | 'threadId'>;

/** Every call the service takes, named for the request budget and for counting. */
export type ServiceOperation =
  | 'listThreads'
  | 'getThread'
  | 'createThread'
  | 'updateThread'
  | 'deleteThread'
  | 'listMessages'
  | 'getMessage'
  | 'sendMessage'
  | 'updateMessage'
  | 'deleteMessage'
  | 'sendReadReceipt'
  | 'listReadReceipts'
  | 'sendTyping'
  | 'listParticipants'
  | 'addParticipants'
  | 'removeParticipant';

const MESSAGE_TYPES = new Set<string>(['text', 'html', 'topicUpdated', 'participantAdded', 'participantRemoved']);
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** A page walk met a refused token that has now been renewed: it must start again. */
class TokenRenewed extends Error {}

const time = (date: Date | undefined): number | null => (date ? date.getTime() : null);

function toParticipantRef(participant: SdkParticipant): ParticipantRef {
  return { userId: rawIdOf(participant.id) ?? '', displayName: participant.displayName || null };
}

/**
 * Maps one message from the SDK, or returns a reason when the record is unusable (hostile or
 * unknown data is skipped and reported, never allowed to break a sync).
 */
export function mapServiceMessage(message: SdkMessage, ignored: (detail: string) => void = () => undefined): ServiceMessage | { skipped: string } {
  if (!message || typeof message.id !== 'string' || message.id === '') return { skipped: 'a message without an id' };
  if (!MESSAGE_TYPES.has(message.type)) return { skipped: `message ${message.id} of unknown type ${String(message.type).slice(0, 40)}` };
  const sequenceId = Number(message.sequenceId);
  if (!Number.isSafeInteger(sequenceId) || sequenceId < 0) return { skipped: `message ${message.id} with a bad sequence id` };
  const createdOn = time(message.createdOn);
  if (createdOn === null || Number.isNaN(createdOn)) return { skipped: `message ${message.id} with a bad creation time` };
  const validTime = (date: Date | undefined) => {
    const value = time(date);
    return value === null || Number.isNaN(value) ? null : value;
  };
  const content = message.content;
  const metadata = message.metadata && typeof message.metadata === 'object' ? { ...message.metadata } : null;
  return {
    id: message.id,
    sequenceId,
    version: String(message.version ?? message.id),
    type: message.type as MessageType,
    senderId: rawIdOf(message.sender),
    senderDisplayName: message.senderDisplayName || null,
    content: typeof content?.message === 'string' ? content.message : '',
    topic: typeof content?.topic === 'string' ? content.topic : null,
    participants: Array.isArray(content?.participants) ? content.participants.map(toParticipantRef) : [],
    initiatorId: rawIdOf(content?.initiator),
    metadata,
    attachments: attachmentsOf(content?.attachments, metadata, (detail) => ignored(`message ${message.id}: ${detail}`)),
    createdOn,
    editedOn: validTime(message.editedOn),
    deletedOn: validTime(message.deletedOn),
  };
}

export interface ChatServiceOptions {
  endpoint: string;
  credential: RenewableCredential;
  tls: TlsTrust;
  /** Awaited before every HTTP request: the sync engine counts and budgets through it. */
  beforeRequest?: (operation: ServiceOperation, threadId: string | null) => Promise<void> | void;
  /** A request that has not been answered by then is abandoned (a hung socket must not stall sync). */
  requestTimeoutMs?: number;
  /** The service's clock, from each answer's Date header (whole seconds). */
  onServiceDate?: (epochMs: number) => void;
  /** Records the service sent that Parley could not use. */
  onSkippedRecord?: (reason: string) => void;
}

export interface SendMessageRequest {
  content: string;
  type: ContentType;
  senderDisplayName?: string;
  metadata?: Record<string, string>;
}

export type ChatService = ReturnType<typeof createChatService>;

/**
 * The one place Parley talks to ACS Chat, through the official SDK; every failure comes out classified.
 * Call `loadSdk()` first.
 */
export function createChatService(options: ChatServiceOptions) {
  // Parley retries by itself (budgeted, and after looking for an earlier delivery of a send): an SDK
  // retry of a POST whose answer was lost would duplicate the message.
  const budgetPolicy: PipelinePolicy = {
    name: 'parleyRequestBudget',
    async sendRequest(request, next) {
      const classified = classifyChatRequest(request.method, request.url);
      if (classified) await options.beforeRequest?.(classified.operation, classified.threadId);
      if (!request.timeout) request.timeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
      const response = await next(request);
      const serviceDate = Date.parse(response.headers.get('date') ?? '');
      if (!Number.isNaN(serviceDate)) options.onServiceDate?.(serviceDate);
      return response;
    },
  };
  const unknownRetentionKinds = new Map<string, string>();
  const clientOptions = {
    ...options.tls.clientOptions(),
    retryOptions: { maxRetries: 0 },
    // Per HTTP request, not per SDK call: paging makes requests the caller cannot count.
    additionalPolicies: [
      { policy: budgetPolicy, position: 'perRetry' as const },
      { policy: unknownRetentionTolerance((threadId, kind) => unknownRetentionKinds.set(threadId, kind)), position: 'perRetry' as const },
    ],
  };
  const { ChatClient } = sdk().chat;
  let chatClient = new ChatClient(options.endpoint, options.credential, clientOptions);
  const threadClients = new Map<string, ChatThreadClient>();
  // The SDK pipeline caches a bearer token until it nears expiry: after a renewal, new clients must ask again.
  const renewCredential = async (): Promise<boolean> => {
    if (!(await options.credential.renew())) return false;
    chatClient = new ChatClient(options.endpoint, options.credential, clientOptions);
    threadClients.clear();
    return true;
  };
  const threadClient = (threadId: string) => {
    let client = threadClients.get(threadId);
    if (!client) {
      client = chatClient.getChatThreadClient(threadId);
      threadClients.set(threadId, client);
    }
    return client;
  };

  /**
   * Runs one SDK call with its failure classified. A refused token is renewed once and the call
   * repeated; a page walk, whose iterator cannot resume, is told to start again instead.
   */
  async function call<T>(description: string, run: () => Promise<T>, onRenewed: 'repeat' | 'restart' = 'repeat'): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const failure = classifyServiceError(error, description);
      if (failure.code !== 'signed-out' || !(await renewCredential())) throw failure;
      if (onRenewed === 'restart') throw new TokenRenewed();
      try {
        return await run();
      } catch (retryError) {
        throw classifyServiceError(retryError, description);
      }
    }
  }

  /**
   * Walks pages until done or `limit` items are collected; `onPage` sees each page as it arrives so
   * that callers can store it before the next one is asked for (a restart re-stores, harmlessly).
   */
  async function collectPages<Item, Out>(
    description: string,
    openPages: () => AsyncIterableIterator<Item[]>,
    map: (item: Item) => Out | null,
    paging: { limit?: number; onPage?: (page: Out[]) => void | Promise<void> } = {},
  ): Promise<Out[]> {
    const limit = paging.limit ?? Number.POSITIVE_INFINITY;
    for (let attempt = 1; ; attempt += 1) {
      const pages = openPages();
      const results: Out[] = [];
      try {
        while (results.length < limit) {
          const page = await call(description, () => pages.next(), 'restart');
          if (page.done) break;
          const mapped: Out[] = [];
          for (const item of page.value) {
            const value = map(item);
            if (value !== null) mapped.push(value);
          }
          const kept = mapped.slice(0, limit - results.length);
          await paging.onPage?.(kept);
          results.push(...kept);
        }
        return results;
      } catch (error) {
        if (!(error instanceof TokenRenewed)) throw error;
        if (attempt > 1) throw new ApiFailure('signed-out', 'The service refused a freshly renewed access token. Sign in again.', { cause: error });
      }
    }
  }

  const mapMessage = (message: SdkMessage): ServiceMessage | null => {
    const mapped = mapServiceMessage(message, (detail) => options.onSkippedRecord?.(`ignored ${detail}`));
    if ('skipped' in mapped) {
      options.onSkippedRecord?.(mapped.skipped);
      return null;
    }
    return mapped;
  };

  const toSdkParticipants = (participants: NewParticipant[], shareHistoryTime: number | null): SdkParticipant[] =>
    participants.map((participant) => ({
      id: userIdentifier(participant.userId),
      ...(participant.displayName ? { displayName: participant.displayName } : {}),
      ...(shareHistoryTime !== null ? { shareHistoryTime: new Date(shareHistoryTime) } : {}),
    }));

  const failuresOf = (errors: Array<{ code?: string; message?: string; target?: string }> | undefined): AddParticipantsResult['failed'] =>
    (errors ?? []).map((error) => {
      const userId = error.target ?? '';
      return { userId, kind: identifierKindOf(userId), code: error.code ?? 'unknown', message: describeParticipantFailure(error.code) };
    });

  /** A thread read (or created) through the SDK, with a retention policy of a kind the SDK refused put back. */
  const toServiceThread = (properties: ChatThreadProperties): ServiceThread => {
    const unknownKind = unknownRetentionKinds.get(properties.id);
    unknownRetentionKinds.delete(properties.id);
    return {
      id: properties.id,
      topic: properties.topic,
      createdOn: properties.createdOn.getTime(),
      createdBy: rawIdOf(properties.createdBy),
      deletedOn: time(properties.deletedOn),
      metadata: { ...properties.metadata },
      retentionPolicy: retentionPolicyOf(properties.retentionPolicy, unknownKind),
    };
  };

  return {
    /** An attachment image as a data URL, fetched with this account's token from its own endpoint only. */
    loadImage(url: string): Promise<string> {
      return fetchAttachmentImage(url, { endpoint: options.endpoint, credential: options.credential, tls: options.tls });
    },

    /** One cheap authenticated request: proves the endpoint answers and accepts the credential. */
    async probe(): Promise<void> {
      await collectPages(
        'reach the chat service',
        () => chatClient.listChatThreads({ maxPageSize: 1 }).byPage(),
        // Kept, so that the limit ends it after the first page (dropped, it read every thread, a page of one at a time).
        (item) => item,
        { limit: 1 },
      );
    },

    /** Threads whose last message arrived at or after `since` (all threads when null), newest first. */
    async listThreads(since: number | null, pageSize = MAX_PAGE_SIZE): Promise<ServiceThreadItem[]> {
      const pages = () => chatClient.listChatThreads({ maxPageSize: pageSize, ...(since !== null ? { startTime: new Date(since) } : {}) }).byPage();
      return collectPages('list your conversations', pages, (item) =>
        typeof item?.id === 'string' ? { id: item.id, topic: String(item.topic ?? ''), deletedOn: time(item.deletedOn), lastMessageAt: time(item.lastMessageReceivedOn) } : null,
      );
    },

    async getThread(threadId: string): Promise<ServiceThread> {
      return toServiceThread(await call('open this conversation', () => threadClient(threadId).getProperties()));
    },

    async createThread(input: {
      topic: string;
      participants: NewParticipant[];
      shareHistoryTime: number | null;
      repeatabilityId: string;
      metadata?: Metadata;
      retentionPolicy?: SettableRetentionPolicy;
    }) {
      const result = await call('create a conversation', () =>
        chatClient.createChatThread(
          { topic: input.topic },
          {
            participants: toSdkParticipants(input.participants, input.shareHistoryTime),
            idempotencyToken: input.repeatabilityId,
            ...(input.metadata && Object.keys(input.metadata).length > 0 ? { metadata: input.metadata } : {}),
            ...(input.retentionPolicy ? { retentionPolicy: input.retentionPolicy } : {}),
          },
        ),
      );
      const thread = result.chatThread;
      if (!thread) throw classifyServiceError(new Error('the service created no thread'), 'create a conversation');
      return { thread: toServiceThread(thread), failed: failuresOf(result.invalidParticipants) };
    },

    updateTopic: (threadId: string, topic: string) => call('change the topic', () => threadClient(threadId).updateTopic(topic)),

    /** A merge patch: only the metadata keys named change (`null` removes one), and the policy if given. */
    updateProperties: (threadId: string, change: ThreadPropertiesChange) =>
      call('change the conversation’s settings', () =>
        threadClient(threadId).updateProperties({
          // The SDK types metadata values as strings, but sends the map as given: `null` is how the
          // service's merge patch removes a key.
          ...(change.metadataChanges ? { metadata: change.metadataChanges as Metadata } : {}),
          ...(change.retentionPolicy ? { retentionPolicy: change.retentionPolicy } : {}),
        }),
      ),

    deleteThread: (threadId: string) => call('delete this conversation', () => chatClient.deleteChatThread(threadId)),

    /** Messages created at or after `since` (all when null), newest first, page by page. */
    listMessages(
      threadId: string,
      since: number | null,
      paging: { limit?: number; pageSize?: number; onPage?: (page: ServiceMessage[]) => void | Promise<void> } = {},
    ): Promise<ServiceMessage[]> {
      const pageSize = Math.min(paging.pageSize ?? MAX_PAGE_SIZE, paging.limit ?? MAX_PAGE_SIZE);
      const pages = () =>
        threadClient(threadId)
          .listMessages({ maxPageSize: pageSize, ...(since !== null ? { startTime: new Date(since) } : {}) })
          .byPage();
      return collectPages('read messages', pages, mapMessage, paging);
    },

    async getMessage(threadId: string, messageId: string): Promise<ServiceMessage> {
      const message = await call('read this message', () => threadClient(threadId).getMessage(messageId));
      const mapped = mapServiceMessage(message);
      if ('skipped' in mapped) throw classifyServiceError(new Error(`unusable message: ${mapped.skipped}`), 'read this message');
      return mapped;
    },

    async sendMessage(threadId: string, request: SendMessageRequest): Promise<string> {
      const result = await call('send this message', () =>
        threadClient(threadId).sendMessage(
          { content: request.content },
          {
            type: request.type,
            ...(request.senderDisplayName ? { senderDisplayName: request.senderDisplayName } : {}),
            ...(request.metadata ? { metadata: request.metadata } : {}),
          },
        ),
      );
      return result.id;
    },

    updateMessage: (threadId: string, messageId: string, content: string) => call('edit this message', () => threadClient(threadId).updateMessage(messageId, { content })),

    deleteMessage: (threadId: string, messageId: string) => call('delete this message', () => threadClient(threadId).deleteMessage(messageId)),

    sendReadReceipt: (threadId: string, messageId: string) => call('send a read receipt', () => threadClient(threadId).sendReadReceipt({ chatMessageId: messageId })),

    listReadReceipts(threadId: string): Promise<ReadReceipt[]> {
      const pages = () => threadClient(threadId).listReadReceipts({ maxPageSize: MAX_PAGE_SIZE }).byPage();
      return collectPages('read receipts', pages, (receipt) => {
        const userId = rawIdOf(receipt.sender);
        return userId ? { userId, messageId: receipt.chatMessageId, readOn: receipt.readOn.getTime() } : null;
      });
    },

    sendTyping: (threadId: string, senderDisplayName?: string) =>
      call('send a typing notification', () => threadClient(threadId).sendTypingNotification(senderDisplayName ? { senderDisplayName } : {})),

    listParticipants(threadId: string): Promise<ServiceParticipant[]> {
      const pages = () => threadClient(threadId).listParticipants({ maxPageSize: MAX_PAGE_SIZE }).byPage();
      return collectPages('list participants', pages, (participant) => {
        const userId = rawIdOf(participant.id);
        return userId
          ? {
              userId,
              kind: identifierKindOf(userId),
              displayName: participant.displayName || null,
              shareHistoryTime: time(participant.shareHistoryTime),
              metadata: participant.metadata ?? null,
            }
          : null;
      });
    },

    async addParticipants(threadId: string, participants: NewParticipant[], shareHistoryTime: number | null): Promise<AddParticipantsResult> {
      const result = await call('add participants', () => threadClient(threadId).addParticipants({ participants: toSdkParticipants(participants, shareHistoryTime) }));
      const failed = failuresOf(result.invalidParticipants);
      const failedIds = new Set(failed.map((failure) => failure.userId));
      return { added: participants.map((participant) => participant.userId).filter((id) => !failedIds.has(id)), failed };
    },

    removeParticipant: (threadId: string, userId: string) => call('remove this participant', () => threadClient(threadId).removeParticipant(userIdentifier(userId))),
  };
}
