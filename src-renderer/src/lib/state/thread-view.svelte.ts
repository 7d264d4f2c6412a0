import type {
  AddParticipantsResult,
  ApiError,
  ChatMessage,
  NewParticipant,
  OutboxItem,
  ParleyBridge,
  ParleyEvents,
  Participant,
  ReadReceipt,
  Result,
  ShareHistory,
  ThreadRef,
  UpdateThreadPropertiesInput,
} from '$contract';
import { tick } from 'svelte';
import { buildTimeline, firstUnreadMessageId, mergeMessages, seenByMessage, type TimelineRow } from '../messages/timeline.ts';

/** What adding people came to: who was added, who failed, and who was already in the conversation. */
export type AddPeopleOutcome = AddParticipantsResult & { alreadyMembers: string[] };

export const PAGE_SIZE = 100;
/** New messages are fetched in pages; after this many the view jumps to a fresh newest window instead. */
const MAX_CATCH_UP_PAGES = 10;
/**
 * The most messages the window holds. A page loaded at one end drops as many from the other end
 * (they reload on the way back), so every change costs the same however far the user scrolls.
 */
export const MAX_WINDOW_MESSAGES = 400;
/** Recent messages re-read on every change, to pick up edits and deletions. */
const RECHECK_WINDOW = 50;

/**
 * How the window last changed. `prepend` and `drop-older` add or remove rows at its start: the list
 * keeps the rows in view where they are (virtua's `shift`). A change never touches both ends at once,
 * since the list can only be told about one end per render.
 */
export type WindowChange = 'replace' | 'prepend' | 'append' | 'update' | 'drop-older' | 'drop-newer';

export interface ScrollRequest {
  serial: number;
  target: { kind: 'newest' } | { kind: 'message'; messageId: string; align: 'center' | 'start' };
}

export interface ThreadViewOptions {
  ownUserId: string | null;
  /** The account's display name: the user's own name where the service gives none (a thread's creator has none). */
  ownDisplayName?: string | null;
  /** Unread count when the thread was opened: where the "new messages" marker goes. */
  unreadCount: number;
}

/**
 * One open thread: a window of its messages (paged by sequence id, never the whole history),
 * the outbox, receipts and participants. Kept in step with `thread-changed` events.
 */
export class ThreadViewState {
  readonly ref: ThreadRef;
  #ownUserId: string | null = null;
  #ownDisplayName: string | null = null;
  messages = $state.raw<ChatMessage[]>([]);
  hasOlder = $state(false);
  hasNewer = $state(false);
  phase = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state<ApiError | null>(null);
  loadingOlder = $state(false);
  loadingNewer = $state(false);
  lastChange = $state<WindowChange>('replace');
  outbox = $state.raw<OutboxItem[]>([]);
  receipts = $state.raw<ReadReceipt[]>([]);
  participants = $state.raw<Participant[]>([]);
  firstUnreadId = $state<string | null>(null);
  highlightedId = $state<string | null>(null);
  scrollRequest = $state<ScrollRequest | null>(null);
  /** Messages from others that arrived while open, for the live announcement. */
  arrivals = $state.raw<ChatMessage[]>([]);

  /** The last change added or removed rows at the start of the window (the list then keeps its place). */
  readonly changedAtStart: boolean = $derived(this.lastChange === 'prepend' || this.lastChange === 'drop-older');
  readonly timeline: TimelineRow[] = $derived.by(() => {
    // Rows that did not change keep their identity, so the list re-renders only rows that did.
    const rows = buildTimeline(this.messages, this.outbox, { firstUnreadId: this.firstUnreadId, previous: this.#previousRows });
    this.#previousRows = rows;
    return rows;
  });
  readonly seenBy: Map<string, string[]> = $derived(seenByMessage(this.messages, this.receipts, this.#ownUserId));
  readonly newest: ChatMessage | null = $derived(this.hasNewer ? null : (this.messages[this.messages.length - 1] ?? null));
  readonly names: Map<string, string> = $derived.by(() => {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- rebuilt whole by $derived, never mutated after
    const names = new Map<string, string>();
    for (const message of this.messages) if (message.senderId && message.senderDisplayName) names.set(message.senderId, message.senderDisplayName);
    for (const participant of this.participants) if (participant.displayName) names.set(participant.userId, participant.displayName);
    if (this.#ownUserId && this.#ownDisplayName && !names.has(this.#ownUserId)) names.set(this.#ownUserId, this.#ownDisplayName);
    return names;
  });

  readonly #bridge: ParleyBridge;
  #previousRows: readonly TimelineRow[] = [];
  #unreadAtOpen: number;
  #serial = 0;
  #lastMarkedRead: string | null = null;
  #refreshing: Promise<void> | null = null;
  #refreshAgain = false;
  /** The newest sequence id seen in the thread, in the window or announced from beyond it. */
  #newestKnown = 0;
  #disposed = false;

  constructor(bridge: ParleyBridge, ref: ThreadRef, options: ThreadViewOptions) {
    this.#bridge = bridge;
    this.ref = ref;
    this.#ownUserId = options.ownUserId;
    this.#ownDisplayName = options.ownDisplayName?.trim() || null;
    this.#unreadAtOpen = options.unreadCount;
  }

  nameOf = (userId: string): string | null => this.names.get(userId) ?? null;

  #requestScroll(target: ScrollRequest['target']): void {
    this.scrollRequest = { serial: ++this.#serial, target };
  }

  #setOutbox(items: OutboxItem[]): void {
    this.lastChange = 'update';
    this.outbox = items;
  }

  #setWindow(messages: ChatMessage[], change: WindowChange, hasOlder: boolean, hasNewer: boolean): void {
    this.lastChange = change;
    this.messages = messages;
    this.hasOlder = hasOlder;
    this.hasNewer = hasNewer;
    if (!hasNewer) this.#newestKnown = Math.max(this.#newestKnown, messages[messages.length - 1]?.sequenceId ?? 0);
  }

  /** Loads the newest page (or the page around one message) and the thread's side data, in one call. */
  async open(aroundMessageId?: string): Promise<void> {
    this.phase = 'loading';
    const opened = await this.#bridge.openThread({ ...this.ref, limit: PAGE_SIZE, ...(aroundMessageId ? { aroundMessageId } : {}) });
    if (this.#disposed) return;
    if (!opened.ok) {
      this.phase = 'error';
      this.error = opened.error;
      return;
    }
    const { page, outbox, receipts, participants } = opened.value;
    this.#setWindow(page.messages, 'replace', page.hasOlder, page.hasNewer);
    this.outbox = outbox; // with 'replace' above
    this.receipts = receipts;
    this.participants = participants;
    // Participants are cached from the first sync of the thread on; before that, ask main to fetch them.
    if (participants.length === 0) void this.#refreshParticipants();
    if (!page.hasNewer) this.firstUnreadId = firstUnreadMessageId(this.messages, this.#unreadAtOpen);
    this.phase = 'ready';
    this.error = null;
    if (aroundMessageId) {
      this.highlightedId = aroundMessageId;
      this.#requestScroll({ kind: 'message', messageId: aroundMessageId, align: 'center' });
    } else this.#requestScroll({ kind: 'newest' });
  }

  /** The page before the window; the newest messages beyond the window's size are dropped. */
  loadOlder(): Promise<void> {
    return this.#loadOlder(true);
  }

  async #loadOlder(capWindow: boolean): Promise<void> {
    const first = this.messages[0];
    if (!first || !this.hasOlder || this.loadingOlder) return;
    this.loadingOlder = true;
    const result = await this.#bridge.listMessages({ ...this.ref, beforeSequenceId: first.sequenceId, limit: PAGE_SIZE });
    this.loadingOlder = false;
    // A window replaced meanwhile (a jump) no longer starts where this page ends.
    if (this.#disposed || !result.ok || this.messages[0] !== first) return;
    this.#setWindow(mergeMessages(this.messages, result.value.messages), 'prepend', result.value.hasOlder, this.hasNewer);
    if (capWindow) await this.#capWindow('drop-newer');
  }

  /** The page after the window; the oldest messages beyond the window's size are dropped. */
  async loadNewer(): Promise<void> {
    const last = this.messages[this.messages.length - 1];
    if (!last || !this.hasNewer || this.loadingNewer) return;
    this.loadingNewer = true;
    const result = await this.#bridge.listMessages({ ...this.ref, afterSequenceId: last.sequenceId, limit: PAGE_SIZE });
    this.loadingNewer = false;
    if (this.#disposed || !result.ok || this.messages[this.messages.length - 1] !== last) return;
    this.#setWindow(mergeMessages(this.messages, result.value.messages), 'append', this.hasOlder, result.value.hasNewer);
    await this.#capWindow('drop-older');
  }

  /**
   * Trims the window back to its size at the end away from the last change, once the list has drawn
   * that change (a separate render: the list is told about one end at a time).
   */
  async #capWindow(drop: 'drop-older' | 'drop-newer'): Promise<void> {
    if (this.messages.length <= MAX_WINDOW_MESSAGES) return;
    await tick();
    const messages = this.messages;
    if (this.#disposed || messages.length <= MAX_WINDOW_MESSAGES) return;
    if (drop === 'drop-newer') this.#setWindow(messages.slice(0, MAX_WINDOW_MESSAGES), drop, this.hasOlder, true);
    else this.#setWindow(messages.slice(messages.length - MAX_WINDOW_MESSAGES), drop, true, this.hasNewer);
  }

  async jumpToNewest(): Promise<void> {
    this.highlightedId = null;
    if (this.hasNewer) {
      const result = await this.#bridge.listMessages({ ...this.ref, limit: PAGE_SIZE });
      if (this.#disposed || !result.ok) return;
      this.#setWindow(result.value.messages, 'replace', result.value.hasOlder, result.value.hasNewer);
    }
    this.#requestScroll({ kind: 'newest' });
  }

  /** Shows one message, loading the page around it when it is outside the window. */
  async jumpToMessage(messageId: string, highlight = true): Promise<void> {
    if (!this.messages.some((message) => message.id === messageId)) {
      const result = await this.#bridge.listMessages({ ...this.ref, aroundMessageId: messageId, limit: PAGE_SIZE });
      if (this.#disposed || !result.ok) return;
      this.#setWindow(result.value.messages, 'replace', result.value.hasOlder, result.value.hasNewer);
    }
    if (highlight) this.highlightedId = messageId;
    this.#requestScroll({ kind: 'message', messageId, align: highlight ? 'center' : 'start' });
  }

  async jumpToFirstUnread(): Promise<void> {
    // The marker may lie before the loaded window: page back until it is found (bounded). The marker is
    // counted from the newest message, so the window keeps its newest messages while it grows here.
    for (let page = 0; !this.firstUnreadId && !this.hasNewer && this.#unreadAtOpen > this.messages.length && this.hasOlder && page < 20; page++) {
      await this.#loadOlder(false);
      this.firstUnreadId = firstUnreadMessageId(this.messages, this.#unreadAtOpen);
    }
    if (this.firstUnreadId) await this.jumpToMessage(this.firstUnreadId, false);
  }

  /** Applies a `thread-changed` event: fetches only the parts that changed. */
  async onThreadChanged(change: ParleyEvents['thread-changed']): Promise<void> {
    const tasks: Array<Promise<unknown>> = [];
    if (change.messages) tasks.push(this.refreshMessages());
    if (change.outbox) tasks.push(this.refreshOutbox());
    if (change.receipts) tasks.push(this.#bridge.listReadReceipts(this.ref).then((r) => r.ok && !this.#disposed && (this.receipts = r.value)));
    if (change.participants) tasks.push(this.#bridge.listParticipants(this.ref).then((r) => r.ok && !this.#disposed && (this.participants = r.value)));
    await Promise.all(tasks);
  }

  async refreshOutbox(): Promise<void> {
    const result = await this.#bridge.listOutbox(this.ref);
    if (result.ok && !this.#disposed) this.#setOutbox(result.value);
  }

  /** New messages after the window's end, and a re-read of its tail for edits; one refresh at a time. */
  refreshMessages(): Promise<void> {
    if (this.#refreshing) {
      this.#refreshAgain = true;
      return this.#refreshing;
    }
    this.#refreshing = (async () => {
      do {
        this.#refreshAgain = false;
        await this.#refreshOnce();
      } while (this.#refreshAgain && !this.#disposed);
      this.#refreshing = null;
    })();
    return this.#refreshing;
  }

  async #refreshOnce(): Promise<void> {
    const last = this.messages[this.messages.length - 1];
    if (!last) {
      const page = await this.#bridge.listMessages({ ...this.ref, limit: PAGE_SIZE });
      if (!page.ok || this.#disposed) return;
      this.#noteArrivals(page.value.messages);
      this.#setWindow(page.value.messages, 'replace', page.value.hasOlder, page.value.hasNewer);
      return;
    }
    const tail = await this.#bridge.listMessages({ ...this.ref, beforeSequenceId: last.sequenceId + 1, limit: RECHECK_WINDOW });
    if (this.#disposed) return;
    if (tail.ok) this.#updateHeld(tail.value.messages);
    // Reading history (the newest messages are not in the window): new ones are only announced here,
    // and load as the user scrolls down.
    const following = !this.hasNewer;
    const fresh: ChatMessage[] = [];
    let cursor = following ? last.sequenceId : Math.max(last.sequenceId, this.#newestKnown);
    let fellBehind = false;
    for (let page = 0; page < (following ? MAX_CATCH_UP_PAGES : 1); page++) {
      const result = await this.#bridge.listMessages({ ...this.ref, afterSequenceId: cursor, limit: PAGE_SIZE });
      if (this.#disposed || !result.ok) return;
      fresh.push(...result.value.messages);
      const newest = result.value.messages[result.value.messages.length - 1];
      fellBehind = result.value.hasNewer && newest !== undefined;
      if (!fellBehind || !newest) break;
      cursor = newest.sequenceId;
    }
    if (fresh.length === 0) return;
    this.#newestKnown = Math.max(this.#newestKnown, fresh[fresh.length - 1]!.sequenceId);
    this.#noteArrivals(fresh);
    if (!following || this.hasNewer) {
      // Not drawn: the window does not reach the newest messages (or no longer does: the user paged back meanwhile).
    } else if (fellBehind) {
      // Too much arrived to walk through: show the newest page instead (older pages load on scroll).
      const newestPage = await this.#bridge.listMessages({ ...this.ref, limit: PAGE_SIZE });
      if (this.#disposed || !newestPage.ok) return;
      this.#setWindow(newestPage.value.messages, 'replace', newestPage.value.hasOlder, false);
      this.#requestScroll({ kind: 'newest' });
    } else {
      this.#setWindow(mergeMessages(this.messages, fresh), 'append', this.hasOlder, false);
      await this.#capWindow('drop-older');
    }
    // A sent message has landed: its outbox twin is gone from main's outbox.
    if (fresh.some((message) => message.isOwn) && this.outbox.length > 0) await this.refreshOutbox();
  }

  #noteArrivals(messages: readonly ChatMessage[]): void {
    const fromOthers = messages.filter((message) => !message.isOwn && (message.type === 'text' || message.type === 'html'));
    if (fromOthers.length === 0) return;
    this.arrivals = fromOthers;
  }

  /** The composer's send returned this item: show it before the outbox event arrives. */
  acceptOutboxItem(item: OutboxItem): void {
    if (!this.outbox.some((existing) => existing.clientId === item.clientId)) this.#setOutbox([...this.outbox, item]);
    this.#requestScroll({ kind: 'newest' });
  }

  /** Marks the newest message read once per message (the caller checks the window is focused and visible). */
  async markNewestRead(): Promise<boolean> {
    const newest = this.newest;
    if (!newest || newest.id === this.#lastMarkedRead) return false;
    this.#lastMarkedRead = newest.id;
    const result = await this.#bridge.markRead({ ...this.ref, messageId: newest.id });
    return result.ok;
  }

  /** An image attachment as a data URL (main fetches it, from the account's own endpoint only). */
  loadAttachmentImage(messageId: string, attachmentId: string): Promise<Result<{ dataUrl: string }>> {
    return this.#bridge.loadAttachmentImage({ ...this.ref, messageId, attachmentId });
  }

  async editMessage(messageId: string, content: string): Promise<Result<void>> {
    const result = await this.#bridge.editMessage({ ...this.ref, messageId, content });
    if (result.ok) await this.#reread(messageId);
    return result;
  }

  async deleteMessage(messageId: string): Promise<Result<void>> {
    const result = await this.#bridge.deleteMessage({ ...this.ref, messageId });
    if (result.ok) await this.#reread(messageId);
    return result;
  }

  async #reread(messageId: string): Promise<void> {
    const result = await this.#bridge.getMessage({ ...this.ref, messageId });
    if (result.ok && !this.#disposed) this.#updateHeld([result.value]);
  }

  /** New versions of messages in the window's range (edits, deletions); the window itself does not move. */
  #updateHeld(messages: readonly ChatMessage[]): void {
    const first = this.messages[0];
    const last = this.messages[this.messages.length - 1];
    if (!first || !last) return;
    const held = messages.filter((message) => message.sequenceId >= first.sequenceId && message.sequenceId <= last.sequenceId);
    const merged = mergeMessages(this.messages, held);
    if (merged !== this.messages) this.#setWindow(merged, 'update', this.hasOlder, this.hasNewer);
  }

  async retrySend(clientId: string): Promise<Result<void>> {
    const result = await this.#bridge.retrySend({ ...this.ref, clientId });
    await this.refreshOutbox();
    return result;
  }

  async discardSend(clientId: string): Promise<Result<void>> {
    const result = await this.#bridge.discardSend({ ...this.ref, clientId });
    if (result.ok) this.#setOutbox(this.outbox.filter((item) => item.clientId !== clientId));
    return result;
  }

  async updateTopic(topic: string): Promise<Result<void>> {
    return this.#bridge.updateTopic({ ...this.ref, topic });
  }

  /** Metadata changes and a retention policy; the thread list picks the result up from `threads-changed`. */
  async updateProperties(change: Omit<UpdateThreadPropertiesInput, keyof ThreadRef>): Promise<Result<void>> {
    return this.#bridge.updateThreadProperties({ ...this.ref, ...change });
  }

  /** Adds the people not in the conversation yet; those already in it are named in the outcome, not sent. */
  async addParticipants(participants: NewParticipant[], shareHistory: ShareHistory): Promise<Result<AddPeopleOutcome>> {
    const isMember = (userId: string) => this.participants.some((member) => member.userId === userId);
    const alreadyMembers = participants.filter((participant) => isMember(participant.userId)).map((participant) => participant.userId);
    const newcomers = participants.filter((participant) => !isMember(participant.userId));
    if (newcomers.length === 0) return { ok: true, value: { added: [], failed: [], alreadyMembers } };
    const result = await this.#bridge.addParticipants({ ...this.ref, participants: newcomers, shareHistory });
    if (!result.ok) return result;
    await this.#refreshParticipants();
    return { ok: true, value: { ...result.value, alreadyMembers } };
  }

  async removeParticipant(userId: string): Promise<Result<void>> {
    const result = await this.#bridge.removeParticipant({ ...this.ref, userId });
    if (result.ok) this.participants = this.participants.filter((participant) => participant.userId !== userId);
    return result;
  }

  async leave(): Promise<Result<void>> {
    return this.#bridge.leaveThread(this.ref);
  }

  async #refreshParticipants(): Promise<void> {
    const result = await this.#bridge.listParticipants(this.ref);
    // Nobody known before or after (not synced yet, or offline): nothing to draw again.
    if (result.ok && !this.#disposed && (result.value.length > 0 || this.participants.length > 0)) this.participants = result.value;
  }

  clearHighlight(): void {
    this.highlightedId = null;
  }

  dispose(): void {
    this.#disposed = true;
  }
}
