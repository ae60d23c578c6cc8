/**
 * Files out and copies kept (docs/rules/assistance.md §6): verification requests to departments,
 * packages between the office's workstations, backups and their restore.
 */
import { readAnchors } from '../../../src-main/audit/anchors';
import fs from 'node:fs';
import path from 'node:path';
import { connectionKey, openConnection } from '../../../src-main/db/connection';
import { describe, expect, it } from 'vitest';
import { household, idFor, OFFICE_PASSWORDS, typedClient } from '../../fixtures/builders';
import { office, writeCsv, csvLines, registry, NOW, type Office } from './helpers';
import { importFinished, importStatus } from '../../../src-main/exchange/runner';
import type { Output } from '../../../src-main/contract';

const HEAD = idFor('1960-03-01', 11);
const count = (o: Office, sql: string) => (o.store.raw.prepare(sql).get() as { n: number }).n;

describe('exports, packages, backups', () => {
  it('exports verification requests as XLSX + CSV with a manifest; encrypted packages travel between workstations', async () => {
    const o = await office();
    await registry(o);
    const out = path.join(o.dir, 'usb');
    const r = await o.clerk.value('export.verificationRequests', { source: 'banks', folder: out });
    expect(r.persons).toBe(1); // only the authorised member for an asset source
    expect(r.withoutAuthorisation).toBe(2);
    expect(r.manifest.files.map((f) => path.extname(f.name)).sort()).toEqual(['.csv', '.xlsx']);
    expect(fs.readFileSync(path.join(r.target, r.manifest.files[1].name), 'utf8')).toContain(HEAD);
    // The chain's head as the request left, in its manifest and in the anchor log beside the database (docs/security.md "Audit").
    expect(r.manifest.meta).toMatchObject({ auditHead: { rows: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(readAnchors(o.file).anchors.at(-1)).toMatchObject({ hash: (r.manifest.meta as { auditHead: { hash: string } }).auditHead.hash });
    // Sending personal records to a department is case work: the administrator has no business right (docs/security.md).
    expect(await o.admin.call('export.verificationRequests', { source: 'banks', folder: path.join(o.dir, 'usb2') })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const data = writeCsv(
      o.dir,
      'm.csv',
      csvLines([
        ['身份证号码', '姓名', '入院日期', '个人自付'],
        [HEAD, '王建国', '2026-10-01', '7000'],
      ]),
    );
    const pkg = await o.clerk.value('export.package', {
      file: { path: data },
      source: 'medical_insurance',
      folder: out,
      passphrase: 'office-secret',
      zip: true,
    });
    expect(pkg.target).toMatch(/\.zip$/);
    expect(await o.clerk.call('exchange.start', { package: { path: pkg.target, passphrase: 'wrong-secret' } })).toMatchObject({
      ok: false,
      error: { code: 'package_passphrase' },
    });
    const st = await o.clerk.value('exchange.start', { package: { path: pkg.target, passphrase: 'office-secret' } });
    await importFinished(st.importId);
    expect(importStatus(o.store.raw, st.importId, 'en').summary).toMatchObject({ file: 'm.csv', warningsRaised: 1 });
  });

  it('exports a county’s requests township by township, village by village, household by household, as one sorted query would', async () => {
    const o = await office();
    const { seedDemoCounty } = await import('../../../src-main/demo/seed');
    seedDemoCounty(o.store, 400, { seed: 8 });
    const raw = o.store.raw;
    // Households written out of village order, as a county is.
    const expected = (extra = '', args: unknown[] = []) =>
      raw
        .prepare(
          `SELECT m.id_number, m.name, m.authorised_on, t.name AS township, v.name AS village, h.id AS hid FROM members m
      JOIN households h ON h.id = m.household_id JOIN areas v ON v.id = h.area_id JOIN areas t ON t.id = v.parent_id
      WHERE h.status = 'active' AND m.active = 1 AND m.status != 'deceased' ${extra} ORDER BY t.name, v.name, h.id, m.position`,
        )
        .all(...args) as {
        id_number: string;
        name: string;
        authorised_on: string | null;
        township: string;
        village: string;
        hid: number;
      }[];
    const all = expected();
    expect(new Set(all.map((r) => r.village)).size).toBeGreaterThan(5);
    const fileOf = (r: Output<'export.verificationRequests'>, ext: string) =>
      path.join(r.target, r.manifest.files.find((f) => f.name.endsWith(ext))!.name);
    const rowsOf = (r: Output<'export.verificationRequests'>) =>
      fs
        .readFileSync(fileOf(r, '.csv'), 'utf8')
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n')
        .slice(1)
        .map((l: string) => l.split(','));
    const r = await o.clerk.value('export.verificationRequests', {
      source: 'medical_insurance',
      folder: path.join(o.dir, 'all'),
      inTierOnly: false,
    });
    expect(r.persons).toBe(all.length);
    expect(r.manifest.counts).toMatchObject({ persons: all.length, households: new Set(all.map((x) => x.hid)).size });
    expect(rowsOf(r)).toEqual(all.map((x, i) => [String(i + 1), x.id_number, x.name, x.authorised_on ?? '', x.township, x.village]));
    // One township, in tier only.
    const town = (raw.prepare(`SELECT parent_id AS id FROM areas WHERE level = 'village' ORDER BY id LIMIT 1`).get() as { id: number }).id;
    const some = expected(`AND h.current_tier IS NOT NULL AND v.parent_id = ?`, [town]);
    const t = await o.clerk.value('export.verificationRequests', {
      source: 'medical_insurance',
      folder: path.join(o.dir, 'town'),
      areaId: town,
    });
    expect(some.length).toBeGreaterThan(0);
    expect(rowsOf(t).map((x: string[]) => x[1])).toEqual(some.map((x) => x.id_number));
    const x = new (await import('exceljs')).default.Workbook();
    await x.xlsx.readFile(fileOf(t, '.xlsx'));
    expect(x.worksheets[0].rowCount).toBe(2 + some.length);
    expect(x.worksheets[0].getRow(3).getCell(2).value).toBe(some[0].id_number);
  });

  it('backs up while running, reminds after a week, restores after verifying, refuses a newer version', async () => {
    const o = await office();
    const hid = await registry(o);
    expect(await o.admin.value('backup.status', {})).toMatchObject({ last: null, reminder: true });
    expect(await o.clerk.call('backup.create', { folder: o.dir, passphrase: 'backup-secret' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // A passphrase too short is refused next to its field, before anything is copied or written.
    expect(await o.admin.call('backup.create', { folder: path.join(o.dir, 'weak'), passphrase: 'short' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'passphrase' },
    });
    // The command line calls the backup itself: refused there too, before the database is copied.
    const { createBackup } = await import('../../../src-main/backup/backup');
    await expect(
      createBackup(o.store.raw, path.join(o.dir, 'weak'), 'short', { userId: null, username: 'cli' }, NOW, 'test'),
    ).rejects.toMatchObject({ code: 'weak_passphrase', field: 'passphrase' });
    expect(fs.existsSync(path.join(o.dir, 'weak'))).toBe(false);
    expect(await o.admin.value('backup.status', {})).toMatchObject({ last: null });
    const b = await o.admin.value('backup.create', { folder: path.join(o.dir, 'usb'), passphrase: 'backup-secret' });
    expect(b.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await o.admin.value('backup.status', {})).toMatchObject({ reminder: false, ageDays: 0 });
    // A change after the backup disappears on restore.
    await o.clerk.call('households.create', {
      household: household({ members: [{ idNumber: idFor('1985-01-01', 31), name: '新户', relation: 'head', status: 'present' }] }),
    });
    expect(count(o, `SELECT COUNT(*) AS n FROM households`)).toBe(2);
    expect(await o.admin.call('backup.restore', { path: b.folder, passphrase: 'wrong-secret', confirm: true })).toMatchObject({
      ok: false,
      error: { code: 'package_passphrase' },
    });
    // Asked by the administrator, restored when a manager confirms it with the passphrase (docs/security.md).
    const asked = await o.admin.value('backup.restore', { path: b.folder, passphrase: 'backup-secret', confirm: true });
    expect(count(o, `SELECT COUNT(*) AS n FROM households`)).toBe(2);
    await o.manager.value('requests.confirm', { id: asked.id, secret: 'backup-secret' });
    expect(count(o, `SELECT COUNT(*) AS n FROM households`)).toBe(1);
    // Everyone logs in again after a restore.
    const admin = typedClient(
      o.service,
      (await o.anon.value('auth.login', { username: 'admin', password: OFFICE_PASSWORDS.admin })).session,
    );
    expect(count(o, `SELECT COUNT(*) AS n FROM households WHERE id = ${hid}`)).toBe(1);
    // A database from a newer app version is refused before anything changes.
    const newer = path.join(o.dir, 'newer.db');
    o.store.raw.prepare(`VACUUM INTO ?`).run(newer);
    // A backup's database is keyed to the backup's passphrase (src-main/backup/backup.ts).
    const nb = openConnection(newer, connectionKey(o.store.raw));
    nb.pragma('journal_mode = DELETE');
    nb.rekey(Buffer.from('backup-secret'));
    nb.prepare(`INSERT INTO kysely_migration (name, timestamp) VALUES ('2099-01-01-future', 'x')`).run();
    nb.close();
    const { writePackage } = await import('../../../src-main/exchange/package');
    const pkg = path.join(o.dir, 'newer-backup');
    await writePackage(
      pkg,
      [{ name: 'safetynet.db', path: newer }],
      { kind: 'backup', office: null, createdAt: NOW.toISOString(), createdBy: 'x', appVersion: '9.0.0', counts: {} },
      'backup-secret',
    );
    expect(await admin.call('backup.restore', { path: pkg, passphrase: 'backup-secret', confirm: true })).toMatchObject({
      ok: false,
      error: { code: 'backup_newer_than_app' },
    });
    expect(count(o, `SELECT COUNT(*) AS n FROM households`)).toBe(1);
  });
});
