/** Every request the emulator answered, for tests to count requests and audit outcomes. */

export interface OperationEntry {
  seq: number;
  timeMs: number;
  method: string;
  /** Route name, e.g. `sendMessage`; `unknown` when no route matched. */
  route: string;
  status: number;
  /** Caller of a chat request, when authenticated. */
  userId: string | undefined;
  threadId: string | undefined;
  /** The Host header the client sent: which origin it used (a token sent to another origin of this server shows here). */
  host: string;
  /** `dropped` when a fault destroyed the socket. */
  outcome: 'answered' | 'dropped';
}

export interface OperationFilter {
  route?: string;
  method?: string;
  userId?: string;
  threadId?: string;
  status?: number;
  sinceSeq?: number;
}

// Bounded so a long-running demo does not grow without limit.
const MAX_ENTRIES = 200_000;

export class OperationRecord {
  readonly #entries: OperationEntry[] = [];
  #nextSeq = 1;

  add(entry: Omit<OperationEntry, 'seq'>): void {
    this.#entries.push({ ...entry, seq: this.#nextSeq++ });
    if (this.#entries.length > MAX_ENTRIES) this.#entries.splice(0, this.#entries.length - MAX_ENTRIES);
  }

  list(filter: OperationFilter = {}): OperationEntry[] {
    return this.#entries.filter(
      (entry) =>
        (filter.route === undefined || entry.route === filter.route) &&
        (filter.method === undefined || entry.method === filter.method.toUpperCase()) &&
        (filter.userId === undefined || entry.userId === filter.userId) &&
        (filter.threadId === undefined || entry.threadId === filter.threadId) &&
        (filter.status === undefined || entry.status === filter.status) &&
        (filter.sinceSeq === undefined || entry.seq > filter.sinceSeq),
    );
  }

  count(filter: OperationFilter = {}): number {
    return this.list(filter).length;
  }

  /** The seq of the latest entry, to later ask only for what came after it. */
  get lastSeq(): number {
    return this.#nextSeq - 1;
  }

  clear(): void {
    this.#entries.length = 0;
  }
}
