/**
 * The store encrypted at rest (docs/security.md): no SQLite header and no ID number in clear in
 * the database or its WAL, user-only files, a wrong key refused with nothing written, a copied
 * database opened elsewhere only with its recovery key (library, command line).
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { adminService, household, idFor, tempDir } from '../../fixtures/builders';
import { CLI } from '../../fixtures/paths';
import { openStore } from '../../../src-main/db/open';
import { openConnection } from '../../../src-main/db/connection';
import { envKeyKeeper, fileKeyKeeper, keyFileOf, normalizeRecoveryKey } from '../../../src-main/db/keys';

const ID = idFor('1958-07-21', 77, '130123');
const mode = (f: string) => fs.statSync(f).mode & 0o777;
const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
/** The file's bytes, and the same read as UTF-16 would not matter: SQLite stores TEXT as UTF-8 here. */
const holds = (f: string, text: string) => fs.existsSync(f) && fs.readFileSync(f).includes(Buffer.from(text, 'utf8'));

async function officeWithKnownPerson() {
  const s = await adminService();
  const h = household();
  h.members[0].idNumber = ID;
  await s.api.value('households.create', { household: h });
  return s;
}

describe('the encrypted store', () => {
  it('writes no SQLite header and no ID number in clear, in the database or its WAL; every file user-only', async () => {
    const s = await officeWithKnownPerson();
    // While open: the household is in the WAL (not yet checkpointed) and in the database's pages.
    expect(fs.existsSync(`${s.file}-wal`)).toBe(true);
    for (const f of [s.file, `${s.file}-wal`]) {
      expect(fs.readFileSync(f).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
      expect(holds(f, ID), `${path.basename(f)} holds the ID number in clear`).toBe(false);
      expect(holds(f, '王建国')).toBe(false);
    }
    for (const f of [s.file, `${s.file}-wal`, `${s.file}-shm`, keyFileOf(s.file)]) expect(mode(f), path.basename(f)).toBe(0o600);
    expect(mode(path.dirname(s.file)) & 0o077).toBe(0);
    // SQLite's temporary files (sorts, statement journals) are not encrypted by the cipher: they stay in memory.
    expect(s.store.raw.pragma('temp_store', { simple: true })).toBe(2);
    await s.store.close();
    expect(holds(s.file, ID)).toBe(false);
    // The household is there for whoever has the key.
    const again = await openStore(s.file);
    expect(again.raw.prepare('SELECT count(*) AS n FROM members WHERE id_number = ?').get(ID)).toEqual({ n: 1 });
    await again.close();
  });

  it('refuses a wrong key with a clear message and writes nothing', async () => {
    const s = await officeWithKnownPerson();
    await s.store.close();
    const before = sha(s.file);
    const files = fs.readdirSync(path.dirname(s.file)).sort();
    await expect(openStore(s.file, { keys: envKeyKeeper('not-the-key') })).rejects.toMatchObject({
      code: 'db_key_wrong',
      message: /SAFETYNET_DB_KEY does not open this database.*Nothing was changed/,
    });
    expect(() => openConnection(s.file, 'not-the-key')).toThrow(/wrong key/);
    expect(sha(s.file)).toBe(before);
    expect(fs.readdirSync(path.dirname(s.file)).sort()).toEqual(files);
  });

  it('a copied database opens on another computer only with its recovery key, typed as printed or loosely', async () => {
    const s = await officeWithKnownPerson();
    await s.store.close();
    const recovery = fileKeyKeeper(s.file).load()!;
    expect(recovery).toMatch(/^([0-9A-HJKMNP-TV-Z]{6}-){5}[0-9A-HJKMNP-TV-Z]{6}$/);
    const elsewhere = path.join(tempDir(), 'safetynet.db');
    fs.copyFileSync(s.file, elsewhere);
    const before = sha(elsewhere);
    // No key here: refused, and nothing made (no key file, no WAL).
    await expect(openStore(elsewhere)).rejects.toMatchObject({ code: 'db_key_required', field: 'recoveryKey' });
    // A wrong recovery key: refused next to the field, nothing written.
    const wrong = recovery.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    await expect(openStore(elsewhere, { key: wrong })).rejects.toMatchObject({ code: 'recovery_key_wrong', field: 'recoveryKey' });
    expect(fs.readdirSync(path.dirname(elsewhere))).toEqual(['safetynet.db']);
    expect(sha(elsewhere)).toBe(before);
    // The right one, typed in lower case without dashes and with an O for a 0: opens, and is kept here from now on.
    const typed = recovery.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o');
    expect(normalizeRecoveryKey(typed)).toBe(recovery);
    const opened = await openStore(elsewhere, { key: typed });
    expect(opened.raw.prepare('SELECT count(*) AS n FROM members WHERE id_number = ?').get(ID)).toEqual({ n: 1 });
    await opened.close();
    expect(fileKeyKeeper(elsewhere).load()).toBe(recovery);
    expect(mode(keyFileOf(elsewhere))).toBe(0o600);
    await (await openStore(elsewhere)).close();
  });

  it('the command line opens a copy with SAFETYNET_DB_KEY = the recovery key, and refuses another', async () => {
    const s = await officeWithKnownPerson();
    await s.store.close();
    const recovery = fileKeyKeeper(s.file).load()!;
    const elsewhere = path.join(tempDir(), 'copy.db');
    fs.copyFileSync(s.file, elsewhere);
    const cli = (env: Record<string, string>) =>
      spawnSync(process.execPath, [CLI, 'household', 'export', '--db', elsewhere, '--id', '1'], {
        encoding: 'utf8',
        env: { ...process.env, ...env },
      });
    const none = cli({});
    expect(none.status).toBe(1);
    expect(JSON.parse(none.stderr)).toMatchObject({ error: { code: 'db_key_required' } });
    const bad = cli({ SAFETYNET_DB_KEY: 'nope' });
    expect(JSON.parse(bad.stderr)).toMatchObject({ error: { code: 'db_key_wrong' } });
    expect(bad.stderr).not.toContain('nope');
    const good = cli({ SAFETYNET_DB_KEY: recovery });
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toContain(ID);
    // The operator's key is used as given and kept nowhere.
    expect(fs.existsSync(keyFileOf(elsewhere))).toBe(false);
  });

  it('SAFETYNET_DB_KEY is the passphrase of a new store, and the same library opens the file with it', async () => {
    const file = path.join(tempDir(), 'env.db');
    const store = await openStore(file, { keys: envKeyKeeper('an operator’s passphrase') });
    await store.close();
    expect(fs.existsSync(keyFileOf(file))).toBe(false);
    // What an operator does by hand: PRAGMA key with the passphrase, the library's default cipher.
    const { default: Database } = await import('better-sqlite3-multiple-ciphers');
    const raw = new Database(file);
    raw.pragma(`key='an operator’s passphrase'`);
    expect(raw.pragma('cipher', { simple: true })).toBe('chacha20');
    expect(raw.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'households'`).get()).toEqual({ n: 1 });
    raw.close();
  });

  it('opens a plaintext store only when asked to (benchmarks), and never an encrypted one without its key', async () => {
    const file = path.join(tempDir(), 'plain.db');
    const plain = await openStore(file, { plaintext: true });
    expect(plain.key).toBeNull();
    await plain.close();
    expect(fs.readFileSync(file).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    expect(fs.existsSync(keyFileOf(file))).toBe(false);
    const s = await adminService();
    await s.store.close();
    await expect(openStore(s.file, { plaintext: true })).rejects.toMatchObject({ code: 'db_key_wrong' });
  });
});
