import { MediaQuery } from 'svelte/reactivity';

/**
 * Narrower than this, the details panel no longer fits beside a readable conversation (sidebar 300 px,
 * conversation 480 px, details 320 px): it then opens over the conversation, and the sidebar can fold away.
 */
export const WIDE_LAYOUT_MIN_WIDTH = 1100;

/** How the window's width shapes the frame. */
export class LayoutState {
  readonly #wide = new MediaQuery(`min-width: ${WIDE_LAYOUT_MIN_WIDTH}px`, true);
  /** The user folded the sidebar away; it counts only while the window is narrow. */
  sidebarFolded = $state(false);

  get narrow(): boolean {
    return !this.#wide.current;
  }

  get sidebarHidden(): boolean {
    return this.narrow && this.sidebarFolded;
  }
}
