import type { EventName, ParleyEvents } from '../../src-preload/contract.ts';

export type AnyEventListener = <E extends EventName>(event: E, payload: ParleyEvents[E]) => void;

/** Main's side of the event channel: services emit, each shell forwards to its pages. */
export interface EventHub {
  emit<E extends EventName>(event: E, payload: ParleyEvents[E]): void;
  subscribe(listener: AnyEventListener): () => void;
}

export function createEventHub(): EventHub {
  const listeners = new Set<AnyEventListener>();
  return {
    emit(event, payload) {
      for (const listener of listeners) listener(event, payload);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
