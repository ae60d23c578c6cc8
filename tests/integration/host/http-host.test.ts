import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../../src-main/host/http-host';
import { createService } from '../../../src-main/api/service';
import { emptyDatabase, tempDir } from '../../fixtures/builders';

let host: RunningHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

function request(port: number, opts: { path?: string; method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
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
    expect((await request(h.port, { headers: { host: `127.0.0.1:${h.port}` }, body })).status).toBe(401);
    expect(
      (await request(h.port, { headers: { host: `127.0.0.1:${h.port}`, 'x-safetynet-token': 'x'.repeat(h.token.length) }, body })).status,
    ).toBe(401);
    expect((await request(h.port, { headers: { host: `evil.example:${h.port}`, 'x-safetynet-token': h.token }, body })).status).toBe(421);
    expect(
      (
        await request(h.port, {
          headers: { host: `127.0.0.1:${h.port}`, origin: 'http://evil.example', 'x-safetynet-token': h.token },
          body,
        })
      ).status,
    ).toBe(403);
  });

  it('answers bad JSON and unknown methods with an error envelope', async () => {
    const h = await start();
    const headers = { host: `127.0.0.1:${h.port}`, 'x-safetynet-token': h.token };
    expect(JSON.parse((await request(h.port, { headers, body: '{nope' })).body)).toMatchObject({ ok: false, error: { code: 'bad_json' } });
    expect(JSON.parse((await request(h.port, { headers, body: JSON.stringify({ method: 'x.y' }) })).body)).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
  });

  it('serves the renderer with a CSP and never outside its folder', async () => {
    const h = await start();
    const r = await request(h.port, { method: 'GET', path: '/', headers: { host: `localhost:${h.port}` } });
    expect(r.status).toBe(200);
    expect(r.body).toContain('app');
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    const escape = await request(h.port, { method: 'GET', path: '/../../etc/passwd', headers: { host: `127.0.0.1:${h.port}` } });
    expect(escape.body).not.toContain('root:');
  });
});
