import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../../src-preload/contract.ts';
import type { ParleyApp } from '../../app.ts';
import { isAppUrl } from './window-options.ts';

/**
 * Wires the contract over Electron IPC: one invoke channel whose method name the dispatcher checks
 * against the contract, and one event channel. Calls from any frame but our own top frame are refused.
 */
export function wireIpc(app: ParleyApp, rendererUrl: string, target: () => WebContents | undefined): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isAppUrl(frame.url, rendererUrl)) {
      return { ok: false, error: { code: 'forbidden', message: 'Calls are accepted from the Parley window only.' } };
    }
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
