/**
 * The renderer's API client. It cannot tell the transports apart: inside Electron it calls
 * `window.safetynet.invoke` (preload), in a browser it POSTs to the loopback host with the
 * token from the address fragment. Types come from the contract; no handler code is bundled.
 */
import type { Envelope, Input, MethodName, Output } from '../../src-main/contract';

type Bridge = { invoke(req: { method: string; input: unknown; session?: string | null; lang?: 'zh' | 'en' }): Promise<Envelope> };

declare global {
  interface Window {
    safetynet?: Bridge;
  }
}

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

function hostToken(): string | null {
  const m = /token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem('safetynet.hostToken', m[1]);
    return m[1];
  }
  return sessionStorage.getItem('safetynet.hostToken');
}

/** Reads the host token from the address fragment (and keeps it), before the app rewrites the fragment for its own routes. */
export function captureHostToken(): string | null {
  return hostToken();
}

const httpBridge: Bridge = {
  async invoke(req) {
    const res = await fetch('/api', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Safetynet-Token': hostToken() ?? '' },
      body: JSON.stringify(req),
    });
    const env: Envelope = await res.json(); // the host answers every call with an envelope
    return env;
  },
};

let session: string | null = sessionStorage.getItem('safetynet.session');
let lang: 'zh' | 'en' = 'zh';
const lockListeners = new Set<() => void>();
const endListeners = new Set<() => void>();

export const apiState = {
  setSession(s: string | null) {
    session = s;
    if (s) sessionStorage.setItem('safetynet.session', s);
    else sessionStorage.removeItem('safetynet.session');
  },
  getSession: () => session,
  setLang(l: 'zh' | 'en') {
    lang = l;
  },
  /** Called when the service ends the session itself (`session_expired`: the 12-hour lifetime, docs/security.md). */
  onEnded(fn: () => void): () => void {
    endListeners.add(fn);
    return () => {
      endListeners.delete(fn);
    };
  },
  /** Called when the service answers `session_locked` (idle for too long). */
  onLocked(fn: () => void): () => void {
    lockListeners.add(fn);
    return () => {
      lockListeners.delete(fn);
    };
  },
};

/** Calls a contract method; throws ApiError with the service's code, message and field. */
export async function call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>> {
  const bridge = window.safetynet ?? httpBridge;
  const env = await bridge.invoke({ method, input, session, lang });
  if (env.ok) return env.value as Output<M>; // the service has checked it against the method's output schema
  if (env.error.code === 'session_locked') lockListeners.forEach((f) => f());
  if (env.error.code === 'session_expired') endListeners.forEach((f) => f());
  throw new ApiError(env.error.code, env.error.message, env.error.field);
}

/**
 * Streams a file to the loopback host's transfer folder (docs/security.md "Inputs"): the service
 * gives a one-time ticket for its name and size, the body goes to /upload/<ticket>; the answer
 * names the upload, which calls then pass instead of a path or the content.
 */
export async function uploadToHost(f: File): Promise<{ upload: string; name: string; bytes: number }> {
  const { ticket } = await call('files.uploadTicket', { name: f.name, bytes: f.size });
  const res = await fetch(`/upload/${ticket}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream', 'X-Safetynet-Token': hostToken() ?? '', 'X-Safetynet-Lang': lang },
    body: f,
  });
  const env: Envelope<{ upload: string; name: string; bytes: number }> = await res.json(); // the host answers an upload with an envelope
  if (!env.ok) throw new ApiError(env.error.code, env.error.message, 'file');
  return env.value;
}

/** Saves a file the service made for download (an export, a backup): the one-time address the answer named. */
export function downloadFromHost(d: { id: string; fileName: string }): void {
  const a = document.createElement('a');
  a.href = `/download/${d.id}`;
  a.download = d.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
}
