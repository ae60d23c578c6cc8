/**
 * The loopback HTTP host: the same service map as Electron IPC, for browsers on this
 * machine, the e2e tests and any workstation without an Electron binary.
 * 127.0.0.1 only; a random token per start on every API call (compared in constant time); the
 * Host header must name this loopback address (DNS rebinding); a foreign Origin is refused; no
 * CORS headers, so other origins cannot read. It never dies on a request: whatever a request
 * carries (bad target, bad encoding, a handler that throws, a client that hangs up) ends in an
 * answer or a closed socket, and the next request is served.
 */
import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Service } from '../api/service';
import type { Envelope, Request } from '../contract';
import { CSP } from '../shell/csp';
import { requestPath, staticFile, resolveServed } from './static-files';
import { installCrashGuard } from './crash-guard';
import { crossSite, handleDownload, handleUpload, transferRoute } from './transfers';
import type { TransferFolder } from '../shared/transfer';
import { MAX_UPLOAD_BYTES } from '../shared/transfer';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

export interface HostOptions {
  port?: number;
  /** Folder of the built renderer (electron-vite's out/renderer). */
  staticDir?: string;
  token?: string;
  maxBodyBytes?: number;
  /** Where uploads go and downloads come from (the service's gate's folder); without it there are none. */
  transfer?: TransferFolder;
}

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  /** The address to open in a browser: the token travels in the fragment, never to a server log. */
  openUrl: string;
  close(): Promise<void>;
}

/** On every answer: the app's CSP (tests/unit/shell/csp.test.ts), no sniffing, no referrer, no framing, no cross-origin embedding. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': CSP,
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
});

const JSON_TYPE = 'application/json; charset=utf-8';
const fail = (code: string, message: string) => JSON.stringify({ ok: false, error: { code, message } });

type Send = (status: number, body: string | Buffer, type?: string, extra?: Record<string, string>) => void;

/** Constant-time and length-blind: both sides are hashed to 32 bytes before the compare. */
function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const digest = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest();
  return crypto.timingSafeEqual(digest(given), digest(token));
}

type Body = { ok: true; bytes: Buffer } | { ok: false; why: 'too_large' | 'aborted' };

/** Reads a request body up to `max` bytes; a client that hangs up mid-body ends it as 'aborted', never as a thrown error. */
function readBody(req: http.IncomingMessage, max: number): Promise<Body> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (b: Body) => {
      if (done) return;
      done = true;
      resolve(b);
    };
    req.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > max) {
        req.pause();
        finish({ ok: false, why: 'too_large' });
      } else chunks.push(c);
    });
    req.on('end', () => finish({ ok: true, bytes: Buffer.concat(chunks) }));
    req.on('error', () => finish({ ok: false, why: 'aborted' }));
    req.on('close', () => finish({ ok: false, why: 'aborted' }));
  });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

async function handleApi(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  send: Send,
  service: Service,
  token: string,
  maxBody: number,
) {
  if (req.method !== 'POST') return send(405, fail('method_not_allowed', 'POST only'), JSON_TYPE, { Allow: 'POST' });
  if (crossSite(req)) return send(403, fail('bad_origin', 'cross-origin calls are refused'));
  if (!tokenMatches(req.headers['x-safetynet-token'], token))
    return send(401, fail('bad_token', 'missing or wrong host token; open the address printed at start'));
  const tooLarge = () => {
    // Closing after the answer stops the rest of an oversized upload from being read at all.
    send(413, fail('too_large', 'request too large'), JSON_TYPE, { Connection: 'close' });
    res.once('finish', () => req.destroy());
  };
  if (Number(req.headers['content-length'] ?? 0) > maxBody) return tooLarge();
  const body = await readBody(req, maxBody);
  if (!body.ok) return body.why === 'too_large' ? tooLarge() : undefined; // an aborted client has no one to answer
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.bytes.toString('utf8'));
  } catch {
    return send(400, fail('bad_json', 'request body is not JSON'));
  }
  if (!isPlainObject(parsed)) return send(400, fail('bad_request', 'request body must be a JSON object'));
  const request: Request = {
    method: typeof parsed.method === 'string' ? parsed.method : '', // the dispatcher refuses unknown methods
    input: parsed.input,
    session: typeof parsed.session === 'string' ? parsed.session : null,
    lang: parsed.lang === 'en' ? 'en' : 'zh',
  };
  let envelope: Envelope;
  let answer: string;
  try {
    envelope = await service.invoke(request);
    answer = JSON.stringify(envelope);
  } catch (e) {
    console.error('safetynet host: the service failed on a request:', e);
    return send(500, fail('internal', 'internal error; the request was not completed'));
  }
  // A handler that threw is answered by the dispatcher with an `internal` envelope: the status says so too.
  send(!envelope.ok && envelope.error.code === 'internal' ? 500 : 200, answer);
}

/** Uploads (POST, with the token, no larger than their ticket) and downloads (GET, by their one-time id): ./transfers.ts. */
async function handleTransfer(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  send: Send,
  folder: TransferFolder,
  t: { kind: 'upload' | 'download'; id: string },
  token: string,
) {
  if (crossSite(req)) return send(403, fail('bad_origin', 'cross-origin calls are refused'));
  if (t.kind === 'download') {
    if (req.method !== 'GET') return send(405, fail('method_not_allowed', 'GET only'), JSON_TYPE, { Allow: 'GET' });
    return handleDownload(res, send, folder, t.id);
  }
  if (req.method !== 'POST') return send(405, fail('method_not_allowed', 'POST only'), JSON_TYPE, { Allow: 'POST' });
  if (!tokenMatches(req.headers['x-safetynet-token'], token))
    return send(401, fail('bad_token', 'missing or wrong host token; open the address printed at start'));
  if (Number(req.headers['content-length'] ?? MAX_UPLOAD_BYTES + 1) > MAX_UPLOAD_BYTES)
    return send(413, fail('too_large', 'an upload needs its length, at most 2 GB'), JSON_TYPE, { Connection: 'close' });
  return handleUpload(req, send, folder, t.id);
}

async function handleStatic(req: http.IncomingMessage, send: Send, encodedPath: string, staticDir: string | undefined) {
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return send(405, 'method not allowed', 'text/plain; charset=utf-8', { Allow: 'GET, HEAD' });
  if (!staticDir) return send(404, 'no renderer build', 'text/plain; charset=utf-8');
  const root = path.resolve(staticDir);
  const mapped = staticFile(root, encodedPath);
  if (!mapped.ok) return send(mapped.status, mapped.reason, 'text/plain; charset=utf-8');
  const served = await resolveServed(root, mapped.file);
  if (!served.ok) return send(served.status, served.reason, 'text/plain; charset=utf-8');
  const bytes = await fs.promises.readFile(served.real);
  const immutable = served.rel.startsWith(`assets${path.sep}`); // hashed file names (electron-vite)
  const type = TYPES[path.extname(served.real)] ?? 'application/octet-stream';
  send(200, req.method === 'HEAD' ? '' : bytes, type, {
    'Cache-Control': immutable ? 'max-age=31536000, immutable' : 'no-cache',
    'Content-Length': String(bytes.length),
  });
}

export function startHost(service: Service, opts: HostOptions = {}): Promise<RunningHost> {
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  const maxBody = opts.maxBodyBytes ?? 20 * 1024 * 1024;
  let port = 0;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const send: Send = (status, body, type = JSON_TYPE, extra = {}) => {
      if (res.headersSent || res.destroyed) return;
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...SECURITY_HEADERS, ...extra });
      res.end(body);
    };
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(421, fail('bad_host', 'wrong Host header'));
    const target = requestPath(req.url);
    if (!target.ok) return send(target.status, fail('bad_request', target.reason));
    if (target.path === '/api') return handleApi(req, res, send, service, token, maxBody);
    const transfer = transferRoute(target.path);
    if (transfer && opts.transfer) return handleTransfer(req, res, send, opts.transfer, transfer, token);
    return handleStatic(req, send, target.path, opts.staticDir);
  }

  const server = http.createServer((req, res) => {
    res.on('error', () => {}); // a client gone mid-answer is not the host's failure
    handle(req, res).catch((e: unknown) => {
      console.error('safetynet host: a request failed:', e);
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
        res.end(fail('internal', 'internal error'));
      } else res.destroy();
    });
  });
  // Requests Node cannot parse (bad request line, headers too large) get a plain answer, never an exception.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      // From here on an error of the listening socket is logged; a startup error (port taken) above still fails the start.
      server.on('error', (e) => console.error('safetynet host: server error:', e));
      const releaseGuard = installCrashGuard();
      port = (server.address() as { port: number }).port;
      const url = `http://127.0.0.1:${port}`;
      resolve({
        url,
        port,
        token,
        openUrl: `${url}/#token=${token}`,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(() => {
              releaseGuard();
              r();
            });
          }),
      });
    });
  });
}
