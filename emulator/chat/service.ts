import type { Clock } from '../clock.ts';
import { badRequest, forbidden, notFound, threadNotFound } from '../errors.ts';
import type { IdentityService, AuthenticatedUser } from '../identity/service.ts';
import type { ChatPermission } from '../identity/scopes.ts';
import { scopesAllow } from '../identity/scopes.ts';
import { newThreadId } from '../ids.ts';
import type {
  AttachmentImage,
  AttachmentRecord,
  MessageContent,
  MessageRecord,
  Metadata,
  ParticipantRecord,
  ReadReceiptRecord,
  RetentionPolicy,
  SystemMessageType,
  ThreadRecord,
  UserMessageType,
} from '../model.ts';
import type { Store, ThreadListCursor } from '../store.ts';

export const MAX_PARTICIPANTS_PER_THREAD = 250;
export const MAX_PARTICIPANTS_PER_REQUEST = 200;
export const MAX_MESSAGE_CONTENT_BYTES = 28 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A participant named in a request; `supported` is false for well-formed ids the emulator cannot host (phone numbers, Teams users). */
export interface ParticipantInput {
  rawId: string;
  supported: boolean;
  displayName: string | null;
  shareHistoryMs: number;
  metadata: Metadata | null;
}

/** RFC 7396 merge patch of a string map: `null` removes a key. */
export type MetadataPatch = Record<string, string | null>;

export interface CreateThreadInput {
  topic: string;
  participants: ParticipantInput[];
  metadata: Metadata | null;
  retentionPolicy: RetentionPolicy | null;
}

export interface UpdateThreadInput {
  topic?: string;
  metadata?: MetadataPatch | null;
  retentionPolicy?: RetentionPolicy | null;
}

/** An attachment a message is sent with; a served image brings its bytes. */
export interface NewAttachment {
  record: AttachmentRecord;
  image?: AttachmentImage;
}

export interface SendMessageInput {
  type: UserMessageType;
  content: string;
  senderDisplayName: string | null;
  metadata: Metadata | null;
  /** Only other clients' messages carry these (the admin route); the chat API has no way to send them. */
  attachments?: NewAttachment[];
}

export interface UpdateMessageInput {
  content?: string;
  metadata?: MetadataPatch | null;
}

function applyMetadataPatch(current: Metadata | null, patch: MetadataPatch | null): Metadata | null {
  if (patch === null) return null;
  const merged: Metadata = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return Object.keys(merged).length > 0 ? merged : null;
}

export function checkMessageContentSize(content: string): void {
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > MAX_MESSAGE_CONTENT_BYTES) {
    throw badRequest(`Message content is ${bytes} bytes; the limit is ${MAX_MESSAGE_CONTENT_BYTES} bytes (28 KiB).`, 'content');
  }
}

/** The chat domain: every rule about threads, participants and messages, independent of HTTP. */
export class ChatService {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #identity: IdentityService;

  readonly #renumberOnEdit: boolean;

  /** `renumberOnEdit` replays the 2021 preview service, which gave an edited or deleted message the thread's next sequenceId. */
  constructor(store: Store, clock: Clock, identity: IdentityService, options: { renumberOnEdit?: boolean } = {}) {
    this.#store = store;
    this.#clock = clock;
    this.#identity = identity;
    this.#renumberOnEdit = options.renumberOnEdit ?? false;
  }

  now(): number {
    return this.#clock.now();
  }

  /** The thread, with a retention policy applied lazily: an expired thread reads as deleted. */
  #loadThread(threadId: string): ThreadRecord | undefined {
    const thread = this.#store.getThread(threadId);
    if (!thread || thread.deletedMs !== null || thread.retentionPolicy?.kind !== 'threadCreationDate') return thread;
    const expiresMs = thread.createdMs + thread.retentionPolicy.deleteThreadAfterDays * DAY_MS;
    if (this.#clock.now() < expiresMs) return thread;
    const expired = { ...thread, deletedMs: expiresMs };
    this.#store.updateThread(expired);
    return expired;
  }

  /** The live thread `actor` may act on with `permission`: 404 when unknown or deleted, 403 for scope or membership. */
  #threadFor(actor: AuthenticatedUser, threadId: string, permission: ChatPermission): ThreadRecord {
    const thread = this.#loadThread(threadId);
    if (!thread || thread.deletedMs !== null) throw threadNotFound(threadId);
    if (!scopesAllow(actor.scopes, permission)) {
      throw forbidden(`The access token's scopes (${actor.scopes.join(', ') || 'none'}) do not permit this operation.`);
    }
    if (!this.#store.getParticipant(threadId, actor.userId)) {
      throw forbidden("The initiator doesn't have the permission to perform the requested operation.");
    }
    return thread;
  }

  #requireScope(actor: AuthenticatedUser, permission: ChatPermission): void {
    if (!scopesAllow(actor.scopes, permission)) {
      throw forbidden(`The access token's scopes (${actor.scopes.join(', ') || 'none'}) do not permit this operation.`);
    }
  }

  #appendMessage(thread: ThreadRecord, message: Pick<MessageRecord, 'type' | 'senderId' | 'senderDisplayName' | 'content' | 'metadata'>): MessageRecord {
    const now = this.#clock.now();
    const { sequenceId, idMs } = this.#store.allocateMessageIds(thread.id, now);
    const record: MessageRecord = {
      ...message,
      threadId: thread.id,
      id: String(idMs),
      sequenceId,
      createdMs: now,
      editedMs: null,
      deletedMs: null,
      version: idMs,
    };
    this.#store.insertMessage(record);
    thread.lastMessageMs = Math.max(thread.lastMessageMs, now);
    this.#store.updateThread(thread);
    return record;
  }

  #appendSystemMessage(thread: ThreadRecord, type: SystemMessageType, content: MessageContent): MessageRecord {
    return this.#appendMessage(thread, { type, senderId: null, senderDisplayName: null, content, metadata: null });
  }

  /** Splits requested participants into those that can join and the raw ids to report as invalid. */
  #partitionParticipants(inputs: readonly ParticipantInput[]): { valid: ParticipantRecord[]; invalid: string[] } {
    if (inputs.length > MAX_PARTICIPANTS_PER_REQUEST) {
      throw badRequest(`At most ${MAX_PARTICIPANTS_PER_REQUEST} participants can be given in one request; got ${inputs.length}.`, 'participants');
    }
    const valid = new Map<string, ParticipantRecord>();
    const invalid: string[] = [];
    for (const input of inputs) {
      if (!input.supported || !this.#identity.isActiveUser(input.rawId)) {
        if (!invalid.includes(input.rawId)) invalid.push(input.rawId);
        continue;
      }
      valid.set(input.rawId, {
        userId: input.rawId,
        displayName: input.displayName,
        shareHistoryMs: input.shareHistoryMs,
        metadata: input.metadata,
      });
    }
    return { valid: [...valid.values()], invalid };
  }

  createThread(actor: AuthenticatedUser, input: CreateThreadInput): { thread: ThreadRecord; invalidParticipants: string[] } {
    this.#requireScope(actor, 'manageThread');
    const { valid, invalid } = this.#partitionParticipants(input.participants);
    const creatorListed = valid.find((participant) => participant.userId === actor.userId);
    const members: ParticipantRecord[] = [
      creatorListed ?? { userId: actor.userId, displayName: null, shareHistoryMs: 0, metadata: null },
      ...valid.filter((participant) => participant !== creatorListed),
    ];
    if (members.length > MAX_PARTICIPANTS_PER_THREAD) {
      throw badRequest(`A thread can have at most ${MAX_PARTICIPANTS_PER_THREAD} participants.`, 'participants');
    }
    return this.#store.transaction(() => {
      const now = this.#clock.now();
      const thread: ThreadRecord = {
        id: newThreadId(),
        topic: input.topic,
        createdMs: now,
        createdBy: actor.userId,
        deletedMs: null,
        metadata: input.metadata,
        retentionPolicy: input.retentionPolicy,
        lastMessageMs: now,
      };
      this.#store.insertThread(thread);
      for (const member of members) this.#store.upsertParticipant(thread.id, member, now);
      this.#appendSystemMessage(thread, 'participantAdded', { participants: members, initiatorId: actor.userId });
      this.#appendSystemMessage(thread, 'topicUpdated', { topic: input.topic, initiatorId: actor.userId });
      return { thread, invalidParticipants: invalid };
    });
  }

  listThreads(actor: AuthenticatedUser, activityFromMs: number, cursor: ThreadListCursor | undefined, limit: number): Array<{ thread: ThreadRecord; activityMs: number }> {
    this.#requireScope(actor, 'participate');
    return this.#store
      .listThreadsForUser(actor.userId, activityFromMs, cursor, limit)
      .map(({ thread, activityMs }) => ({ thread: this.#loadThread(thread.id) ?? thread, activityMs }));
  }

  getThread(actor: AuthenticatedUser, threadId: string): ThreadRecord {
    return this.#threadFor(actor, threadId, 'participate');
  }

  updateThread(actor: AuthenticatedUser, threadId: string, input: UpdateThreadInput): void {
    const thread = this.#threadFor(actor, threadId, 'manageThread');
    this.#store.transaction(() => {
      if (input.metadata !== undefined) thread.metadata = applyMetadataPatch(thread.metadata, input.metadata);
      if (input.retentionPolicy !== undefined) thread.retentionPolicy = input.retentionPolicy;
      const topicChanged = input.topic !== undefined && input.topic !== thread.topic;
      if (input.topic !== undefined) thread.topic = input.topic;
      this.#store.updateThread(thread);
      if (topicChanged) this.#appendSystemMessage(thread, 'topicUpdated', { topic: thread.topic, initiatorId: actor.userId });
    });
  }

  deleteThread(actor: AuthenticatedUser, threadId: string): void {
    const thread = this.#threadFor(actor, threadId, 'manageThread');
    thread.deletedMs = this.#clock.now();
    this.#store.updateThread(thread);
  }

  sendMessage(actor: AuthenticatedUser, threadId: string, input: SendMessageInput): MessageRecord {
    const thread = this.#threadFor(actor, threadId, 'participate');
    checkMessageContentSize(input.content);
    const attachments = input.attachments ?? [];
    return this.#store.transaction(() => {
      const message = this.#appendMessage(thread, {
        type: input.type,
        senderId: actor.userId,
        senderDisplayName: input.senderDisplayName,
        content: attachments.length > 0 ? { message: input.content, attachments: attachments.map((attachment) => attachment.record) } : { message: input.content },
        metadata: input.metadata,
      });
      for (const { record, image } of attachments) if (image) this.#store.putAttachmentImage(thread.id, message.id, record.id, image);
      return message;
    });
  }

  /**
   * A message from another client (a Teams user, an ACS UI Library app), which may carry attachments. The sender
   * must be a participant, of any identifier kind (`joinExternalParticipant`). Test and demo use only.
   */
  postAs(threadId: string, senderId: string, input: SendMessageInput): MessageRecord {
    return this.sendMessage({ userId: senderId, scopes: ['chat'] }, threadId, input);
  }

  /** A served attachment image, for a participant who may see its message; 404 otherwise, and once the message is deleted. */
  attachmentImage(actor: AuthenticatedUser, threadId: string, messageId: string, attachmentId: string): AttachmentImage {
    const message = this.getMessage(actor, threadId, messageId);
    const attachment = message.deletedMs === null ? message.content.attachments?.find((candidate) => candidate.id === attachmentId && candidate.served) : undefined;
    const image = attachment && this.#store.getAttachmentImage(threadId, messageId, attachmentId);
    if (!image) throw notFound(`Image '${attachmentId}' was not found.`);
    return image;
  }

  /** Messages the actor may see (not before its shareHistoryTime), newest first. */
  listMessages(actor: AuthenticatedUser, threadId: string, createdFromMs: number, beforeSequenceId: number | undefined, limit: number): MessageRecord[] {
    this.#threadFor(actor, threadId, 'participate');
    const participant = this.#store.getParticipant(threadId, actor.userId);
    const visibleFromMs = Math.max(createdFromMs, participant?.shareHistoryMs ?? 0);
    return this.#store.listMessages(threadId, {
      createdFromMs: visibleFromMs,
      limit,
      ...(beforeSequenceId === undefined ? {} : { beforeSequenceId }),
    });
  }

  getMessage(actor: AuthenticatedUser, threadId: string, messageId: string): MessageRecord {
    this.#threadFor(actor, threadId, 'participate');
    const message = this.#store.getMessage(threadId, messageId);
    const participant = this.#store.getParticipant(threadId, actor.userId);
    if (!message || message.createdMs < (participant?.shareHistoryMs ?? 0)) throw notFound(`Message '${messageId}' was not found.`);
    return message;
  }

  #ownMessage(actor: AuthenticatedUser, threadId: string, messageId: string): MessageRecord {
    const message = this.getMessage(actor, threadId, messageId);
    if (message.senderId !== actor.userId) throw forbidden('Only the sender of a message may edit or delete it.');
    return message;
  }

  /** A new version, and with `renumberOnEdit` a new sequenceId (NET `ThreadCGUD_ParticipantAUR_MessageGSU_NotificationT.json` @3285d36f). */
  #mutated(message: MessageRecord): void {
    message.version = Math.max(this.#clock.now(), message.version + 1);
    if (this.#renumberOnEdit) message.sequenceId = this.#store.allocateMessageIds(message.threadId, this.#clock.now()).sequenceId;
  }

  updateMessage(actor: AuthenticatedUser, threadId: string, messageId: string, input: UpdateMessageInput): void {
    const message = this.#ownMessage(actor, threadId, messageId);
    if (message.deletedMs !== null) throw notFound(`Message '${messageId}' has been deleted.`);
    if (input.content !== undefined) {
      checkMessageContentSize(input.content);
      message.content = { ...message.content, message: input.content };
    }
    if (input.metadata !== undefined) message.metadata = applyMetadataPatch(message.metadata, input.metadata);
    message.editedMs = this.#clock.now();
    this.#store.transaction(() => {
      this.#mutated(message);
      this.#store.updateMessage(message);
    });
  }

  deleteMessage(actor: AuthenticatedUser, threadId: string, messageId: string): void {
    const message = this.#ownMessage(actor, threadId, messageId);
    if (message.deletedMs !== null) return;
    message.deletedMs = this.#clock.now();
    // A deleted message keeps no text and no attachments.
    message.content = { message: '' };
    this.#store.transaction(() => {
      this.#mutated(message);
      this.#store.updateMessage(message);
    });
  }

  /** Keeps one receipt per user: the one for the newest message read (a receipt never moves backwards). */
  sendReadReceipt(actor: AuthenticatedUser, threadId: string, messageId: string): void {
    const message = this.getMessage(actor, threadId, messageId);
    const existing = this.#store.getReadReceipt(threadId, actor.userId);
    if (existing) {
      const previous = this.#store.getMessage(threadId, existing.messageId);
      if (previous && previous.sequenceId > message.sequenceId) return;
    }
    this.#store.upsertReadReceipt(threadId, { userId: actor.userId, messageId, readMs: this.#clock.now() });
  }

  listReadReceipts(actor: AuthenticatedUser, threadId: string, skip: number, limit: number): ReadReceiptRecord[] {
    this.#threadFor(actor, threadId, 'participate');
    return this.#store.listReadReceipts(threadId, skip, limit);
  }

  sendTypingNotification(actor: AuthenticatedUser, threadId: string, senderDisplayName: string | null): void {
    this.#threadFor(actor, threadId, 'participate');
    this.#store.insertTyping({ threadId, userId: actor.userId, senderDisplayName, atMs: this.#clock.now() });
  }

  listParticipants(actor: AuthenticatedUser, threadId: string, skip: number, limit: number): ParticipantRecord[] {
    this.#threadFor(actor, threadId, 'participate');
    return this.#store.listParticipants(threadId, skip, limit);
  }

  /** Returns the raw ids that could not be added. Users already in the thread are left as they are. */
  addParticipants(actor: AuthenticatedUser, threadId: string, inputs: readonly ParticipantInput[]): string[] {
    const thread = this.#threadFor(actor, threadId, 'manageParticipants');
    const { valid, invalid } = this.#partitionParticipants(inputs);
    const newcomers = valid.filter((participant) => !this.#store.getParticipant(threadId, participant.userId));
    if (this.#store.countParticipants(threadId) + newcomers.length > MAX_PARTICIPANTS_PER_THREAD) {
      throw badRequest(`A thread can have at most ${MAX_PARTICIPANTS_PER_THREAD} participants.`, 'participants');
    }
    if (newcomers.length > 0) {
      this.#store.transaction(() => {
        const now = this.#clock.now();
        for (const participant of newcomers) this.#store.upsertParticipant(threadId, participant, now);
        this.#appendSystemMessage(thread, 'participantAdded', { participants: newcomers, initiatorId: actor.userId });
      });
    }
    return invalid;
  }

  /**
   * Puts a participant of any well-formed identifier kind into a thread, as a Teams-interop thread has
   * them (the chat API refuses to add anyone but ACS users; see `#partitionParticipants`). Announced by a
   * `participantAdded` message from the thread's creator. Test and demo use only.
   */
  joinExternalParticipant(threadId: string, participant: ParticipantRecord): void {
    const thread = this.#loadThread(threadId);
    if (!thread || thread.deletedMs !== null) throw threadNotFound(threadId);
    if (this.#store.getParticipant(threadId, participant.userId)) return;
    this.#store.transaction(() => {
      this.#store.upsertParticipant(threadId, participant, this.#clock.now());
      this.#appendSystemMessage(thread, 'participantAdded', { participants: [participant], initiatorId: thread.createdBy });
    });
  }

  /** Removing someone who is not a participant is a no-op. */
  removeParticipant(actor: AuthenticatedUser, threadId: string, rawId: string): void {
    const thread = this.#threadFor(actor, threadId, 'manageParticipants');
    const participant = this.#store.getParticipant(threadId, rawId);
    if (!participant) return;
    this.#store.transaction(() => {
      this.#store.removeParticipant(threadId, rawId);
      this.#appendSystemMessage(thread, 'participantRemoved', { participants: [participant], initiatorId: actor.userId });
    });
  }
}
