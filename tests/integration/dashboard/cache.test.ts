/** The dashboard's figures are computed again whenever anything changed since, through this connection or another, or the day turned. */
import { describe, expect, it } from 'vitest';
import { adminService, connectTo, household } from '../../fixtures/builders';
import { dashboardSummary } from '../../../src-main/dashboard/summary';
import { qb, run } from '../../../src-main/db/query';

const NOW = new Date('2026-11-30T09:00:00Z');

describe('dashboard figures', () => {
  it('are kept while nothing changes, and computed again after a write here, a commit elsewhere, a rolled-back write or a new day', async () => {
    const s = await adminService();
    const raw = s.store.raw;
    const hid = (await s.api.value('households.create', { household: household() })).id;
    const first = dashboardSummary(raw, NOW);
    expect(dashboardSummary(raw, NOW)).toBe(first);
    expect(first.referrals.drafted).toBe(0);

    // A write through this connection.
    expect(
      await s.api.call('referrals.create', { householdId: hid, idNumber: null, assistance: 'housing', reason: '房屋漏雨' }),
    ).toMatchObject({
      ok: true,
    });
    const second = dashboardSummary(raw, NOW);
    expect(second).not.toBe(first);
    expect(second.referrals.drafted).toBe(1);
    expect(dashboardSummary(raw, NOW)).toBe(second);

    // A commit by another connection (as the import and scan workers make).
    const other = connectTo(s.file);
    run(other, qb.updateTable('referrals').set({ status: 'pushed', due_date: '2026-11-01' }).where('household_id', '=', hid));
    other.close();
    const third = dashboardSummary(raw, NOW);
    expect(third.referrals.drafted).toBe(0);
    expect(third.queue.overdueReferrals).toBe(1);

    // A write rolled back changes nothing, but is not taken for nothing either.
    raw.exec('BEGIN');
    run(raw, qb.updateTable('referrals').set({ due_date: '2027-01-01' }).where('household_id', '=', hid));
    raw.exec('ROLLBACK');
    const fourth = dashboardSummary(raw, NOW);
    expect(fourth).not.toBe(third);
    expect(fourth).toEqual(third);

    // The next day: overdue counts move with the date.
    expect(dashboardSummary(raw, new Date('2026-12-01T09:00:00Z'))).not.toBe(fourth);
    await s.store.close();
  });
});
