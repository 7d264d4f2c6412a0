import type { ParleyBridge, ThreadRef } from '$contract';

/** Whether the window is focused and visible, reported to main together with the open thread. */
export class WindowFocusState {
  focused = $state(true);
  visible = $state(true);
  readonly #bridge: ParleyBridge;
  #lastReport = '';

  constructor(bridge: ParleyBridge) {
    this.#bridge = bridge;
  }

  /** Follows the window's focus and visibility; returns a function that stops following. */
  attach(win: Window): () => void {
    const read = () => {
      this.focused = win.document.hasFocus();
      this.visible = win.document.visibilityState === 'visible';
    };
    read();
    const onFocus = () => (this.focused = true);
    const onBlur = () => (this.focused = false);
    win.addEventListener('focus', onFocus);
    win.addEventListener('blur', onBlur);
    win.document.addEventListener('visibilitychange', read);
    return () => {
      win.removeEventListener('focus', onFocus);
      win.removeEventListener('blur', onBlur);
      win.document.removeEventListener('visibilitychange', read);
    };
  }

  /** Tells main what is on screen; repeated identical reports are skipped. */
  report(open: ThreadRef | null): void {
    const focus = { focused: this.focused, visible: this.visible, open: open ? { accountId: open.accountId, threadId: open.threadId } : null };
    const key = JSON.stringify(focus);
    if (key === this.#lastReport) return;
    this.#lastReport = key;
    void this.#bridge.reportWindowFocus(focus);
  }
}
