import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startHost, type RunningHost } from '../../../src-main/host/http-host';
import { crashGuardInstalled } from '../../../src-main/host/crash-guard';
import { createService, HANDLERS } from '../../../src-main/api/service';
import { CSP } from '../../../src-main/shell/csp';
import { emptyDatabase, tempDir } from '../../fixtures/builders';
import { raw, request } from './clients';

let host: RunningHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

async function start() {
  const { store } = await emptyDatabase();
  const staticDir = tempDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<html>app</html>');
  host = await startHost(createService(store), { staticDir });
  return host;
}

describe('loopback host', () => {
  it('binds 127.0.0.1 and answers the contract with the token', async () => {
    const h = await start();
    expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const r = await request(h.port, {
      headers: { host: `127.0.0.1:${h.port}`, 'x-safetynet-token': h.token, 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'app.status', input: {} }),
    });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { needsSetup: true } });
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a missing or wrong token, a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    const h = await start();
    const body = JSON.stringify({ method: 'app.status', input: {} });
    const host = `127.0.0.1:${h.port}`;
    expect((await request(h.port, { headers: { host }, body })).status).toBe(401);
    expect((await request(h.port, { headers: { host, 'x-safetynet-token': 'x'.repeat(h.token.length) }, body })).status).toBe(401);
    expect((await request(h.port, { headers: { host, 'x-safetynet-token': h.token.slice(1) }, body })).status).toBe(401);
    expect((await request(h.port, { headers: { host: `evil.example:${h.port}`, 'x-safetynet-token': h.token }, body })).status).toBe(421);
    expect((await request(h.port, { headers: { host, origin: 'http://evil.example', 'x-safetynet-token': h.token }, body })).status).toBe(
      403,
    );
    expect((await request(h.port, { headers: { host, origin: 'null', 'x-safetynet-token': h.token }, body })).status).toBe(403);
    const crossSite = await request(h.port, { headers: { host, 'sec-fetch-site': 'cross-site', 'x-safetynet-token': h.token }, body });
    expect(crossSite.status).toBe(403);
    const sameOrigin = { host, origin: `http://${host}`, 'sec-fetch-site': 'same-origin', 'x-safetynet-token': h.token };
    expect((await request(h.port, { headers: sameOrigin, body })).status).toBe(200);
  });

  it('answers bad JSON, a body that is not an object and unknown methods with an error envelope', async () => {
    const h = await start();
    const headers = { host: `127.0.0.1:${h.port}`, 'x-safetynet-token': h.token };
    const bad = await request(h.port, { headers, body: '{nope' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'bad_json' } });
    for (const body of ['[]', 'null', '"app.status"', '42']) {
      const r = await request(h.port, { headers, body });
      expect(r.status).toBe(400);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    expect(JSON.parse((await request(h.port, { headers, body: JSON.stringify({ method: 'x.y' }) })).body)).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    expect((await request(h.port, { method: 'GET', headers })).status).toBe(405);
  });

  it('serves the renderer with the app CSP, nosniff and no referrer; API answers are never cached', async () => {
    const h = await start();
    const r = await request(h.port, { method: 'GET', path: '/', headers: { host: `localhost:${h.port}` } });
    expect(r.status).toBe(200);
    expect(r.body).toContain('app');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(CSP);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    const api = await request(h.port, {
      headers: { host: `127.0.0.1:${h.port}`, 'x-safetynet-token': h.token },
      body: JSON.stringify({ method: 'app.status', input: {} }),
    });
    expect(api.headers['cache-control']).toBe('no-store');
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['referrer-policy']).toBe('no-referrer');
    const refused = await request(h.port, { headers: { host: `127.0.0.1:${h.port}` }, body: '{}' });
    expect(refused.headers['cache-control']).toBe('no-store');
    const escape = await request(h.port, { method: 'GET', path: '/../../etc/passwd', headers: { host: `127.0.0.1:${h.port}` } });
    expect(escape.body).not.toContain('root:');
  });

  it('answers 413 to a 50 MB body, declared or streamed, and goes on serving', async () => {
    const h = await start();
    const head = (extra: string) =>
      `POST /api HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nX-Safetynet-Token: ${h.token}\r\nContent-Type: application/json\r\n${extra}\r\n`;
    const fifty = Buffer.alloc(50 * 1024 * 1024, 0x20);
    const declared = await raw(h.port, head(`Content-Length: ${fifty.length}\r\n`), fifty);
    expect(declared.status).toBe(413);
    expect(declared.text).toContain('too_large');
    // Chunked: no length to refuse up front; the host counts as it reads and stops at the limit.
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const chunked = Buffer.concat(
      Array.from({ length: 50 }, () => Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')])),
    );
    const streamed = await raw(h.port, head('Transfer-Encoding: chunked\r\n'), Buffer.concat([chunked, Buffer.from('0\r\n\r\n')]));
    expect(streamed.status).toBe(413);
    const next = await request(h.port, {
      headers: { host: `127.0.0.1:${h.port}`, 'x-safetynet-token': h.token },
      body: JSON.stringify({ method: 'app.status', input: {} }),
    });
    expect(next.status).toBe(200);
  });

  it('guards the process only while a host listens, and a startup error still fails the start', async () => {
    expect(crashGuardInstalled()).toBe(false);
    const h = await start();
    expect(crashGuardInstalled()).toBe(true);
    const { store } = await emptyDatabase();
    await expect(startHost(createService(store), { port: h.port })).rejects.toThrow(/EADDRINUSE/);
    await h.close();
    host = null;
    expect(crashGuardInstalled()).toBe(false);
  });
});

describe('loopback host with the real dispatcher', () => {
  it('answers 500 with the envelope when a contract handler throws, and serves the next call', async () => {
    const h = await start();
    const original = HANDLERS['app.status'];
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    HANDLERS['app.status'] = () => {
      throw new Error('disk on fire');
    };
    const call = () =>
      request(h.port, {
        headers: { host: `127.0.0.1:${h.port}`, 'x-safetynet-token': h.token },
        body: JSON.stringify({ method: 'app.status', input: {}, lang: 'en' }),
      });
    try {
      const r = await call();
      expect(r.status).toBe(500);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'internal' } });
    } finally {
      HANDLERS['app.status'] = original;
      log.mockRestore();
    }
    expect((await call()).status).toBe(200);
  });
});
