/**
 * The only bridge between the sandboxed renderer and the main process: one `invoke` that
 * carries a contract request. Raw ipcRenderer is never exposed.
 */
import { contextBridge, ipcRenderer } from 'electron';

export const IPC_CHANNEL = 'safetynet:invoke';

contextBridge.exposeInMainWorld('safetynet', {
  invoke: (request: { method: string; input: unknown; session?: string | null; lang?: 'zh' | 'en' }) =>
    ipcRenderer.invoke(IPC_CHANNEL, request),
});
