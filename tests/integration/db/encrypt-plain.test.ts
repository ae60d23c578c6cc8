/**
 * A database made before encryption is encrypted when it is opened (docs/security.md "A database
 * made before encryption"): once, audited, and safely — a process killed at any step of the
 * conversion leaves the plain file or the encrypted one whole, and the next open finishes the job.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { household, idFor, tempDir } from '../../fixtures/builders';
import { ROOT } from '../../fixtures/paths';
import { openStore } from '../../../src-main/db/open';
import { fileState } from '../../../src-main/db/encrypt';
import { fileKeyKeeper, keyFileOf } from '../../../src-main/db/keys';
import { openEncryptedStore } from '../../../src-main/security/store';
import { createService } from '../../../src-main/api/service';
import { verifyAudit } from '../../../src-main/audit/verify';
import { seedDemoOffice } from '../../../src-main/demo/seed';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

const ID = idFor('1949-10-01', 21, '130123');
const CHILD = path.join(ROOT, 'tests', 'integration', 'db', 'fixtures', 'convert-child.ts');
const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

/** A database as a build before encryption left it: plain, in WAL mode, with an office, a household and its audit rows. */
async function plainOffice(extraHouseholds = 0): Promise<string> {
  const file = path.join(tempDir(), 'safetynet.db');
  const store = await openStore(file, { plaintext: true });
  const service = createService(store, { seedDemo: (s, n) => seedDemoOffice(s, n) });
  const call = (method: string, input: unknown, session?: string) => service.invoke({ method, input, session, lang: 'en' });
  await call('setup.complete', {
    office: { name: '示范县民政局', county: '示范县', regionCode: '130123' },
    admin: { username: 'admin', displayName: '管理员', password: 'secret11' },
    // The first manager, who works on cases (the administrator has no business right: docs/security.md).
    manager: { username: 'director', displayName: '局长', password: 'initial11' },
    demo: extraHouseholds > 0,
    ...(extraHouseholds > 0 ? { demoHouseholds: extraHouseholds } : {}),
  });
  const login = await call('auth.login', { username: 'director', password: 'initial11' });
  if (!login.ok) throw new Error('login failed');
  const session = (login.value as { session: string }).session;
  // The wizard's password is an initial one, changed at the first login.
  const changed = await call('auth.changePassword', { current: 'initial11', next: 'office2026x' }, session);
  if (!changed.ok) throw new Error(changed.error.message);
  const h = household();
  h.members[0].idNumber = ID;
  const created = await call('households.create', { household: h }, session);
  if (!created.ok) throw new Error(created.error.message);
  await store.close();
  expect(fileState(file)).toBe('plain');
  return file;
}

const encrypts = (raw: BetterSqlite3.Database) =>
  (raw.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'encrypt' AND summary = 'database encrypted'`).get() as { n: number }).n;
const persons = (raw: BetterSqlite3.Database) =>
  (raw.prepare('SELECT count(*) AS n FROM members WHERE id_number = ?').get(ID) as { n: number }).n;

describe('a plain database is encrypted on open', () => {
  it('once, audited, with nothing lost and no ID number left in clear', async () => {
    const file = await plainOffice();
    expect(fs.readFileSync(file).includes(Buffer.from(ID))).toBe(true);
    const store = await openEncryptedStore(file);
    expect(fileState(file)).toBe('encrypted');
    expect(persons(store.raw)).toBe(1);
    expect(encrypts(store.raw)).toBe(1);
    const last = store.raw.prepare('SELECT action, username, after_json FROM audit_log ORDER BY seq DESC LIMIT 1').get();
    expect(last).toMatchObject({ action: 'encrypt', username: 'system' });
    expect(verifyAudit(store.raw).problems).toEqual([]);
    await store.close();
    for (const f of [file, `${file}-wal`]) if (fs.existsSync(f)) expect(fs.readFileSync(f).includes(Buffer.from(ID)), f).toBe(false);
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.includes('encrypting'))).toEqual([]);
    // Opened again: already encrypted, nothing more recorded.
    const again = await openEncryptedStore(file);
    expect(encrypts(again.raw)).toBe(1);
    await again.close();
  });

  it('is refused, unchanged, by an open that cannot record it', async () => {
    const file = await plainOffice();
    const before = sha(file);
    await expect(openStore(file)).rejects.toMatchObject({ code: 'db_not_encrypted' });
    expect(sha(file)).toBe(before);
    expect(fs.existsSync(keyFileOf(file))).toBe(false);
  });

  for (const step of ['folded', 'copied', 'encrypted', 'recorded', 'replaced'] as const) {
    it(`survives a kill after the step "${step}": the plain or the encrypted file is whole, and the next open finishes`, async () => {
      const file = await plainOffice();
      const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, file, step], { cwd: ROOT, encoding: 'utf8' });
      expect(r.signal).toBe('SIGKILL');
      const state = fileState(file);
      expect(state).toBe(step === 'replaced' ? 'encrypted' : 'plain');
      const key = fileKeyKeeper(file).load();
      expect(key).not.toBeNull();
      const store = await openEncryptedStore(file);
      expect(persons(store.raw)).toBe(1);
      expect(encrypts(store.raw)).toBe(1);
      expect(verifyAudit(store.raw).problems).toEqual([]);
      expect(store.key).toBe(key);
      await store.close();
      expect(fileState(file)).toBe('encrypted');
      expect(fs.readdirSync(path.dirname(file)).filter((f) => f.includes('encrypting'))).toEqual([]);
    });
  }

  it('survives kills at arbitrary moments of a larger conversion', async () => {
    const file = await plainOffice(3000);
    const pristine = path.join(path.dirname(file), 'pristine.db');
    fs.copyFileSync(file, pristine);
    const outcomes: string[] = [];
    for (const ms of [0, 30, 100, 200, 350, 500, 1000]) {
      fs.copyFileSync(pristine, file);
      for (const f of [`${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
      // Killed `ms` after the conversion began (or finished first): either way the database opens whole.
      const out = await new Promise<string>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, 'none'], { cwd: ROOT });
        let text = '';
        child.stdout.on('data', (b: Buffer) => {
          text += b.toString();
          if (text.includes('start')) setTimeout(() => child.kill('SIGKILL'), ms);
        });
        child.on('exit', (_code, signal) => resolve(signal ?? text.trim().split('\n').pop() ?? ''));
      });
      outcomes.push(`${ms} ms: ${fileState(file)} (${out})`);
      const store = await openEncryptedStore(file);
      expect(persons(store.raw)).toBe(1);
      expect(encrypts(store.raw)).toBe(1);
      expect(store.raw.pragma('integrity_check', { simple: true })).toBe('ok');
      await store.close();
    }
    // At least one kill landed inside the conversion (the plain file was still there afterwards).
    expect(
      outcomes.some((o) => o.includes('plain (SIGKILL)')),
      outcomes.join('; '),
    ).toBe(true);
    // Seeding 3,000 households and seven child processes: 14–17 s on a quiet machine, past 30 s on a loaded 2-core one.
  }, 180_000);
});
