import { LIMITS, type ApiError, type ContentType, type OutboxItem, type ParleyBridge, type ThreadRef } from '$contract';
import { utf8ByteLength } from '../format/utf8.ts';
import { replyQuoteHtml, textAsHtml, type ReplyTarget } from '../messages/message-markup.ts';
import { Debouncer, Throttle, type Now, type TimerApi } from '../util/timing.ts';

export const TYPING_INTERVAL_MS = 8_000;
export const DRAFT_SAVE_DELAY_MS = 400;

export type ComposerProblem = { kind: 'empty' } | { kind: 'too-large'; bytes: number };

export interface ComposerOptions {
  displayName: () => string | undefined;
  now?: Now;
  timers?: TimerApi;
}

function sameThread(a: ThreadRef | null, b: ThreadRef | null): boolean {
  return a?.accountId === b?.accountId && a?.threadId === b?.threadId;
}

/**
 * The message being written in the open thread. The draft is saved (debounced) per thread and
 * flushed on every switch; the text leaves the box only once main has accepted the send.
 */
export class ComposerState {
  ref = $state<ThreadRef | null>(null);
  text = $state('');
  format = $state<ContentType>('text');
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
    this.text = '';
    this.problem = null;
    this.error = null;
    this.replyTo = null;
    this.#edited = false;
    this.#typing.reset();
    if (!ref) return;
    const draft = await this.#bridge.getDraft(ref);
    // Ignore a draft that arrives after a further switch, or after the user started typing.
    if (draft.ok && sameThread(ref, this.ref) && !this.#edited) this.text = draft.value;
  }

  input(text: string): void {
    this.text = text;
    this.#edited = true;
    this.problem = null;
    const ref = this.ref;
    if (!ref) return;
    this.#draftSaver.schedule(() => void this.#bridge.saveDraft({ ...ref, text }));
    if (text.trim() && this.#typing.tryRun()) void this.#bridge.sendTyping({ ...ref, senderDisplayName: this.#options.displayName() });
  }

  setFormat(format: ContentType): void {
    this.format = format;
  }

  startReply(target: ReplyTarget): void {
    this.replyTo = target;
    this.problem = null;
  }

  cancelReply(): void {
    this.replyTo = null;
  }

  /** What goes to the service: the text as typed, or, for a reply, the quote and then the text as HTML. */
  #outgoing(): { content: string; type: ContentType } {
    if (!this.replyTo) return { content: this.text, type: this.format };
    const body = this.format === 'html' ? this.text : textAsHtml(this.text);
    return { content: replyQuoteHtml(this.replyTo) + body, type: 'html' };
  }

  flushDraft(): void {
    this.#draftSaver.flush();
  }

  /** Checks, then sends; the returned item is the outbox entry (queued when offline). */
  async send(): Promise<OutboxItem | null> {
    const ref = this.ref;
    if (!ref || this.sending) return null;
    const typed = this.text;
    const replyTo = this.replyTo;
    if (!typed.trim()) {
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
    if (sameThread(ref, this.ref) && this.text === typed) {
      this.text = '';
      if (this.replyTo === replyTo) this.replyTo = null;
      this.#draftSaver.cancel();
      void this.#bridge.saveDraft({ ...ref, text: '' });
    }
    this.#typing.reset();
    return result.value;
  }
}
