/**
 * All-or-nothing imports (a kill mid-way, then a re-run), the monitoring page (assign, visit,
 * close with each outcome, overdue counts), reviews, the verification report, exports,
 * packages and backups.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { household, idFor } from '../../fixtures/builders';
import { office, writeCsv, importFile, csvLines, NOW, type Office } from './helpers';
import { importFinished, importStatus, killImport } from '../../../src-main/exchange/runner';
import { unpackPart } from '../../../src-main/exchange/packed';

const HEAD = idFor('1960-03-01', 11),
  SPOUSE = idFor('1962-05-20', 12);
const count = (o: Office, sql: string) => (o.store.raw.prepare(sql).get() as { n: number }).n;

async function registry(o: Office, tier: string | null = 'dibao') {
  const h = household(tier ? { current: { tier, monthlyBenefit: 300 } } : {}) as any;
  h.members[0].authorisedOn = '2026-01-05';
  const r = (await o.clerk('households.create', { household: h })) as any;
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.value.id as number;
}

/** 160,000 hospital stays of other residents, with the registry head's expensive stay near the end. */
function bigFile(o: Office): string {
  const lines = ['身份证号码,姓名,入院日期,个人自付'];
  for (let i = 0; i < 160_000; i++)
    lines.push(`${idFor('1970-01-01', 100 + (i % 800), String(130200 + (i % 90)))},某人,2026-10-0${1 + (i % 9)},${100 + (i % 50)}`);
  lines.push(`${HEAD},王建国,2026-10-05,9000`);
  return writeCsv(o.dir, 'big.csv', lines.join('\n') + '\n');
}

describe('all-or-nothing', () => {
  it('an import killed mid-way leaves registry and warnings as before; the re-run resumes and completes', async () => {
    const o = await office();
    await registry(o);
    const file = bigFile(o);
    const st = ((await o.clerk('exchange.start', { file: { path: file }, source: 'medical_insurance' })) as any).value;
    // Wait for the first committed batch, then kill the worker as a crash would.
    for (let i = 0; i < 600; i++) {
      if (count(o, `SELECT staged_rows AS n FROM exchange_imports WHERE id = ${st.importId}`) > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await killImport(st.importId);
    const staged = count(o, `SELECT staged_rows AS n FROM exchange_imports WHERE id = ${st.importId}`);
    expect(staged).toBeGreaterThan(0);
    expect(staged).toBeLessThan(160_000);
    expect(importStatus(o.store.raw, st.importId, 'en').status).not.toBe('applied');
    expect(count(o, `SELECT COUNT(*) AS n FROM warnings`)).toBe(0);
    const again = ((await o.clerk('exchange.start', { file: { path: file }, source: 'medical_insurance' })) as any).value;
    expect(again).toMatchObject({ importId: st.importId, duplicateFile: false, resumed: true });
    await importFinished(again.importId);
    const s = importStatus(o.store.raw, again.importId, 'en');
    expect(s.summary).toMatchObject({ rowsRead: 160_001, accepted: 160_001, matchedPersons: 1, warningsRaised: 1 });
    // The registry head's row is the one finding, packed in its part; the parts of both runs cover every line of the file once.
    const parts = o.store.raw
      .prepare(`SELECT first_row, last_row, n, data FROM exchange_row_parts WHERE import_id = ? ORDER BY first_row`)
      .all(again.importId) as { first_row: number; last_row: number; n: number; data: Uint8Array }[];
    expect(parts.flatMap((x) => unpackPart(x.data)).map((r) => [r.row, r.idNumber])).toEqual([[160_002, HEAD]]);
    expect(parts.reduce((a, x) => a + x.last_row - x.first_row + 1, 0)).toBe(160_002);
    expect(parts.every((x, i) => i === 0 || x.first_row === parts[i - 1].last_row + 1)).toBe(true);
    expect(count(o, `SELECT COUNT(*) AS n FROM exchange_household_rows WHERE import_id = ${again.importId}`)).toBe(1);
  }, 120_000);

  it('the running import is found again (a wizard opened later shows it) and marked in the history until it ends', async () => {
    const o = await office();
    await registry(o);
    expect(await o.clerk('exchange.running', {})).toMatchObject({ ok: true, value: { importId: null } });
    const st = ((await o.clerk('exchange.start', { file: { path: bigFile(o) }, source: 'medical_insurance' })) as any).value;
    expect(await o.manager('exchange.running', {})).toMatchObject({ ok: true, value: { importId: st.importId } });
    const during = ((await o.clerk('exchange.history', {})) as any).value.items;
    expect(during).toEqual([expect.objectContaining({ id: st.importId, running: true })]);
    await importFinished(st.importId);
    expect(await o.clerk('exchange.running', {})).toMatchObject({ ok: true, value: { importId: null } });
    expect(((await o.clerk('exchange.history', {})) as any).value.items).toEqual([
      expect.objectContaining({ id: st.importId, running: false, status: 'applied' }),
    ]);
  }, 120_000);

  it('a cancelled import changes nothing and can be run again', async () => {
    const o = await office();
    await registry(o);
    const file = bigFile(o);
    const st = ((await o.clerk('exchange.start', { file: { path: file }, source: 'medical_insurance' })) as any).value;
    expect(await o.clerk('exchange.cancel', { importId: st.importId })).toMatchObject({ ok: true });
    expect(importStatus(o.store.raw, st.importId, 'en').status).toBe('cancelled');
    expect(count(o, `SELECT COUNT(*) AS n FROM warnings`)).toBe(0);
    const r = await importFile(o, file, 'medical_insurance');
    expect(r.summary).toMatchObject({ rowsRead: 160_001, warningsRaised: 1 });
  }, 120_000);
});

describe('monitoring', () => {
  async function withWarning() {
    const o = await office();
    const hid = await registry(o);
    const file = writeCsv(
      o.dir,
      'd.csv',
      csvLines([
        ['身份证号码', '姓名', '入院日期', '个人自付'],
        [HEAD, '王建国', '2026-10-01', '7000'],
        [SPOUSE, '李秀英', '2026-10-02', '6100'],
      ]),
    );
    await importFile(o, file, 'medical_insurance');
    const q = ((await o.clerk('monitoring.queue', {})) as any).value;
    return { o, hid, q };
  }

  it('queues warnings with severity, due date in working days, age; managers assign', async () => {
    const { o, q } = await withWarning();
    expect(q.total).toBe(2);
    expect(q.items[0]).toMatchObject({
      severity: 'urgent',
      raisedOn: '2026-11-30',
      dueOn: '2026-12-07',
      overdue: false,
      township: '城关镇',
    });
    const mgr = ((await o.manager('auth.me')) as any).value;
    const clerkUser = ((await o.clerk('auth.me')) as any).value;
    expect(await o.clerk('monitoring.assign', { ids: [q.items[0].id], assigneeId: clerkUser.user?.id ?? clerkUser.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const uid = clerkUser.user?.id ?? clerkUser.id;
    expect(await o.manager('monitoring.assign', { ids: [q.items[0].id], assigneeId: uid })).toMatchObject({
      ok: true,
      value: { assigned: 1 },
    });
    expect(((await o.clerk('monitoring.queue', { assigneeId: uid })) as any).value.total).toBe(1);
    expect(((await o.clerk('monitoring.queue', { severity: 'normal' })) as any).value.total).toBe(0);
    void mgr;
  });

  it('a home visit needs two staff; closing needs a verification; "adjust" proposes a re-determination', async () => {
    const { o, hid, q } = await withWarning();
    const id = q.items[0].id;
    expect(await o.clerk('monitoring.close', { warningId: id, outcome: 'no_change', note: '核查无变化' })).toMatchObject({
      ok: false,
      error: { code: 'not_verified' },
    });
    expect(
      await o.clerk('monitoring.recordVisit', {
        warningId: id,
        kind: 'home_visit',
        visitDate: '2026-11-30',
        staff: ['张三'],
        findings: '入户核实住院情况',
      }),
    ).toMatchObject({ ok: false, error: { code: 'visit_needs_two' } });
    expect(
      await o.clerk('monitoring.recordVisit', {
        warningId: id,
        kind: 'home_visit',
        visitDate: '2026-11-30',
        staff: ['张三', '李四'],
        findings: '入户核实住院情况',
        attachments: [{ name: '照片1.jpg' }],
      }),
    ).toMatchObject({ ok: true });
    const closed = (await o.clerk('monitoring.close', { warningId: id, outcome: 'adjust', note: '医疗支出增加，重新核定' })) as any;
    expect(closed.ok).toBe(true);
    expect(closed.value.determinationId).toEqual(expect.any(Number));
    const pend = ((await o.manager('determinations.pending')) as any).value;
    expect(pend[0]).toMatchObject({ householdId: hid, source: 'warning' });
    // The household's chain, newest first: the closing, the visit, the raising (read from the warnings table, migration 14).
    const chain = ((await o.clerk('chain.list', { householdId: hid })) as any).value as any[];
    const mine = chain.filter((e) => (e.refTable === 'warnings' && e.refId === id) || e.refTable === 'warning_visits');
    expect(mine.map((e) => [e.kind, e.status])).toEqual([
      ['warning', 'closed'],
      ['visit', 'recorded'],
      ['warning', 'open'],
    ]);
    const raised = mine[2];
    expect(raised).toMatchObject({
      id: -id,
      householdId: hid,
      idNumber: HEAD,
      at: '2026-11-30',
      department: 'medical_insurance',
      item: 'hospital_cost',
      refTable: 'warnings',
      recordedBy: 'clerk1',
      summary: '预警：住院个人自付费用较高（王建国），医疗救助或临时救助，刚性支出评估；核查期限 2026-12-07',
    });
    // Each warning's raising is listed once, in the household's chain and in its person's.
    expect(
      chain
        .filter((e) => e.kind === 'warning' && e.status === 'open')
        .map((e) => e.idNumber)
        .sort(),
    ).toEqual([HEAD, SPOUSE].sort());
    const person = ((await o.clerk('chain.list', { idNumber: SPOUSE })) as any).value as any[];
    expect(person.filter((e) => e.kind === 'warning').map((e) => [e.idNumber, e.status, e.item])).toEqual([
      [SPOUSE, 'open', 'hospital_cost'],
    ]);
    expect(o.store.raw.prepare(`SELECT COUNT(*) FROM chain_events WHERE kind = 'warning' AND status = 'open'`).pluck().get()).toBe(0);
    expect(chain.some((e) => e.kind === 'determination')).toBe(true);
    expect(await o.clerk('monitoring.close', { warningId: id, outcome: 'no_change', note: '再次办结' })).toMatchObject({
      ok: false,
      error: { code: 'warning_closed' },
    });
  });

  it('"referral" pushes the need to the department', async () => {
    const { o, q } = await withWarning();
    const id = q.items[1].id;
    await o.clerk('monitoring.recordVisit', {
      warningId: id,
      kind: 'verification',
      visitDate: '2026-11-30',
      staff: ['张三'],
      findings: '电话核实',
    });
    const r = (await o.clerk('monitoring.close', { warningId: id, outcome: 'referral', note: '转医保部门医疗救助' })) as any;
    expect(r.ok).toBe(true);
    expect(r.value.referralId).toEqual(expect.any(Number));
  });

  it('overdue warnings are marked and counted for the manager, by the office calendar', async () => {
    const { o } = await withWarning();
    await o.admin('calendar.import', { file: { base64: Buffer.from('date,kind\n2026-12-01,休\n').toString('base64'), name: 'cal.csv' } });
    const later = await (
      await import('../../../src-main/api/service')
    ).createService(o.store, { now: () => new Date('2026-12-20T09:00:00Z') });
    const login = (await later.invoke({ method: 'auth.login', input: { username: 'mgr1', password: 'secret22' } })) as any;
    const c = (await later.invoke({ method: 'monitoring.counts', input: {}, session: login.value.session })) as any;
    expect(c.value).toMatchObject({ open: 2, urgent: 2, overdue: 2 });
    const q = (await later.invoke({ method: 'monitoring.queue', input: { overdue: true }, session: login.value.session })) as any;
    expect(q.value.items.every((w: any) => w.overdue)).toBe(true);
    expect(q.value.items[0].ageWorkingDays).toBe(13); // 1 Dec is a holiday in the calendar
  });
});

describe('reviews, verification report, registry checks', () => {
  it('schedules reviews by class and tier and lists due and overdue ones', async () => {
    const o = await office();
    const hid = await registry(o);
    expect(((await o.clerk('reviews.due', { withinDays: 30 })) as any).value.total).toBe(0);
    // A year on, the dibao household is due; after a review it is not.
    const later = (await import('../../../src-main/api/service')).createService(o.store, { now: () => new Date('2027-12-15T09:00:00Z') });
    const session = ((await later.invoke({ method: 'auth.login', input: { username: 'clerk1', password: 'secret22' } })) as any).value
      .session;
    const call = async (method: string, input: unknown) => (await later.invoke({ method, input, session, lang: 'en' })) as any;
    const due = (await call('reviews.due', { withinDays: 30 })).value;
    expect(due.items[0]).toMatchObject({
      householdId: hid,
      tier: 'dibao',
      nextReviewOn: expect.stringMatching(/^2027-1[12]-/),
      overdue: true,
    });
    expect(due.overdue).toBe(1);
    expect(await call('reviews.record', { householdId: hid, reviewedOn: '2027-12-10', outcome: 'no_change' })).toMatchObject({ ok: true });
    expect((await call('reviews.due', { withinDays: 30 })).value.total).toBe(0);
  });

  it('the verification report lists each finding by category, amount, source and date', async () => {
    const o = await office();
    const hid = await registry(o);
    await importFile(
      o,
      writeCsv(
        o.dir,
        'b.csv',
        csvLines([
          ['身份证号码', '姓名', '金融机构', '余额', '查询日期'],
          [HEAD, '王建国', '农商行', '80000', '2026-10-31'],
        ]),
      ),
      'banks',
    );
    await importFile(
      o,
      writeCsv(
        o.dir,
        'm.csv',
        csvLines([
          ['身份证号码', '姓名', '入院日期', '个人自付'],
          [HEAD, '王建国', '2026-10-01', '700'],
        ]),
      ),
      'medical_insurance',
    );
    const r = ((await o.clerk('verification.report', { householdId: hid })) as any).value;
    expect(r.categories).toEqual(
      expect.arrayContaining([
        { category: 'financial_asset', categoryText: '金融资产', count: 1, amountFen: 8_000_000 },
        { category: 'hospital_stay', categoryText: '住院费用', count: 1, amountFen: 70_000 },
      ]),
    );
    expect(r.findings[0]).toMatchObject({ source: expect.any(String), date: expect.any(String), amountFen: expect.any(Number) });
  });

  it('raises "turns 60" once from the registry itself', async () => {
    const o = await office(new Date('2026-03-05T09:00:00Z'));
    const h = household({
      current: { tier: 'dibao', monthlyBenefit: 300 },
      members: [{ idNumber: idFor('1966-03-01', 41), name: '赵六', relation: 'head', status: 'present' }],
    });
    expect(await o.clerk('households.create', { household: h })).toMatchObject({ ok: true }); // turns 60 on 2026-03-01
    const r = ((await o.clerk('monitoring.checkRegistry')) as any).value;
    expect(r.turned60).toBe(1);
    expect(((await o.clerk('monitoring.checkRegistry')) as any).value.turned60).toBe(0);
  });

  it('raises every overdue review of a county once, more than a page of them', async () => {
    const o = await office();
    const hid = await registry(o);
    const raw = o.store.raw;
    // 1,200 more households in a tier, registered two years ago and never reviewed, each with its head.
    const area = raw.prepare(`SELECT area_id FROM households WHERE id = ?`).pluck().get(hid);
    raw.transaction(() => {
      const hh = raw.prepare(
        `INSERT INTO households (residence, area_id, current_tier, created_at, updated_at) VALUES ('rural', ?, 'tekun', '2024-06-01T00:00:00Z', '2024-06-01T00:00:00Z')`,
      );
      const m = raw.prepare(
        `INSERT INTO members (household_id, position, id_number, name, sex, birth_date, relation, status, active) VALUES (?, 0, ?, ?, 'male', '1950-01-01', 'head', 'present', 1)`,
      );
      for (let i = 0; i < 1200; i++) m.run(Number(hh.run(area).lastInsertRowid), idFor('1950-01-01', 1000 + i, '130300'), `户主${i}`);
    })();
    const first = ((await o.clerk('monitoring.checkRegistry')) as any).value;
    expect(first.reviewsOverdue).toBeGreaterThanOrEqual(1200);
    expect(raw.prepare(`SELECT COUNT(DISTINCT household_id) FROM warnings WHERE rule = 'review_overdue'`).pluck().get()).toBe(
      first.reviewsOverdue,
    );
    expect(((await o.clerk('monitoring.checkRegistry')) as any).value.reviewsOverdue).toBe(0);
    expect(((await o.clerk('monitoring.counts')) as any).value.reviews.overdue).toBe(first.reviewsOverdue);
  });
});

describe('exports, packages, backups', () => {
  it('exports verification requests as XLSX + CSV with a manifest; encrypted packages travel between workstations', async () => {
    const o = await office();
    await registry(o);
    const out = path.join(o.dir, 'usb');
    const r = ((await o.clerk('export.verificationRequests', { source: 'banks', folder: out })) as any).value;
    expect(r.persons).toBe(1); // only the authorised member for an asset source
    expect(r.withoutAuthorisation).toBe(2);
    expect(r.manifest.files.map((f: any) => path.extname(f.name)).sort()).toEqual(['.csv', '.xlsx']);
    expect(fs.readFileSync(path.join(r.target, r.manifest.files[1].name), 'utf8')).toContain(HEAD);
    const masked = ((await o.admin('export.verificationRequests', { source: 'banks', folder: path.join(o.dir, 'usb2') })) as any).value;
    expect(fs.readFileSync(path.join(masked.target, masked.manifest.files[1].name), 'utf8')).toContain('130123********');
    const data = writeCsv(
      o.dir,
      'm.csv',
      csvLines([
        ['身份证号码', '姓名', '入院日期', '个人自付'],
        [HEAD, '王建国', '2026-10-01', '7000'],
      ]),
    );
    const pkg = (
      (await o.clerk('export.package', {
        file: { path: data },
        source: 'medical_insurance',
        folder: out,
        passphrase: 'office-secret',
        zip: true,
      })) as any
    ).value;
    expect(pkg.target).toMatch(/\.zip$/);
    expect(await o.clerk('exchange.start', { package: { path: pkg.target, passphrase: 'wrong-secret' } })).toMatchObject({
      ok: false,
      error: { code: 'package_passphrase' },
    });
    const st = ((await o.clerk('exchange.start', { package: { path: pkg.target, passphrase: 'office-secret' } })) as any).value;
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
        .all(...args) as any[];
    const all = expected();
    expect(new Set(all.map((r) => r.village)).size).toBeGreaterThan(5);
    const rowsOf = (r: any) =>
      fs
        .readFileSync(path.join(r.target, r.manifest.files.find((f: any) => f.name.endsWith('.csv')).name), 'utf8')
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n')
        .slice(1)
        .map((l: string) => l.split(','));
    const r = (
      (await o.clerk('export.verificationRequests', {
        source: 'medical_insurance',
        folder: path.join(o.dir, 'all'),
        inTierOnly: false,
      })) as any
    ).value;
    expect(r.persons).toBe(all.length);
    expect(r.manifest.counts).toMatchObject({ persons: all.length, households: new Set(all.map((x) => x.hid)).size });
    expect(rowsOf(r)).toEqual(all.map((x, i) => [String(i + 1), x.id_number, x.name, x.authorised_on ?? '', x.township, x.village]));
    // One township, in tier only.
    const town = (raw.prepare(`SELECT parent_id AS id FROM areas WHERE level = 'village' ORDER BY id LIMIT 1`).get() as { id: number }).id;
    const some = expected(`AND h.current_tier IS NOT NULL AND v.parent_id = ?`, [town]);
    const t = (
      (await o.clerk('export.verificationRequests', { source: 'medical_insurance', folder: path.join(o.dir, 'town'), areaId: town })) as any
    ).value;
    expect(some.length).toBeGreaterThan(0);
    expect(rowsOf(t).map((x: string[]) => x[1])).toEqual(some.map((x) => x.id_number));
    const x = new (await import('exceljs')).default.Workbook();
    await x.xlsx.readFile(path.join(t.target, t.manifest.files.find((f: any) => f.name.endsWith('.xlsx')).name));
    expect(x.worksheets[0].rowCount).toBe(2 + some.length);
    expect(x.worksheets[0].getRow(3).getCell(2).value).toBe(some[0].id_number);
  });

  it('backs up while running, reminds after a week, restores after verifying, refuses a newer version', async () => {
    const o = await office();
    const hid = await registry(o);
    expect(((await o.admin('backup.status')) as any).value).toMatchObject({ last: null, reminder: true });
    expect(await o.clerk('backup.create', { folder: o.dir, passphrase: 'backup-secret' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // A passphrase too short is refused next to its field, before anything is copied or written.
    expect(await o.admin('backup.create', { folder: path.join(o.dir, 'weak'), passphrase: 'short' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'passphrase' },
    });
    // The command line calls the backup itself: refused there too, before the database is copied.
    const { createBackup } = await import('../../../src-main/backup/backup');
    await expect(
      createBackup(o.store.raw, path.join(o.dir, 'weak'), 'short', { userId: null, username: 'cli' }, NOW, 'test'),
    ).rejects.toMatchObject({ code: 'weak_passphrase', field: 'passphrase' });
    expect(fs.existsSync(path.join(o.dir, 'weak'))).toBe(false);
    expect(((await o.admin('backup.status')) as any).value).toMatchObject({ last: null });
    const b = ((await o.admin('backup.create', { folder: path.join(o.dir, 'usb'), passphrase: 'backup-secret' })) as any).value;
    expect(b.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(((await o.admin('backup.status')) as any).value).toMatchObject({ reminder: false, ageDays: 0 });
    // A change after the backup disappears on restore.
    await o.clerk('households.create', {
      household: household({ members: [{ idNumber: idFor('1985-01-01', 31), name: '新户', relation: 'head', status: 'present' }] }),
    });
    expect(count(o, `SELECT COUNT(*) AS n FROM households`)).toBe(2);
    expect(await o.admin('backup.restore', { path: b.folder, passphrase: 'wrong-secret', confirm: true })).toMatchObject({
      ok: false,
      error: { code: 'package_passphrase' },
    });
    const r = (await o.admin('backup.restore', { path: b.folder, passphrase: 'backup-secret', confirm: true })) as any;
    expect(r.ok).toBe(true);
    expect(count(o, `SELECT COUNT(*) AS n FROM households`)).toBe(1);
    expect(count(o, `SELECT COUNT(*) AS n FROM households WHERE id = ${hid}`)).toBe(1);
    // A database from a newer app version is refused before anything changes.
    const newer = path.join(o.dir, 'newer.db');
    o.store.raw.prepare(`VACUUM INTO ?`).run(newer);
    const nb = new BetterSqlite3(newer);
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
    expect(await o.admin('backup.restore', { path: pkg, passphrase: 'backup-secret', confirm: true })).toMatchObject({
      ok: false,
      error: { code: 'backup_newer_than_app' },
    });
    expect(count(o, `SELECT COUNT(*) AS n FROM households`)).toBe(1);
  });
});
