/**
 * The built main bundle (out/main/index.js, `npm run build`) booted under Node with a stand-in
 * `electron` (tests/unit/shell/fixtures): the hardening survives bundling, the page and preload
 * it names exist, and the IPC handler answers only the app's own main frame. Skipped when the
 * bundle is not built (`npm test` builds it first).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../fixtures/builders';
import { ROOT } from '../../fixtures/paths';

const BUNDLE = path.join(ROOT, 'out', 'main', 'index.js');
const REGISTER = path.join(ROOT, 'tests', 'unit', 'shell', 'fixtures', 'register-electron.mjs');

function bootBundle(env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['--import', REGISTER, BUNDLE], {
    cwd: ROOT,
    env: { ...process.env, ELECTRON_RENDERER_URL: '', STANDIN_USERDATA: tempDir(), ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`the bundle did not report (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(line.slice('RESULT '.length));
}

describe('built main bundle under a stand-in electron', () => {
  // npm test builds first; run `npm run build` before running this file alone.
  it('exists', () => expect(fs.existsSync(BUNDLE), `no built main bundle at ${BUNDLE}: run npm run build first`).toBe(true));

  it('opens the built page with the hardened window, answers only its own main frame', () => {
    // Packaged, with a dev-server address planted in the environment: still the built page.
    const r = bootBundle({ STANDIN_PACKAGED: '1', ELECTRON_RENDERER_URL: 'http://127.0.0.1:9/evil' });
    expect(r.error).toBeUndefined();
    expect(r).toMatchObject({
      lockRequested: true,
      sandboxEnabled: true,
      quit: false,
      csp: true,
      mediaGranted: false,
      checkGranted: false,
    });
    expect(r.loaded).toEqual({ file: path.join(ROOT, 'out', 'renderer', 'index.html'), exists: true });
    expect(r.windows[0]).toMatchObject({
      preloadExists: true,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, devTools: false },
    });
    expect(r.navigation).toEqual({ passwd: false, web: false, ownIndex: true, windowOpen: 'deny' });
    expect(r.ipc.own).toMatchObject({ ok: true, value: { needsSetup: true } });
    expect(r.ipc.foreign).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(r.ipc.subframe).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('a second instance quits before opening anything', () => {
    const r = bootBundle({ STANDIN_LOCK: '0' });
    expect(r).toMatchObject({ lockRequested: true, quit: true, windows: [] });
    expect(r.loaded).toBeUndefined();
  });
});
