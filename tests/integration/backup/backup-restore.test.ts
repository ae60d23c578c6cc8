/**
 * Backups of the encrypted store (docs/security.md "Backups", "Restore and the audit log"): the
 * package and the database in it stay encrypted (the database by the backup's passphrase, never
 * by this computer's key), user-only, with the audit head in the manifest; a restore onto another
 * computer re-keys to that computer's key; restoring an older backup keeps the audit rows written
 * after it and is itself audited.
 */
import fs from 'node:fs';
import { z } from 'zod';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adminService, household, idFor, OFFICE_PASSWORDS, tempDir } from '../../fixtures/builders';
import { openPackage } from '../../../src-main/exchange/package';
import { openConnection } from '../../../src-main/db/connection';
import { fileState } from '../../../src-main/db/encrypt';
import { fileKeyKeeper } from '../../../src-main/db/keys';
import { openStore } from '../../../src-main/db/open';
import { auditHead, rowHash, type AuditRow } from '../../../src-main/audit/audit';
import { verifyAudit } from '../../../src-main/audit/verify';
import { readAnchors } from '../../../src-main/audit/anchors';
import { restoreBackup } from '../../../src-main/backup/backup';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

const PASS = 'backup-secret-1';
const mode = (f: string) => fs.statSync(f).mode & 0o777;
const auditRows = (raw: BetterSqlite3.Database) => raw.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
const households = (raw: BetterSqlite3.Database) => (raw.prepare('SELECT count(*) AS n FROM households').get() as { n: number }).n;

function member(name: string, seq: number) {
  const h = household();
  h.members = [{ ...h.members[0], idNumber: idFor('1971-01-01', seq), name }];
  return h;
}

/** A restore as the office does it (docs/security.md "Roles and the two-person rule"): the administrator asks, the director confirms with the passphrase. */
async function restoreByTwo(s: Awaited<ReturnType<typeof adminService>>, folder: string): Promise<{ carriedOver: number }> {
  const asked = await s.admin.value('backup.restore', { path: folder, passphrase: PASS, confirm: true });
  const done = await s.confirm(asked.id, s.session, PASS);
  const carriedOver = z.object({ carriedOver: z.number() }).parse(done.result).carriedOver;
  return { carriedOver };
}

describe('backups of the encrypted store', () => {
  it('stay encrypted by their own passphrase, user-only, with the audit head in the manifest', async () => {
    const s = await adminService();
    await s.api.value('households.create', { household: member('赵一', 31) });
    const head = auditHead(s.store.raw);
    const usb = path.join(s.dir, 'usb');
    const b = await s.admin.value('backup.create', { folder: usb, passphrase: PASS });
    expect(mode(b.folder)).toBe(0o700);
    for (const f of fs.readdirSync(b.folder)) expect(mode(path.join(b.folder, f)), f).toBe(0o600);
    const pkg = await openPackage(b.folder, PASS);
    expect(pkg.manifest.meta?.auditHead).toEqual(head);
    // The head that left in the backup is noted beside the database too (the backup's own row included).
    expect(readAnchors(s.file).anchors.at(-1)).toMatchObject({ rows: head.rows + 1, where: `backup ${path.basename(b.folder)}` });
    // The database inside, once the package is decrypted: still encrypted, by the passphrase and not by this computer's key.
    const inner = path.join(tempDir(), 'inner.db');
    await pkg.extract('safetynet.db', inner);
    expect(fileState(inner)).toBe('encrypted');
    expect(fs.readFileSync(inner).includes(Buffer.from(idFor('1971-01-01', 31)))).toBe(false);
    expect(() => openConnection(inner, s.store.key, { readonly: true })).toThrow(/wrong key/);
    const opened = openConnection(inner, PASS, { readonly: true });
    expect(households(opened)).toBe(1);
    expect(auditHead(opened)).toEqual(head);
    opened.close();
    // Nothing of the backup is left in the app's temporary folder.
    const { appTempDir } = await import('../../../src-main/shared/temp-files');
    expect(fs.readdirSync(appTempDir()).filter((f) => f.startsWith(`backup-${process.pid}-`))).toEqual([]);
  });

  it('restores onto another computer, re-keyed to its key; the command line makes the database there', async () => {
    const s = await adminService();
    await s.api.value('households.create', { household: member('钱二', 32) });
    const b = await s.admin.value('backup.create', { folder: path.join(s.dir, 'usb'), passphrase: PASS });
    const atBackup = (await openPackage(b.folder, PASS)).manifest.meta!.auditHead!;
    const other = path.join(tempDir(), 'safetynet.db');
    const r = await restoreBackup(null, other, b.folder, PASS, { userId: null, username: 'cli:test' }, new Date());
    expect(r.carriedOver).toBe(0);
    const key = fileKeyKeeper(other).load();
    expect(key).not.toBeNull();
    expect(key).not.toBe(s.store.key);
    expect(() => openConnection(other, s.store.key)).toThrow(/wrong key/);
    expect(() => openConnection(other, PASS)).toThrow(/wrong key/);
    const store = await openStore(other);
    expect(households(store.raw)).toBe(1);
    // Sealed under the other computer's key, the chain was re-sealed under this one's, and the restore says so.
    expect(verifyAudit(store.raw).ok).toBe(true);
    const restored = auditRows(store.raw).at(-1)!;
    expect(restored).toMatchObject({ action: 'restore', username: 'cli:test' });
    expect(restored.summary).toContain(
      `chain re-sealed: rows 1..${atBackup.rows} under this computer's key; the backup's head ${atBackup.short}`,
    );
    expect(JSON.parse(restored.after_json!)).toMatchObject({ resealed: { from: 1, through: atBackup.rows, backupHead: atBackup.short } });
    expect(mode(other)).toBe(0o600);
    await store.close();
  });

  it('restoring an older backup keeps the audit rows written after it, marked, and audits the restore', async () => {
    const s = await adminService();
    await s.api.value('households.create', { household: member('孙三', 33) });
    const b = await s.admin.value('backup.create', { folder: path.join(s.dir, 'usb'), passphrase: PASS });
    const atBackup = (await openPackage(b.folder, PASS)).manifest.meta!.auditHead!;
    // Work after the backup: two households, one edit. Their data go with the restore; their audit rows must not.
    await s.api.value('households.create', { household: member('李四', 34) });
    const { id } = await s.api.value('households.create', { household: member('周五', 35) });
    const h = await s.api.value('households.get', { id });
    h.household.address = '新地址 8 号';
    await s.api.value('households.update', { id, version: h.version, household: h.household });
    const before = auditRows(s.store.raw);
    const later = before.filter((r) => r.seq > atBackup.rows);
    // Viewing the household to edit it leaves a row too (docs/security.md "Audit": reads of personal records).
    expect(later.map((r) => r.action)).toEqual(['backup', 'create', 'create', 'read', 'update']);

    const r = await restoreByTwo(s, b.folder);
    // One more: the restore is asked by one person and confirmed by another, and the request's row is written after the backup.
    expect(r.carriedOver).toBe(later.length + 1);
    expect(households(s.store.raw)).toBe(1);
    const after = auditRows(s.store.raw);
    // The restored chain as the backup holds it, then the later rows, then the restore.
    expect(after.slice(0, atBackup.rows)).toEqual(before.slice(0, atBackup.rows));
    expect(after[atBackup.rows - 1].hash).toBe(atBackup.hash);
    const carried = after.slice(atBackup.rows, atBackup.rows + later.length);
    carried.forEach((c, i) => {
      const was = later[i];
      expect(c).toMatchObject({ action: was.action, entity: was.entity, entity_id: was.entity_id, username: was.username, at: was.at });
      expect(c.summary).toContain(`[carried over at restore: #${was.seq} written after the backup, hash ${was.hash.slice(0, 12)}`);
      expect(c.after_json).toBe(was.after_json);
    });
    // The restore's row, then the request's decision (a kind that replaces the database runs first, its decision is written after: docs/security.md).
    const restored = after.at(-2)!;
    expect(restored).toMatchObject({ action: 'restore', entity: 'database', username: 'director' });
    expect(after.at(-1)).toMatchObject({ action: 'request_confirmed', entity: 'request' });
    expect(JSON.parse(restored.after_json!)).toMatchObject({
      carriedOver: later.length + 1,
      carriedSeq: [later[0].seq, later.at(-1)!.seq + 1],
      sameHistory: true,
      restoredHead: { rows: atBackup.rows, hash: atBackup.hash },
    });
    // The restored rows, the later ones and the request's, the restore, the decision.
    expect(after).toHaveLength(atBackup.rows + later.length + 1 + 2);
    expect(verifyAudit(s.store.raw).ok).toBe(true);
    // The backup's anchor named the backup row's old seal: set aside with the log it was in; the new log ends with the restore.
    const aside = fs.readdirSync(s.dir).filter((f) => f.startsWith('safetynet.db.audit-anchors.before-restore-'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(s.dir, aside[0]), 'utf8')).toContain(`"where":"backup ${path.basename(b.folder)}"`);
    expect(readAnchors(s.file).anchors.at(-1)).toMatchObject({ rows: after.length - 1, where: `restore from ${path.basename(b.folder)}` });
    // The app's connection goes on working on the restored tables (prepared statements, append-only triggers).
    // A restore ends every session (docs/security.md "Roles and the two-person rule"): the director logs in again.
    const again = await s.anon.value('auth.login', { username: 'director', password: OFFICE_PASSWORDS.director });
    await s.api.value('households.create', { household: member('吴六', 36) }, again.session);
    expect(() => s.store.raw.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/);
    expect(s.store.raw.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it("restoring another office's backup keeps this database's whole log, as from the history it replaced", async () => {
    const a = await adminService();
    await a.api.value('households.create', { household: member('郑七', 37) });
    const b = await a.admin.value('backup.create', { folder: path.join(a.dir, 'usb'), passphrase: PASS });
    const here = await adminService();
    await here.api.value('households.create', { household: member('王八', 38) });
    const mine = auditRows(here.store.raw);
    const r = await restoreByTwo(here, b.folder);
    // One more than `mine`: the restore's request (asked by one, confirmed by another) writes its row after them.
    expect(r.carriedOver).toBe(mine.length + 1);
    const after = auditRows(here.store.raw);
    const carried = after.filter((x) => x.summary?.startsWith('[carried over at restore'));
    expect(carried).toHaveLength(mine.length + 1);
    expect(carried[0].summary).toContain('from the history this restore replaced');
    // at(-2): the restore's row; the request's decision follows it.
    expect(JSON.parse(after.at(-2)!.after_json!)).toMatchObject({ sameHistory: false, carriedOver: mine.length + 1 });
    expect(verifyAudit(here.store.raw).ok).toBe(true);
  });

  it('refuses a wrong passphrase and a package whose audit head does not match its database, changing nothing', async () => {
    const s = await adminService();
    await s.api.value('households.create', { household: member('冯九', 39) });
    const b = await s.admin.value('backup.create', { folder: path.join(s.dir, 'usb'), passphrase: PASS });
    await s.api.value('households.create', { household: member('陈十', 40) });
    const before = auditRows(s.store.raw);
    expect(await s.api.call('backup.restore', { path: b.folder, passphrase: 'not-the-pass', confirm: true })).toMatchObject({
      ok: false,
      error: { code: 'package_passphrase' },
    });
    // A package written with a manifest that claims another head (its MAC is valid: made with the passphrase).
    const pkg = await openPackage(b.folder, PASS);
    const inner = path.join(tempDir(), 'safetynet.db');
    await pkg.extract('safetynet.db', inner);
    const { writePackage } = await import('../../../src-main/exchange/package');
    const forged = path.join(s.dir, 'forged');
    const { files: _f, encryption: _e, mac: _m, format: _fo, ...m } = pkg.manifest;
    await writePackage(
      forged,
      [{ name: 'safetynet.db', path: inner }],
      { ...m, meta: { ...m.meta, auditHead: { rows: 1, hash: 'x', short: 'x' } } },
      PASS,
    );
    expect(await s.api.call('backup.restore', { path: forged, passphrase: PASS, confirm: true })).toMatchObject({
      ok: false,
      error: { code: 'backup_damaged' },
    });
    expect(auditRows(s.store.raw)).toEqual(before);
    expect(households(s.store.raw)).toBe(2);
  });

  it('refuses a backup whose audit rows were altered before packaging, writing nothing', async () => {
    const s = await adminService();
    await s.api.value('households.create', { household: member('蒋三', 43) });
    await s.api.value('households.create', { household: member('沈四', 44) });
    const b = await s.admin.value('backup.create', { folder: path.join(s.dir, 'usb'), passphrase: PASS });
    // Someone with the passphrase edits a row of the log, re-computes its hash without the key, and re-packages.
    const pkg = await openPackage(b.folder, PASS);
    const inner = path.join(tempDir(), 'safetynet.db');
    await pkg.extract('safetynet.db', inner);
    const db = openConnection(inner, PASS);
    db.exec('DROP TRIGGER audit_log_no_update');
    const row = db.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as AuditRow;
    const { hash: _h, ...rest } = { ...row, summary: 'nothing happened' };
    db.prepare('UPDATE audit_log SET summary = ?, hash = ? WHERE seq = 2').run(rest.summary, rowHash(rest));
    db.close();
    const { writePackage } = await import('../../../src-main/exchange/package');
    const forged = path.join(s.dir, 'forged');
    const { files: _f, encryption: _e, mac: _m, format: _fo, ...m } = pkg.manifest;
    await writePackage(forged, [{ name: 'safetynet.db', path: inner }], m, PASS);
    // On another computer (the command line making the database there): refused, no database made.
    const other = path.join(tempDir(), 'safetynet.db');
    await expect(restoreBackup(null, other, forged, PASS, { userId: null, username: 'cli:test' }, new Date())).rejects.toMatchObject({
      code: 'backup_audit_broken',
      message: expect.stringMatching(/row 3 does not follow row 2/),
    });
    expect(fs.existsSync(other)).toBe(false);
    // Here: refused when asked, nothing written.
    const before = auditRows(s.store.raw);
    expect(await s.admin.call('backup.restore', { path: forged, passphrase: PASS, confirm: true })).toMatchObject({
      ok: false,
      error: { code: 'backup_audit_broken' },
    });
    expect(auditRows(s.store.raw).filter((r) => r.action !== 'refused')).toEqual(before);
    expect(households(s.store.raw)).toBe(2);
  });

  it('restores a backup made before encryption (a plain database in the package)', async () => {
    const s = await adminService();
    await s.api.value('households.create', { household: member('褚一', 41) });
    const plainCopy = path.join(tempDir(), 'safetynet.db');
    s.store.raw.prepare('VACUUM INTO ?').run(plainCopy);
    const c = openConnection(plainCopy, s.store.key);
    c.pragma('journal_mode = DELETE');
    c.rekey(Buffer.alloc(0));
    c.close();
    expect(fileState(plainCopy)).toBe('plain');
    const { writePackage } = await import('../../../src-main/exchange/package');
    const old = path.join(s.dir, 'old-backup');
    await writePackage(
      old,
      [{ name: 'safetynet.db', path: plainCopy }],
      {
        kind: 'backup',
        office: null,
        createdAt: new Date().toISOString(),
        createdBy: 'admin',
        appVersion: '0.1.0',
        counts: {},
        meta: { migrations: ['0001-baseline'] },
      },
      PASS,
    );
    await s.api.value('households.create', { household: member('卫二', 42) });
    const r = await restoreByTwo(s, old);
    // The household created after the copy, and the restore's request (asked by one, confirmed by another).
    expect(r.carriedOver).toBe(2);
    expect(households(s.store.raw)).toBe(1);
    await s.store.close();
    expect(fileState(s.file)).toBe('encrypted');
    expect(fs.readFileSync(s.file).includes(Buffer.from(idFor('1971-01-01', 41)))).toBe(false);
  });
});
