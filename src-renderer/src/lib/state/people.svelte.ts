import type { ParleyBridge, Person } from '$contract';
import { Debouncer } from '../util/timing.ts';

/** Suggestions shown under a person field: a short list is quicker to scan than the directory's maximum. */
export const PEOPLE_SUGGESTIONS = 8;

/** The people directory of the active account, as a person field looks it up while the user types. */
export class PeopleDirectory {
  readonly #bridge: ParleyBridge;
  readonly #accountId: () => string | null;

  constructor(bridge: ParleyBridge, accountId: () => string | null) {
    this.#bridge = bridge;
    this.#accountId = accountId;
  }

  /** One field's suggestions; each field keeps its own. */
  picker(): PersonPicker {
    return new PersonPicker(async (query) => {
      const accountId = this.#accountId();
      if (!accountId) return [];
      const result = await this.#bridge.searchPeople({ accountId, query, limit: PEOPLE_SUGGESTIONS });
      // A failed lookup only means no suggestions: a user id can still be typed in full.
      return result.ok ? result.value : [];
    });
  }
}

/** The suggestions for what was typed last; an answer to an older query is dropped. */
export class PersonPicker {
  people = $state.raw<Person[]>([]);
  readonly #find: (query: string) => Promise<Person[]>;
  readonly #debouncer = new Debouncer(80);
  #generation = 0;

  constructor(find: (query: string) => Promise<Person[]>) {
    this.#find = find;
  }

  lookUp(query: string): void {
    const generation = ++this.#generation;
    this.#debouncer.schedule(() => {
      void this.#find(query.trim()).then((people) => {
        if (generation === this.#generation) this.people = people;
      });
    });
  }

  clear(): void {
    this.#debouncer.cancel();
    this.#generation++;
    this.people = [];
  }
}
