// Preload: exposes `window.nome` (one function per channel plus `on`), never raw ipcRenderer.
import { contextBridge, ipcRenderer } from 'electron';
import { createNomeApi } from '../shared/api';
import type { WireResult } from '../shared/errors';

const eventChannel = 'nome:event'; // the same name electron/main/create-main.ts sends on

const api = createNomeApi({
  invoke: (channel, input) => ipcRenderer.invoke(channel, input) as Promise<WireResult>,
  subscribe(listener) {
    const forward = (_event: unknown, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(eventChannel, forward);
    return () => ipcRenderer.removeListener(eventChannel, forward);
  },
});

contextBridge.exposeInMainWorld('nome', api);
