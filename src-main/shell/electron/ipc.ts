import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type Result } from '../../../src-preload/contract.ts';
import type { CoreChannel } from '../../api/dispatcher.ts';
import type { ElectronSurface, FrameHandle, WebContentsHandle } from './electron-surface.ts';
import { isAppUrl } from './window-options.ts';

/** Only the top frame of the Parley page may call main: not a sub-frame, not a page navigated elsewhere. */
export function isTrustedSender(frame: FrameHandle | null, rendererUrl: string): boolean {
  return frame !== null && frame.parent === null && isAppUrl(frame.url, rendererUrl);
}

const REFUSED: Result<never> = { ok: false, error: { code: 'forbidden', message: 'Calls are accepted from the Parley window only.' } };

/**
 * Wires the contract over Electron IPC: one invoke channel whose method name the dispatcher checks
 * against the contract (and whose input it validates), and one event channel to the window.
 */
export function wireIpc(ipcMain: ElectronSurface['ipcMain'], app: CoreChannel, rendererUrl: string, target: () => WebContentsHandle | undefined): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, (event, method, input) => {
    if (!isTrustedSender(event.senderFrame, rendererUrl)) return REFUSED;
    return app.dispatcher.invoke(method, input);
  });
  const unsubscribe = app.events.subscribe((event, payload) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event, payload);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
  };
}
