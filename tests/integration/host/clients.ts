/**
 * Two clients for the loopback host's tests: node:http for ordinary calls, and a raw socket for
 * what an HTTP client would normalise or refuse to send (`GET /%`, `GET http://[zz/`, `/../`).
 */
import http from 'node:http';
import net from 'node:net';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function request(port: number, opts: { path?: string; method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: opts.path ?? '/api', method: opts.method ?? 'POST', headers: opts.headers },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

/** Sends `head` (and `body`) as is on a fresh socket and returns the status line's code and the rest, once the host closes. */
export function raw(port: number, head: string, body: Buffer | string = ''): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('latin1');
    // A host that neither answers nor closes (a dead request handler) fails the test instead of hanging it.
    socket.setTimeout(5000, () => socket.destroy());
    socket.on('data', (c: string) => (text += c));
    socket.on('error', (e: NodeJS.ErrnoException) => {
      // The host may close an oversized upload before it is all sent; what it answered first counts.
      if (text) resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text });
      else reject(e);
    });
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text }));
    socket.write(head);
    if (body.length) socket.write(body);
  });
}

/** A GET request line and headers as a raw string, the target sent byte for byte. */
export const rawGet = (port: number, target: string, method = 'GET') =>
  `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`;
