import type { SuggestionKeyDownProps, SuggestionOptions, SuggestionProps } from '@tiptap/suggestion';
import { navigationTarget } from '../util/list-navigation.ts';

/**
 * A list of suggestions that typing in the composer opens (people after `@`, emoji after `:`): the editor
 * keeps the focus, ArrowDown/ArrowUp move the highlight, Enter or Tab picks, Escape closes. Fed by Tiptap's
 * Suggestion plugin through `renderer()`; the page shows `items` as a listbox.
 */
export class SuggestionMenu<T> {
  items = $state<T[]>([]);
  active = $state(0);
  /** Where the typed trigger is, left edge in the page's pixels: the list opens above it. */
  anchorLeft = $state(0);
  readonly open: boolean = $derived(this.items.length > 0);
  #command: ((item: T) => void) | null = null;

  pick(index: number): boolean {
    const item = this.items[index];
    if (item === undefined || !this.#command) return false;
    this.#command(item);
    return true;
  }

  close(): void {
    this.items = [];
    this.active = 0;
    this.#command = null;
  }

  /** Keys while the list is open; true when the key was the list's. */
  keyDown(event: KeyboardEvent): boolean {
    if (!this.open || event.isComposing) return false;
    if (event.key === 'Escape') {
      this.close();
      return true;
    }
    if (event.key === 'Enter' || event.key === 'Tab') return this.pick(this.active);
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return false;
    this.active = navigationTarget(event.key, this.active, this.items.length) ?? 0;
    return true;
  }

  #show(props: SuggestionProps<T, T>): void {
    this.items = props.items;
    this.active = Math.min(this.active, Math.max(0, props.items.length - 1));
    this.#command = props.command;
    this.anchorLeft = props.clientRect?.()?.left ?? 0;
  }

  /** The `render` option of a Tiptap suggestion. */
  renderer(): NonNullable<SuggestionOptions<T, T>['render']> {
    return () => ({
      onStart: (props) => {
        this.active = 0;
        this.#show(props);
      },
      onUpdate: (props) => this.#show(props),
      onExit: () => this.close(),
      onKeyDown: ({ event }: SuggestionKeyDownProps) => this.keyDown(event),
    });
  }
}
