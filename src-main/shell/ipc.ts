/**
 * The one IPC handler: a contract request from the app's own main frame goes to the service
 * map; anything else (a subframe, another window, a page that is not the app's index.html, a
 * frame already gone) is refused before the service sees it.
 */
import type { IpcMain } from 'electron';
import type { Service } from '../api/service';
import type { Envelope, Request } from '../contract';
import { IPC_CHANNEL } from './channel';
import { isAppUrl } from './security';

/** What the check reads of an IpcMainInvokeEvent: the frame that sent it (null once it is gone). */
export interface SenderInfo {
  senderFrame: { url: string; parent: unknown } | null;
}

/** True when the call comes from the main frame of a window showing the app itself. */
export function isAppSender(event: SenderInfo, appUrl: string): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url, appUrl);
}

const refused = (code: string, message: string): Envelope => ({ ok: false, error: { code, message } });

function asRequest(v: unknown): Request | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const r = v as Record<string, unknown>; // a plain object, checked just above; its fields are checked one by one below
  return {
    method: typeof r.method === 'string' ? r.method : '',
    input: r.input,
    session: typeof r.session === 'string' ? r.session : null,
    lang: r.lang === 'en' ? 'en' : 'zh',
  };
}

export function registerInvokeHandler(ipcMain: Pick<IpcMain, 'handle'>, service: Service, appUrl: string): void {
  ipcMain.handle(IPC_CHANNEL, async (event, raw: unknown): Promise<Envelope> => {
    if (!isAppSender(event, appUrl)) {
      console.warn(`safetynet: refused an IPC call from ${event.senderFrame?.url ?? 'a frame that is gone'}`);
      return refused('forbidden_sender', 'calls are accepted only from the app window');
    }
    const request = asRequest(raw);
    if (!request) return refused('bad_request', 'a request is an object { method, input, session, lang }');
    return service.invoke(request);
  });
}
