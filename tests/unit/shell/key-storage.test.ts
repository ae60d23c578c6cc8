/**
 * Where the Electron app keeps the database key (src-main/shell/key-storage.ts, docs/security.md):
 * under the OS's protection (safeStorage) when it is offered, never in clear; the command line's
 * key file taken over; the user-only key file, said once, when the OS offers none (or only
 * Chromium's `basic_text`). Booted as the shell does it, against a stand-in electron.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../fixtures/builders';
import { fakeElectron } from './fake-electron';
import { shellKeyKeeper, protectedKeyFileOf } from '../../../src-main/shell/key-storage';
import { fileKeyKeeper, keyFileOf, newRecoveryKey } from '../../../src-main/db/keys';

const electron = fakeElectron();
const safe = electron.module.safeStorage;
const mode = (f: string) => fs.statSync(f).mode & 0o777;

afterEach(() => {
  electron.reset('');
  vi.restoreAllMocks();
});

describe('the key under the OS protection', () => {
  it('is kept encrypted by safeStorage, user-only, never in clear, and read back', () => {
    const db = path.join(tempDir(), 'safetynet.db');
    const log = vi.fn();
    const keeper = shellKeyKeeper(db, safe, log);
    expect(keeper).toMatchObject({ kind: 'os', where: protectedKeyFileOf(db), notice: null });
    expect(keeper.load()).toBeNull();
    const key = newRecoveryKey();
    keeper.save(key);
    const file = protectedKeyFileOf(db);
    expect(mode(file)).toBe(0o600);
    expect(fs.readFileSync(file).includes(Buffer.from(key))).toBe(false);
    expect(fs.existsSync(keyFileOf(db))).toBe(false);
    expect(shellKeyKeeper(db, safe, log).load()).toBe(key);
    expect(safe.encryptString).toHaveBeenCalledWith(key);
    expect(log).not.toHaveBeenCalled();
  });

  it('takes over the key file the command line made, and removes it', () => {
    const db = path.join(tempDir(), 'safetynet.db');
    const key = newRecoveryKey();
    fileKeyKeeper(db).save(key);
    expect(shellKeyKeeper(db, safe).load()).toBe(key);
    expect(fs.existsSync(keyFileOf(db))).toBe(false);
    expect(fs.existsSync(protectedKeyFileOf(db))).toBe(true);
    expect(shellKeyKeeper(db, safe).load()).toBe(key);
  });

  it("answers no key when the OS cannot decrypt it (another user's or machine's protection): the recovery key is asked for", () => {
    const db = path.join(tempDir(), 'safetynet.db');
    fs.writeFileSync(protectedKeyFileOf(db), 'protected elsewhere');
    expect(shellKeyKeeper(db, safe).load()).toBeNull();
  });

  it('falls back to the user-only key file, and says so once, when the OS offers no protection', () => {
    const db = path.join(tempDir(), 'safetynet.db');
    electron.state.safeStorage.available = false;
    const log = vi.fn();
    const keeper = shellKeyKeeper(db, safe, log);
    expect(keeper.kind).toBe('file');
    expect(keeper.where).toBe(keyFileOf(db));
    expect(keeper.notice?.en).toMatch(/no protected key storage/);
    expect(keeper.notice?.zh).toMatch(/不提供受保护的密钥存储/);
    expect(log).toHaveBeenCalledTimes(1);
    keeper.save('k');
    expect(mode(keyFileOf(db))).toBe(0o600);
    expect(safe.encryptString).not.toHaveBeenCalled();
  });

  it.runIf(process.platform === 'linux')("treats Linux's basic_text backend as no protection", () => {
    electron.state.safeStorage.backend = 'basic_text';
    const keeper = shellKeyKeeper(path.join(tempDir(), 'safetynet.db'), safe, () => {});
    expect(keeper.kind).toBe('file');
  });
});
