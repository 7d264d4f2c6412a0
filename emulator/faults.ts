/** Injected failures for tests: errors, latency and dropped connections on chosen requests. */

export interface FaultSpec {
  /** A string names a route (e.g. `sendMessage`, see README); a RegExp is tested against `METHOD /raw/path`. */
  route?: RegExp | string;
  method?: string;
  /** Answer with this status (spec-shaped error body) instead of handling the request. */
  status?: number;
  /** Probability in 0..1 that a matching request is affected (default 1). */
  rate?: number;
  /** Affect only this many matching requests, then the fault retires itself. */
  count?: number;
  /** Delay before answering (or before handling, when no status/drop is set). */
  latencyMs?: number;
  /** Destroy the socket without answering (the request is not handled). */
  drop?: true;
  /** Handle the request, then destroy the socket instead of answering: the client cannot know it succeeded. */
  dropAfterHandling?: true;
  /**
   * Handle the request, then let this function rewrite the answer's JSON body (or replace it with raw
   * text): hostile or broken service data for client tests.
   */
  rewriteBody?: (body: unknown) => unknown | { raw: string };
  /** Adds `Retry-After` (and `retry-after-ms`) to the injected error. */
  retryAfterSeconds?: number;
}

export interface FaultHandle {
  readonly id: number;
  /** How many requests this fault has affected so far. */
  readonly hits: number;
  remove(): void;
}

export interface FaultDecision {
  latencyMs: number;
  drop: boolean;
  dropAfterHandling: boolean;
  rewriteBody: FaultSpec['rewriteBody'];
  status: number | undefined;
  retryAfterSeconds: number | undefined;
}

interface ActiveFault {
  id: number;
  spec: FaultSpec;
  hits: number;
}

export class Faults {
  readonly #active: ActiveFault[] = [];
  readonly #random: () => number;
  #nextId = 1;

  constructor(random: () => number = Math.random) {
    this.#random = random;
  }

  add(spec: FaultSpec): FaultHandle {
    if (spec.rate !== undefined && (spec.rate < 0 || spec.rate > 1)) throw new RangeError('rate must be within 0..1');
    if (spec.count !== undefined && (!Number.isInteger(spec.count) || spec.count < 1)) throw new RangeError('count must be a positive integer');
    const fault: ActiveFault = { id: this.#nextId++, spec, hits: 0 };
    this.#active.push(fault);
    const remove = (): void => {
      const index = this.#active.indexOf(fault);
      if (index !== -1) this.#active.splice(index, 1);
    };
    return {
      id: fault.id,
      get hits() {
        return fault.hits;
      },
      remove,
    };
  }

  clear(): void {
    this.#active.length = 0;
  }

  /** Specs of the faults still active (for the admin route). */
  list(): Array<FaultSpec & { id: number; hits: number }> {
    return this.#active.map((fault) => ({ ...fault.spec, id: fault.id, hits: fault.hits }));
  }

  /** The first active fault that matches and fires for this request, merged into one decision. */
  decide(method: string, routeName: string, rawPath: string): FaultDecision | undefined {
    for (const fault of this.#active) {
      if (!this.#matches(fault.spec, method, routeName, rawPath)) continue;
      if (fault.spec.rate !== undefined && this.#random() >= fault.spec.rate) continue;
      fault.hits++;
      if (fault.spec.count !== undefined && fault.hits >= fault.spec.count) {
        this.#active.splice(this.#active.indexOf(fault), 1);
      }
      return {
        latencyMs: fault.spec.latencyMs ?? 0,
        drop: fault.spec.drop === true,
        dropAfterHandling: fault.spec.dropAfterHandling === true,
        rewriteBody: fault.spec.rewriteBody,
        status: fault.spec.status,
        retryAfterSeconds: fault.spec.retryAfterSeconds,
      };
    }
    return undefined;
  }

  #matches(spec: FaultSpec, method: string, routeName: string, rawPath: string): boolean {
    if (spec.method !== undefined && spec.method.toUpperCase() !== method) return false;
    if (spec.route === undefined) return true;
    if (typeof spec.route === 'string') return spec.route === routeName;
    spec.route.lastIndex = 0;
    return spec.route.test(`${method} ${rawPath}`);
  }
}
