import { LIMITS, type ApiError, type ContentType, type Draft, type OutboxItem, type ParleyBridge, type ThreadRef } from '$contract';
import { SvelteMap } from 'svelte/reactivity';
import { isBlankHtml, outgoingHtml } from '../composer/composer-html.ts';
import { utf8ByteLength } from '../format/utf8.ts';
import { replyQuoteHtml, textAsHtml, type ReplyTarget } from '../messages/message-markup.ts';
import { Debouncer, Throttle, type Now, type TimerApi } from '../util/timing.ts';

export const TYPING_INTERVAL_MS = 8_000;
export const DRAFT_SAVE_DELAY_MS = 400;

export const EMPTY_DRAFT: Draft = Object.freeze({ text: '', format: 'text' });

export type ComposerProblem = { kind: 'empty' } | { kind: 'too-large'; bytes: number };

export interface ComposerOptions {
  displayName: () => string | undefined;
  now?: Now;
  timers?: TimerApi;
}

const threadKey = (ref: ThreadRef) => `${ref.accountId}\n${ref.threadId}`;

function sameThread(a: ThreadRef | null, b: ThreadRef | null): boolean {
  return a?.accountId === b?.accountId && a?.threadId === b?.threadId;
}

const isBlank = (draft: Draft) => (draft.format === 'html' ? isBlankHtml(draft.text) : !draft.text.trim());

/**
 * The message being written in the open thread, as the editor last reported it: the typed text, or the
 * editor's HTML when it has formatting. The draft is saved (debounced) per thread, with its format, and
 * flushed on every switch; the text leaves the box only once main has accepted the send.
 */
export class ComposerState {
  ref = $state<ThreadRef | null>(null);
  draft = $state<Draft>(EMPTY_DRAFT);
  /** Counts the times the draft was replaced from outside the editor (a thread opened, a send went): the editor then shows it. */
  loaded = $state(0);
  problem = $state<ComposerProblem | null>(null);
  error = $state<ApiError | null>(null);
  sending = $state(false);
  /** The message this one answers: sent as a quote before the text. */
  replyTo = $state<ReplyTarget | null>(null);
  readonly bytes: number = $derived(utf8ByteLength(this.#outgoing().content));
  readonly tooLarge: boolean = $derived(this.bytes > LIMITS.messageBytes);

  readonly #bridge: ParleyBridge;
  readonly #options: ComposerOptions;
  readonly #typing: Throttle;
  readonly #draftSaver: Debouncer;
  /** Text typed that main has not confirmed saving (not yet sent, or refused: a full disk): shown when its thread opens again, saved again on the next flush. */
  readonly #unsaved = new SvelteMap<string, Draft>();
  #edited = false;

  constructor(bridge: ParleyBridge, options: ComposerOptions) {
    this.#bridge = bridge;
    this.#options = options;
    this.#typing = new Throttle(TYPING_INTERVAL_MS, options.now);
    this.#draftSaver = new Debouncer(DRAFT_SAVE_DELAY_MS, options.timers);
  }

  async switchTo(ref: ThreadRef | null): Promise<void> {
    if (sameThread(ref, this.ref)) return;
    this.flushDraft();
    this.ref = ref;
    this.#load(EMPTY_DRAFT);
    this.problem = null;
    this.error = null;
    this.replyTo = null;
    this.#edited = false;
    this.#typing.reset();
    if (!ref) return;
    const draft = await this.#bridge.getDraft(ref);
    // Ignore a draft that arrives after a further switch, or after the user started typing.
    if (!sameThread(ref, this.ref) || this.#edited) return;
    const unsaved = this.#unsaved.get(threadKey(ref));
    if (unsaved !== undefined) this.#load(unsaved);
    else if (draft.ok) this.#load(draft.value);
  }

  #load(draft: Draft): void {
    this.draft = draft;
    this.loaded += 1;
  }

  async #saveDraft(ref: ThreadRef, draft: Draft): Promise<void> {
    const key = threadKey(ref);
    this.#unsaved.set(key, draft);
    const result = await this.#bridge.saveDraft({ ...ref, ...draft });
    if (this.#unsaved.get(key) !== draft) return; // a newer draft is on its way
    if (result.ok) this.#unsaved.delete(key);
    else if (sameThread(ref, this.ref)) this.error = result.error;
  }

  /** What the editor holds now. */
  input(draft: Draft): void {
    this.draft = draft;
    this.#edited = true;
    this.problem = null;
    const ref = this.ref;
    if (!ref) return;
    this.#unsaved.set(threadKey(ref), draft);
    this.#draftSaver.schedule(() => void this.#saveDraft(ref, draft));
    if (!isBlank(draft) && this.#typing.tryRun()) void this.#bridge.sendTyping({ ...ref, senderDisplayName: this.#options.displayName() });
  }

  startReply(target: ReplyTarget): void {
    this.replyTo = target;
    this.problem = null;
  }

  cancelReply(): void {
    this.replyTo = null;
  }

  /**
   * What goes to the service: the text as typed, or the formatted message as allowlisted HTML; for a reply,
   * the quote and then the message as HTML.
   */
  #outgoing(): { content: string; type: ContentType } {
    const { text, format } = this.draft;
    const body = format === 'html' ? outgoingHtml(text) : text;
    if (!this.replyTo) return { content: body, type: format };
    return { content: replyQuoteHtml(this.replyTo) + (format === 'html' ? body : textAsHtml(body)), type: 'html' };
  }

  flushDraft(): void {
    this.#draftSaver.cancel();
    const ref = this.ref;
    const unsaved = ref ? this.#unsaved.get(threadKey(ref)) : undefined;
    if (ref && unsaved !== undefined) void this.#saveDraft(ref, unsaved);
  }

  /** Checks, then sends; the returned item is the outbox entry (queued when offline). */
  async send(): Promise<OutboxItem | null> {
    const ref = this.ref;
    if (!ref || this.sending) return null;
    const typed = this.draft;
    const replyTo = this.replyTo;
    if (isBlank(typed)) {
      this.problem = { kind: 'empty' };
      return null;
    }
    if (this.tooLarge) {
      this.problem = { kind: 'too-large', bytes: this.bytes };
      return null;
    }
    this.sending = true;
    this.error = null;
    const outgoing = this.#outgoing();
    const result = await this.#bridge.sendMessage({ ...ref, ...outgoing, senderDisplayName: this.#options.displayName() });
    this.sending = false;
    if (!result.ok) {
      this.error = result.error;
      return null;
    }
    // Only now may the box be cleared, and only if the user has not switched threads or typed on.
    if (sameThread(ref, this.ref) && this.draft === typed) {
      this.#load(EMPTY_DRAFT);
      if (this.replyTo === replyTo) this.replyTo = null;
      this.#draftSaver.cancel();
      void this.#saveDraft(ref, EMPTY_DRAFT);
    }
    this.#typing.reset();
    return result.value;
  }
}
