import type { MessageRecord, ParticipantRecord, ReadReceiptRecord, ThreadRecord, TypingRecord } from './model.ts';
import type { Store } from './store.ts';

/** Read-only, unthrottled views of the emulator's own data, for tests to audit what clients did. */
export class Inspector {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  threads(): ThreadRecord[] {
    return this.#store.allThreadIds().flatMap((id) => this.#store.getThread(id) ?? []);
  }

  thread(threadId: string): ThreadRecord | undefined {
    return this.#store.getThread(threadId);
  }

  /** All messages of the thread, oldest first, system messages and deleted ones included. */
  messages(threadId: string): MessageRecord[] {
    return this.#store.allMessages(threadId);
  }

  participants(threadId: string): ParticipantRecord[] {
    return this.#store.listParticipants(threadId, 0, Number.MAX_SAFE_INTEGER);
  }

  readReceipts(threadId: string): ReadReceiptRecord[] {
    return this.#store.listReadReceipts(threadId, 0, Number.MAX_SAFE_INTEGER);
  }

  typing(threadId: string): TypingRecord[] {
    return this.#store.listTyping(threadId);
  }
}
