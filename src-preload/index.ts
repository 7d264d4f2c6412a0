import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from '../src-shared/bridge/bridge-builder.ts';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, isEventName, type Result } from './contract.ts';

const parley = buildBridge({
  call: (method, input) => ipcRenderer.invoke(IPC_CALL_CHANNEL, method, input) as Promise<Result<unknown>>,
  listen(deliver) {
    ipcRenderer.on(IPC_EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
      if (isEventName(name)) deliver(name, payload);
    });
  },
});

contextBridge.exposeInMainWorld('parley', parley);
