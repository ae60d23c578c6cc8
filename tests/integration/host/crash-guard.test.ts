import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../../fixtures/paths';
import { request } from './clients';

let child: ReturnType<typeof spawn> | null = null;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGTERM');
  child = null;
});

describe('the host process guard', () => {
  it('logs an exception that escapes a request path and goes on serving (in its own process)', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/integration/host/fixtures/escaping-host.ts')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    const { port, token } = await new Promise<{ port: number; token: string }>((resolve, reject) => {
      child!.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve(JSON.parse(line));
      });
      child!.on('exit', (code) => reject(new Error(`host exited with ${code}: ${err}`)));
    });
    const call = (method: string) =>
      request(port, { headers: { host: `127.0.0.1:${port}`, 'x-safetynet-token': token }, body: JSON.stringify({ method }) });
    expect((await call('escape')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    const next = await call('still.here');
    expect(next.status).toBe(200);
    expect(JSON.parse(next.body)).toEqual({ ok: true, value: 'still.here' });
    expect(child.exitCode).toBeNull();
    expect(err).toContain('thrown outside the request path');
    expect(err).toContain('rejected outside the request path');
  });
});
