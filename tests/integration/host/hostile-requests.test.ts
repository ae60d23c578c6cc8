/**
 * What an attacker on the same machine sent to the loopback host (issue "Trustworthy with the
 * county's most sensitive data", item 5): each request is answered and the host goes on serving.
 * Raw sockets send the request targets byte for byte, as no HTTP client would.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startHost, type RunningHost } from '../../../src-main/host/http-host';
import type { Service } from '../../../src-main/api/service';
import type { Envelope, Request } from '../../../src-main/contract';
import { tempDir } from '../../fixtures/builders';
import { raw, rawGet, request } from './clients';

let host: RunningHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

/** A county folder with the renderer and, beside it, a folder whose name starts the same. */
function folders() {
  const base = tempDir();
  const renderer = path.join(base, 'renderer');
  const secret = path.join(base, 'renderer-secret');
  fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  fs.mkdirSync(secret);
  fs.writeFileSync(path.join(renderer, 'index.html'), '<html>app</html>');
  fs.writeFileSync(path.join(renderer, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(secret, 'secret.txt'), 'ID 130123199001011234 income 0');
  return { base, renderer, secret };
}

const okService: Service = { invoke: async (req) => ({ ok: true, value: req.method }) };

async function start(service: Service = okService) {
  const f = folders();
  host = await startHost(service, { staticDir: f.renderer });
  return { h: host, ...f };
}

async function stillServes(h: RunningHost) {
  const page = await request(h.port, { method: 'GET', path: '/', headers: { host: `127.0.0.1:${h.port}` } });
  expect(page.status).toBe(200);
  expect(page.body).toBe('<html>app</html>');
}

describe('the loopback host never dies on a request', () => {
  it.each([
    ['/%', 400, '/%'],
    ['/%C0', 400, '/%C0'],
    ['/%E4%B8 (cut UTF-8)', 400, '/%E4%B8'],
    ['/%00index.html', 400, '/%00index.html'],
    ['http://[zz/ (absolute-form, bad)', 400, 'http://[zz/'],
    ['http://127.0.0.1/index.html (absolute-form)', 400, 'http://127.0.0.1/index.html'],
    ['*', 400, '*'],
    ['a 5,000-character path', 414, '/' + 'a'.repeat(5000)],
  ])('GET %s answers %i and the next request is served', async (_label, status, target) => {
    const { h } = await start();
    expect((await raw(h.port, rawGet(h.port, target))).status).toBe(status);
    await stillServes(h);
  });

  it('OPTIONS * and a request line Node cannot parse are answered, not fatal', async () => {
    const { h } = await start();
    expect((await raw(h.port, rawGet(h.port, '*', 'OPTIONS'))).status).toBe(400);
    expect((await raw(h.port, 'GET /\x01 HTTP/1.1\r\n\r\n')).status).toBe(400);
    expect((await raw(h.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`)).status).toBe(431);
    await stillServes(h);
  });

  it('never reads a file outside the renderer folder: encoded separators, backslashes, dot segments', async () => {
    const { h } = await start();
    for (const target of [
      '/..%2frenderer-secret%2fsecret.txt',
      '/..%2Frenderer-secret%2Fsecret.txt',
      '/..%5crenderer-secret%5csecret.txt',
      '/..\\renderer-secret\\secret.txt',
      '/%2e%2e/renderer-secret/secret.txt',
      '/../renderer-secret/secret.txt',
      '/assets/../../renderer-secret/secret.txt',
      '/assets/..%2f..%2frenderer-secret%2fsecret.txt',
      '/C:%5cWindows%5cwin.ini',
    ]) {
      const r = await raw(h.port, rawGet(h.port, target));
      expect(r.status, target).toBe(403);
      expect(r.text, target).not.toContain('130123199001011234');
    }
    // Inside the folder, encoded or not, files are served with their type.
    const js = await raw(h.port, rawGet(h.port, '/assets%2findex-abc.js'));
    expect(js.status).toBe(200);
    expect(js.text).toContain('Content-Type: text/javascript; charset=utf-8');
    expect(js.text).toContain('immutable');
  });

  it('refuses a symlink that leads outside the folder and lists no directory', async () => {
    const { h, renderer, secret } = await start();
    fs.symlinkSync(path.join(secret, 'secret.txt'), path.join(renderer, 'leak.txt'));
    fs.symlinkSync(secret, path.join(renderer, 'leakdir'));
    fs.symlinkSync(path.join(renderer, 'assets', 'index-abc.js'), path.join(renderer, 'inside.js'));
    for (const target of ['/leak.txt', '/leakdir/secret.txt']) {
      const r = await raw(h.port, rawGet(h.port, target));
      expect(r.status, target).toBe(403);
      expect(r.text).not.toContain('130123199001011234');
    }
    expect((await raw(h.port, rawGet(h.port, '/inside.js'))).status).toBe(200);
    for (const dir of ['/assets/', '/assets', '/leakdir/']) {
      const r = await raw(h.port, rawGet(h.port, dir));
      expect(r.text, dir).not.toContain('index-abc.js');
      expect(r.text, dir).not.toContain('secret.txt');
    }
    expect((await raw(h.port, rawGet(h.port, '/missing.js'))).status).toBe(404);
  });

  it('answers 500 when the service throws or rejects, and serves the next call', async () => {
    const service: Service = {
      invoke: vi.fn(async (req: Request): Promise<Envelope> => {
        if (req.method === 'throws') throw new Error('boom');
        if (req.method === 'rejects') return Promise.reject(new TypeError('bad'));
        return { ok: true, value: 'fine' };
      }),
    };
    const { h } = await start(service);
    const call = (method: string) =>
      request(h.port, { headers: { host: `127.0.0.1:${h.port}`, 'x-safetynet-token': h.token }, body: JSON.stringify({ method }) });
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const m of ['throws', 'rejects']) {
      const r = await call(m);
      expect(r.status).toBe(500);
      expect(JSON.parse(r.body)).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) } });
      expect(r.body).not.toContain('boom');
    }
    expect(log).toHaveBeenCalledTimes(2);
    log.mockRestore();
    expect(JSON.parse((await call('app.status')).body)).toEqual({ ok: true, value: 'fine' });
  });

  it('survives a client that hangs up in the middle of an upload', async () => {
    const service: Service = { invoke: vi.fn(async (): Promise<Envelope> => ({ ok: true, value: 1 })) };
    const { h } = await start(service);
    await new Promise<void>((resolve) => {
      const s = net.connect(h.port, '127.0.0.1', () => {
        s.write(
          `POST /api HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nX-Safetynet-Token: ${h.token}\r\nContent-Length: 1000000\r\n\r\n{"method":"imp`,
        );
        setTimeout(() => {
          s.destroy();
          resolve();
        }, 50);
      });
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(service.invoke).not.toHaveBeenCalled();
    await stillServes(h);
    const r = await request(h.port, { headers: { host: `127.0.0.1:${h.port}`, 'x-safetynet-token': h.token }, body: '{"method":"x"}' });
    expect(r.status).toBe(200);
  });
});
