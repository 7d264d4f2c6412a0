import type { ParleyBridge } from '$contract';

declare global {
  interface Window {
    parley?: ParleyBridge;
  }
}

/**
 * In Electron the preload has already put `window.parley` in place. In the browser shell there is
 * no preload, so the WebSocket twin is loaded instead: the page sees the same object either way.
 */
export async function connectBridge(): Promise<ParleyBridge> {
  if (window.parley) return window.parley;
  const { createBrowserBridge } = await import('$shared/bridge/browser-bridge.ts');
  const bridge = createBrowserBridge(window);
  window.parley = bridge;
  return bridge;
}
