/**
 * The loopback HTTP host: the same service map as Electron IPC, for browsers on this
 * machine, the e2e tests and any workstation without an Electron binary.
 * 127.0.0.1 only; a random token per start on every API call; the Host header must name
 * this loopback address (DNS rebinding); no CORS headers, so other origins cannot read.
 */
import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Service } from '../api/service';

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
}

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  /** The address to open in a browser: the token travels in the fragment, never to a server log. */
  openUrl: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
};

export function startHost(service: Service, opts: HostOptions = {}): Promise<RunningHost> {
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  const maxBody = opts.maxBodyBytes ?? 20 * 1024 * 1024;
  let port = 0;

  const server = http.createServer((req, res) => {
    const send = (status: number, body: string | Buffer, type = 'application/json; charset=utf-8', extra: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...SECURITY_HEADERS, ...extra });
      res.end(body);
    };
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`)
      return send(421, JSON.stringify({ ok: false, error: { code: 'bad_host', message: 'wrong Host header' } }));
    const url = new URL(req.url ?? '/', `http://${host}`);

    if (url.pathname === '/api') {
      if (req.method !== 'POST')
        return send(405, JSON.stringify({ ok: false, error: { code: 'method_not_allowed', message: 'POST only' } }));
      const origin = req.headers.origin;
      if (origin && origin !== `http://${host}`)
        return send(403, JSON.stringify({ ok: false, error: { code: 'bad_origin', message: 'cross-origin calls are refused' } }));
      const given = req.headers['x-safetynet-token'];
      if (typeof given !== 'string' || given.length !== token.length || !crypto.timingSafeEqual(Buffer.from(given), Buffer.from(token))) {
        return send(
          401,
          JSON.stringify({
            ok: false,
            error: { code: 'bad_token', message: 'missing or wrong host token; open the address printed at start' },
          }),
        );
      }
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBody) {
          send(413, JSON.stringify({ ok: false, error: { code: 'too_large', message: 'request too large' } }));
          req.destroy();
          return;
        }
        chunks.push(c);
      });
      req.on('end', async () => {
        if (res.headersSent) return;
        let body: any;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return send(400, JSON.stringify({ ok: false, error: { code: 'bad_json', message: 'request body is not JSON' } }));
        }
        const env = await service.invoke({ method: body?.method, input: body?.input, session: body?.session ?? null, lang: body?.lang });
        send(200, JSON.stringify(env));
      });
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed', 'text/plain');
    if (!opts.staticDir) return send(404, 'no renderer build', 'text/plain');
    const root = path.resolve(opts.staticDir);
    let file = path.resolve(root, '.' + decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) return send(403, 'forbidden', 'text/plain');
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
    if (!fs.existsSync(file)) return send(404, 'renderer not built: run `npm run build`', 'text/plain');
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    send(
      200,
      fs.readFileSync(file),
      type,
      file.includes(`${path.sep}assets${path.sep}`) ? { 'Cache-Control': 'max-age=31536000, immutable' } : {},
    );
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
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
            server.close(() => r());
          }),
      });
    });
  });
}
