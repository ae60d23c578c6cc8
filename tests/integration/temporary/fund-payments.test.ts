/**
 * The standby fund (docs/rules/temporary-service-recovery.md §11.4), one-off payments locked by month close
 * (§11.5), and the 先行救助 paperwork deadline in working days of the office calendar, raising
 * `temporary.paperwork_overdue` on the monitoring queue (§11.1).
 */
import { describe, expect, it } from 'vitest';
import { CallError } from '../../fixtures/builders';
import { NON_LOCAL, office, quick } from './office';

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => {
      if (!(e instanceof CallError)) throw e;
      return e.error;
    },
  );

describe('the standby fund', () => {
  it('refuses a payment larger than the balance; the county tops it up with an allocation entry, then it pays', async () => {
    const o = await office();
    // A lower yearly allocation from 2026 on, so that a few assist-first payments exhaust it.
    // Asked by the director, confirmed by another manager (docs/security.md "Roles and the two-person rule").
    const asked = await o.api.value('temporary.addParameter', {
      parameterId: 'temporary.standbyFund',
      effectiveFrom: '2026-01-01',
      value: 400_000,
      note: '测试',
    });
    await o.mgr1.value('requests.confirm', { id: asked.id });
    const assist = (reason: 'fire' | 'accident' | 'disaster', fen: number) =>
      o.clerk.value('temporary.create', { ...quick(o), track: 'assist_first', reason, requestedFen: fen });
    await assist('fire', 200_000);
    await assist('accident', 150_000);
    expect((await o.clerk.value('temporary.fund', { townshipId: o.chengguan, year: 2026 })).balanceFen).toBe(50_000);
    const over = await failure(assist('disaster', 50_001));
    expect(over).toMatchObject({
      code: 'fund_insufficient',
      field: 'paidFrom',
      message: expect.stringMatching(/has 500\.00 yuan left for 2026, less than 500\.01/),
    });
    // Nothing of the refused case is left behind.
    expect((await o.clerk.value('temporary.list', {})).total).toBe(2);
    expect(
      await failure(
        o.clerk.value('temporary.topUp', { townshipId: o.chengguan, year: 2026, amountFen: 100_000, onDate: '2026-11-16', note: '追加' }),
      ),
    ).toMatchObject({
      code: 'forbidden',
    });
    expect(
      await o.mgr1.value('temporary.topUp', {
        townshipId: o.chengguan,
        year: 2026,
        amountFen: 100_000,
        onDate: '2026-11-16',
        note: '县级追加备用金',
      }),
    ).toEqual({
      balanceFen: 150_000,
    });
    expect((await assist('disaster', 50_001)).status).toBe('paid');
    const fund = await o.clerk.value('temporary.fund', { townshipId: o.chengguan, year: 2026 });
    expect(fund.entries.map((e) => [e.kind, e.amountFen, e.balanceFen])).toEqual([
      ['allocation', 400_000, 400_000],
      ['payment', -200_000, 200_000],
      ['payment', -150_000, 50_000],
      ['top_up', 100_000, 150_000],
      ['payment', -50_001, 99_999],
    ]);
    expect(fund).toMatchObject({ allocatedFen: 500_000, paidFen: 400_001, balanceFen: 99_999 });
    // Another township's fund is its own; paying from the county never touches a fund.
    expect((await o.clerk.value('temporary.fund', { townshipId: o.hexi, year: 2026 })).entries).toEqual([
      expect.objectContaining({ id: null, kind: 'allocation', amountFen: 400_000, balanceFen: 400_000 }),
    ]);
    // The database refuses an overdraft too, whatever the code does.
    expect(() =>
      o.store.raw
        .prepare(
          `INSERT INTO temporary_fund_entries (township_id, year, kind, amount_fen, on_date, recorded_by, recorded_at) VALUES (?, 2026, 'payment', -100000, '2026-11-16', 'x', 'x')`,
        )
        .run(o.chengguan),
    ).toThrow(/standby fund cannot cover/);
  });
});

describe('one-off payments in the month paid, locked by month close', () => {
  it('a payment dated in a closed month is refused; in the open month it is in that month’s ledger', async () => {
    const o = await office();
    const c = await o.clerk.value('temporary.create', {
      ...quick(o),
      track: 'ordinary',
      requestedFen: 200_000,
      eventDate: '2026-10-20',
      requestedOn: '2026-10-21',
    });
    await o.mgr1.value('temporary.decide', { id: c.id, decision: 'approve', reason: '同意' });
    await o.mgr1.value('payments.close', { month: '2026-10' });
    expect(await failure(o.clerk.value('temporary.pay', { id: c.id, paidOn: '2026-10-30', amountFen: 200_000 }))).toMatchObject({
      code: 'month_closed',
      field: 'paidOn',
    });
    const ok = await o.clerk.value('temporary.pay', { id: c.id, paidOn: '2026-11-02', amountFen: 200_000 });
    expect(ok.status).toBe('paid');
    const row = o.store.raw.prepare(`SELECT month FROM temporary_payments WHERE case_id = ?`).get(c.id) as { month: string };
    expect(row.month).toBe('2026-11');
    expect(await o.clerk.value('temporary.month', { month: '2026-11' })).toEqual({
      month: '2026-11',
      payments: 1,
      totalFen: 200_000,
      closed: false,
    });
    expect(await o.clerk.value('temporary.month', { month: '2026-10' })).toEqual({
      month: '2026-10',
      payments: 0,
      totalFen: 0,
      closed: true,
    });
    // Not on the roster of recurring benefits.
    const roster = await o.clerk.value('payments.roster', { month: '2026-11' });
    expect(roster.rows.every((r) => r.amountFen !== 200_000 || r.householdId !== o.dibaoId)).toBe(true);
    // Once 2026-11 is closed its payments are locked: the database refuses a new one dated in it.
    await o.mgr1.value('payments.close', { month: '2026-11' });
    expect((await o.clerk.value('temporary.month', { month: '2026-11' })).closed).toBe(true);
    expect(() =>
      o.store.raw
        .prepare(
          `INSERT INTO temporary_payments (case_id, stage, paid_on, month, amount_fen, paid_from, township_id, recorded_by, recorded_at)
            VALUES (?, 2, '2026-11-20', '2026-11', 1, 'county', ?, 'x', 'x')`,
        )
        .run(c.id, o.chengguan),
    ).toThrow(/month of this payment is closed/);
    expect(() => o.store.raw.prepare(`UPDATE temporary_payments SET amount_fen = 1`).run()).toThrow(/append-only/);
    // A quick assistance paid today (in the closed month) is refused as a whole.
    expect(await failure(o.clerk.value('temporary.create', { ...quick(o), reason: 'accident' }))).toMatchObject({ code: 'month_closed' });
  });
});

describe('assist-first paperwork (先行救助)', () => {
  it('is due 10 working days after paying, on the office calendar; overdue raises one urgent warning on the queue', async () => {
    const o = await office('2026-09-30T09:00:00Z');
    // National Day: 1–7 October off, Saturday 10 October a make-up workday.
    const cal = o.store.raw.prepare(`INSERT INTO work_calendar (date, kind, name) VALUES (?, ?, '国庆')`);
    for (let d = 1; d <= 7; d++) cal.run(`2026-10-0${d}`, 'holiday');
    cal.run('2026-10-10', 'workday');
    const c = await o.clerk.value('temporary.create', { ...quick(o), track: 'assist_first', reason: 'disaster', requestedFen: 200_000 });
    expect(c).toMatchObject({ status: 'paid', band: 'township' });
    // 8, 9, 10 (Sat, make-up), 12–16, 19, 20 October: the tenth working day is the 20th.
    expect(await o.clerk.value('temporary.paperworkDue', {})).toEqual([
      expect.objectContaining({ number: c.number, paidOn: '2026-09-30', dueOn: '2026-10-20', done: false, overdue: false }),
    ]);
    o.setNow('2026-10-20T18:00:00Z');
    expect(await o.clerk.value('temporary.checkPaperwork', {})).toEqual({ raised: 0, overdue: 0, overdueNonLocal: 0 });
    o.setNow('2026-10-21T09:00:00Z');
    expect(await o.clerk.value('temporary.checkPaperwork', {})).toEqual({ raised: 1, overdue: 1, overdueNonLocal: 0 });
    // Once only; the monitoring check finds it too and raises nothing new.
    expect(await o.clerk.value('temporary.checkPaperwork', {})).toMatchObject({ raised: 0, overdue: 1 });
    await o.clerk.value('monitoring.checkRegistry', {});
    const q = await o.clerk.value('monitoring.queue', { rule: 'temporary.paperwork_overdue' });
    expect(q.items).toEqual([
      expect.objectContaining({
        rule: 'temporary.paperwork_overdue',
        severity: 'urgent',
        householdId: o.dibaoId,
        raisedOn: '2026-10-21',
        ruleText: '先行救助手续逾期未补齐',
      }),
    ]);
    expect(q.items[0].evidence).toContain(`先行救助 ${c.number} 于 2026-09-30 支付，手续应于 2026-10-20 前补齐`);
    // Completing it: verification, a home visit by two staff, publicity (above 1 × S).
    expect(
      await failure(
        o.clerk.value('temporary.paperwork', {
          id: c.id,
          verifiedOn: '2026-10-21',
          visitedOn: '2026-10-21',
          visitStaff: ['张'],
          note: '补办',
        }),
      ),
    ).toMatchObject({
      code: 'visit_needs_two',
    });
    expect(
      await failure(
        o.clerk.value('temporary.paperwork', {
          id: c.id,
          verifiedOn: '2026-10-21',
          visitedOn: '2026-10-21',
          visitStaff: ['张', '李'],
          note: '补办',
        }),
      ),
    ).toMatchObject({
      field: 'publicityFrom',
    });
    await o.clerk.value('temporary.paperwork', {
      id: c.id,
      verifiedOn: '2026-10-21',
      visitedOn: '2026-10-21',
      visitStaff: ['张', '李'],
      publicityFrom: '2026-10-21',
      note: '手续补齐',
    });
    expect((await o.clerk.value('temporary.paperworkDue', {}))[0]).toMatchObject({ done: true, overdue: false });
    expect((await o.clerk.value('temporary.get', { id: c.id })).paperwork[0]).toMatchObject({
      visitStaff: ['张', '李'],
      publicityFrom: '2026-10-21',
    });
  });

  it('is counted, not raised on the queue, for a non-local person (no household)', async () => {
    const o = await office('2026-11-02T09:00:00Z');
    const nonLocal = { idNumber: NON_LOCAL, name: '陈流动', hukouPlace: '四川', residence: 'rural' as const, townshipId: o.hexi };
    await o.clerk.value('temporary.create', { ...quick(o), householdId: null, nonLocal, track: 'assist_first', requestedFen: 100_000 });
    o.setNow('2026-11-30T09:00:00Z');
    expect(await o.clerk.value('temporary.checkPaperwork', {})).toEqual({ raised: 0, overdue: 1, overdueNonLocal: 1 });
  });
});
