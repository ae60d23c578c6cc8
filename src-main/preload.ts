/**
 * The only bridge between the sandboxed renderer and the main process: one `invoke` that
 * carries a contract request. Raw ipcRenderer is never exposed.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNEL } from './shell/channel';

export { IPC_CHANNEL };

contextBridge.exposeInMainWorld('safetynet', {
  invoke: (request: { method: string; input: unknown; session?: string | null; lang?: 'zh' | 'en' }) =>
    ipcRenderer.invoke(IPC_CHANNEL, request),
});

// A file dropped on the window must never become the page (it would get this bridge): refuse
// every drop before the page sees it, whatever the page does. The main process also refuses
// the navigation (shell/security.ts), and `navigateOnDragDrop` is off.
type DropTarget = { addEventListener(type: string, listener: (e: { preventDefault(): void }) => void, capture: boolean): void };
const page = globalThis as unknown as DropTarget; // the preload's window; tsconfig.node.json has no DOM types
for (const type of ['dragover', 'drop']) page.addEventListener(type, (e) => e.preventDefault(), true);
