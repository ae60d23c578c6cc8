/**
 * What an import's warnings lead to (docs/rules/assistance.md §4): the monitoring queue (assign,
 * visit, close with each outcome, overdue counts by the office calendar), reviews, the
 * household's verification report and the registry's own checks.
 */
import { describe, expect, it } from 'vitest';
import { createService } from '../../../src-main/api/service';
import { household, idFor, typedClient } from '../../fixtures/builders';
import { office, writeCsv, importFile, csvLines, registry, type Office } from './helpers';

const HEAD = idFor('1960-03-01', 11),
  SPOUSE = idFor('1962-05-20', 12);

/** The office's service as it answers on a later day, as `username` (password secret22). */
async function later(o: Office, now: Date, username: string) {
  const service = createService(o.store, { now: () => now });
  const login = await typedClient(service, null).value('auth.login', { username, password: 'secret22' });
  return typedClient(service, login.session);
}

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
    const q = await o.clerk.value('monitoring.queue', {});
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
    const uid = (await o.clerk.value('auth.me', {})).id;
    expect(await o.clerk.call('monitoring.assign', { ids: [q.items[0].id], assigneeId: uid })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await o.manager.call('monitoring.assign', { ids: [q.items[0].id], assigneeId: uid })).toMatchObject({
      ok: true,
      value: { assigned: 1 },
    });
    expect((await o.clerk.value('monitoring.queue', { assigneeId: uid })).total).toBe(1);
    expect((await o.clerk.value('monitoring.queue', { severity: 'normal' })).total).toBe(0);
  });

  it('a home visit needs two staff; closing needs a verification; "adjust" proposes a re-determination', async () => {
    const { o, hid, q } = await withWarning();
    const id = q.items[0].id;
    expect(await o.clerk.call('monitoring.close', { warningId: id, outcome: 'no_change', note: '核查无变化' })).toMatchObject({
      ok: false,
      error: { code: 'not_verified' },
    });
    expect(
      await o.clerk.call('monitoring.recordVisit', {
        warningId: id,
        kind: 'home_visit',
        visitDate: '2026-11-30',
        staff: ['张三'],
        findings: '入户核实住院情况',
      }),
    ).toMatchObject({ ok: false, error: { code: 'visit_needs_two' } });
    expect(
      await o.clerk.call('monitoring.recordVisit', {
        warningId: id,
        kind: 'home_visit',
        visitDate: '2026-11-30',
        staff: ['张三', '李四'],
        findings: '入户核实住院情况',
        attachments: [{ name: '照片1.jpg' }],
      }),
    ).toMatchObject({ ok: true });
    const closed = await o.clerk.value('monitoring.close', { warningId: id, outcome: 'adjust', note: '医疗支出增加，重新核定' });
    expect(closed.determinationId).toEqual(expect.any(Number));
    const pend = await o.manager.value('determinations.pending', {});
    expect(pend[0]).toMatchObject({ householdId: hid, source: 'warning' });
    // The household's chain, newest first: the closing, the visit, the raising (read from the warnings table, migration 14).
    const chain = await o.clerk.value('chain.list', { householdId: hid });
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
    const person = await o.clerk.value('chain.list', { idNumber: SPOUSE });
    expect(person.filter((e) => e.kind === 'warning').map((e) => [e.idNumber, e.status, e.item])).toEqual([
      [SPOUSE, 'open', 'hospital_cost'],
    ]);
    expect(o.store.raw.prepare(`SELECT COUNT(*) FROM chain_events WHERE kind = 'warning' AND status = 'open'`).pluck().get()).toBe(0);
    expect(chain.some((e) => e.kind === 'determination')).toBe(true);
    expect(await o.clerk.call('monitoring.close', { warningId: id, outcome: 'no_change', note: '再次办结' })).toMatchObject({
      ok: false,
      error: { code: 'warning_closed' },
    });
  });

  it('"referral" pushes the need to the department', async () => {
    const { o, q } = await withWarning();
    const id = q.items[1].id;
    await o.clerk.call('monitoring.recordVisit', {
      warningId: id,
      kind: 'verification',
      visitDate: '2026-11-30',
      staff: ['张三'],
      findings: '电话核实',
    });
    const r = await o.clerk.value('monitoring.close', { warningId: id, outcome: 'referral', note: '转医保部门医疗救助' });
    expect(r.referralId).toEqual(expect.any(Number));
  });

  it('overdue warnings are marked and counted for the manager, by the office calendar', async () => {
    const { o } = await withWarning();
    await o.admin.call('calendar.import', {
      file: { base64: Buffer.from('date,kind\n2026-12-01,休\n').toString('base64'), name: 'cal.csv' },
    });
    const manager = await later(o, new Date('2026-12-20T09:00:00Z'), 'mgr1');
    expect(await manager.value('monitoring.counts', {})).toMatchObject({ open: 2, urgent: 2, overdue: 2 });
    const q = await manager.value('monitoring.queue', { overdue: true });
    expect(q.items.every((w) => w.overdue)).toBe(true);
    expect(q.items[0].ageWorkingDays).toBe(13); // 1 Dec is a holiday in the calendar
  });
});

describe('reviews, verification report, registry checks', () => {
  it('schedules reviews by class and tier and lists due and overdue ones', async () => {
    const o = await office();
    const hid = await registry(o);
    expect((await o.clerk.value('reviews.due', { withinDays: 30 })).total).toBe(0);
    // A year on, the dibao household is due; after a review it is not.
    const clerk = await later(o, new Date('2027-12-15T09:00:00Z'), 'clerk1');
    const due = await clerk.value('reviews.due', { withinDays: 30 });
    expect(due.items[0]).toMatchObject({
      householdId: hid,
      tier: 'dibao',
      nextReviewOn: expect.stringMatching(/^2027-1[12]-/),
      overdue: true,
    });
    expect(due.overdue).toBe(1);
    expect(await clerk.call('reviews.record', { householdId: hid, reviewedOn: '2027-12-10', outcome: 'no_change' })).toMatchObject({
      ok: true,
    });
    expect((await clerk.value('reviews.due', { withinDays: 30 })).total).toBe(0);
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
    const r = await o.clerk.value('verification.report', { householdId: hid });
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
    expect(await o.clerk.call('households.create', { household: h })).toMatchObject({ ok: true }); // turns 60 on 2026-03-01
    const r = await o.clerk.value('monitoring.checkRegistry', {});
    expect(r.turned60).toBe(1);
    expect((await o.clerk.value('monitoring.checkRegistry', {})).turned60).toBe(0);
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
    const first = await o.clerk.value('monitoring.checkRegistry', {});
    expect(first.reviewsOverdue).toBeGreaterThanOrEqual(1200);
    expect(raw.prepare(`SELECT COUNT(DISTINCT household_id) FROM warnings WHERE rule = 'review_overdue'`).pluck().get()).toBe(
      first.reviewsOverdue,
    );
    expect((await o.clerk.value('monitoring.checkRegistry', {})).reviewsOverdue).toBe(0);
    expect((await o.clerk.value('monitoring.counts', {})).reviews.overdue).toBe(first.reviewsOverdue);
  });
});
