/**
 * The Electron shell and the database key (docs/security.md), booted against a stand-in
 * `electron`: a new store's key goes under the OS's protection; without it the key file is used
 * and the log says so once; a database copied from another computer makes every call answer
 * `db_key_required` until its recovery key is typed, which then opens it and is kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL } from '../../../src-main/shell/channel';
import { protectedKeyFileOf } from '../../../src-main/shell/key-storage';
import { DB_FILE_NAME } from '../../../src-main/shared/data-dir';
import { fileKeyKeeper, keyFileOf } from '../../../src-main/db/keys';
import { openStore } from '../../../src-main/db/open';
import { tempDir } from '../../fixtures/builders';
import { ROOT } from '../../fixtures/paths';
import type { FakeElectron } from './fake-electron';

const fake: FakeElectron = await vi.hoisted(async () => (await import('./fake-electron')).fakeElectron());
vi.mock('electron', () => fake.module);

const INDEX_URL = pathToFileURL(path.join(ROOT, 'src-main', '..', 'renderer', 'index.html')).href;
const fromApp = { senderFrame: { url: INDEX_URL, parent: null } };

async function boot(userData: string, setup: (s: FakeElectron['state']) => void = () => {}) {
  vi.resetModules();
  delete process.env.ELECTRON_RENDERER_URL;
  delete process.env.SAFETYNET_DB_KEY;
  fake.reset(userData);
  setup(fake.state);
  await (
    await import('../../../src-main/index')
  ).started;
  const handler = fake.state.ipcHandlers[IPC_CHANNEL];
  return (method: string, input: unknown = {}) => handler(fromApp, { method, input, lang: 'en' });
}

afterEach(async () => {
  await Promise.all(fake.emit('window-all-closed'));
  vi.restoreAllMocks();
});

describe('the shell keeps the database key', () => {
  it('under the OS protection: a new store gets a protected key file and no key in clear', async () => {
    const dir = tempDir();
    const call = await boot(dir);
    expect(await call('app.status')).toMatchObject({ ok: true, value: { needsSetup: true } });
    const db = path.join(dir, DB_FILE_NAME);
    expect(fs.existsSync(protectedKeyFileOf(db))).toBe(true);
    expect(fs.existsSync(keyFileOf(db))).toBe(false);
    expect(fs.readFileSync(db).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(fake.module.safeStorage.encryptString).toHaveBeenCalledTimes(1);
  });

  it('in the user-only key file, said once in the log, when the OS offers no protection', async () => {
    const dir = tempDir();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const call = await boot(dir, (s) => (s.safeStorage.available = false));
    expect(await call('app.status')).toMatchObject({ ok: true });
    const db = path.join(dir, DB_FILE_NAME);
    expect(fs.existsSync(keyFileOf(db))).toBe(true);
    expect(fs.existsSync(protectedKeyFileOf(db))).toBe(false);
    expect(warn.mock.calls.filter((c) => String(c[0]).includes('no protected key storage'))).toHaveLength(1);
  });

  it('asks for the recovery key of a database copied from another computer, and keeps it once it opens the store', async () => {
    // Made elsewhere (its key file stays there), copied into this computer's data folder.
    const elsewhere = path.join(tempDir(), DB_FILE_NAME);
    await (await openStore(elsewhere)).close();
    const recovery = fileKeyKeeper(elsewhere).load()!;
    const dir = tempDir();
    const db = path.join(dir, DB_FILE_NAME);
    fs.copyFileSync(elsewhere, db);
    const call = await boot(dir);
    expect(fake.module.dialog.showErrorBox).not.toHaveBeenCalled();
    expect(fake.state.windows).toHaveLength(1);
    expect(await call('app.status')).toMatchObject({ ok: false, error: { code: 'db_key_required' } });
    expect(await call('store.unlock', { recoveryKey: 'ZZZZZZ-ZZZZZZ-ZZZZZZ-ZZZZZZ-ZZZZZZ-ZZZZZZ' })).toMatchObject({
      ok: false,
      error: { code: 'recovery_key_wrong', field: 'recoveryKey' },
    });
    expect(fs.existsSync(protectedKeyFileOf(db))).toBe(false);
    expect(await call('store.unlock', { recoveryKey: recovery })).toEqual({ ok: true, value: { ok: true } });
    expect(await call('app.status')).toMatchObject({ ok: true, value: { needsSetup: true } });
    expect(fs.existsSync(protectedKeyFileOf(db))).toBe(true);
    await Promise.all(fake.emit('window-all-closed'));
    // The next start opens it without asking.
    const again = await boot(dir);
    expect(await again('app.status')).toMatchObject({ ok: true });
  });
});
