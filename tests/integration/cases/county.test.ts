/**
 * What the county sees of the townships' cases (docs/rules/workstations.md, "Delegation, time limits and checks"): delegated
 * decisions filed and listed, the monthly spot-check draw reproducible from its seed (≥ 1, 10%), a finding opening a warning,
 * the per-township progress, the dashboard's overdue count, and an approved determination closing its case.
 */
import { describe, expect, it } from 'vitest';
import { drawSample } from '../../../src-main/cases/spot-checks';
import { office, toPublicity } from './helpers';

describe('spot checks', () => {
  it('draws a seeded sample of the cases decided at townships: the same seed gives the same list; 10%, at least 1', () => {
    const pop = Array.from({ length: 37 }, (_, i) => i + 1);
    const a = drawSample(pop, 20261001);
    expect(a).toEqual(drawSample([...pop].reverse(), 20261001));
    expect(a).toHaveLength(4);
    expect(new Set(a).size).toBe(4);
    expect(drawSample(pop, 20261002)).not.toEqual(a);
    expect(drawSample([7], 1)).toEqual([7]);
    expect(drawSample([1, 2, 3], 5)).toHaveLength(1);
    expect(drawSample(pop, 9, 50)).toHaveLength(19);
  });

  it('stores the draw, lists it, and a finding on re-visit opens a warning', async () => {
    const s = await office('2026-09-01');
    const { api, clerk, manager } = s;
    // Only delegated decisions may be made at a township.
    const one = await toPublicity(s, await s.newHousehold(), '2026-09-01');
    s.setDate('2026-09-10');
    const notDelegated = await api.call(
      'cases.decide',
      { id: one, on: '2026-09-10', decision: 'decided', level: 'township', reason: '符合' },
      manager,
    );
    expect(!notDelegated.ok && notDelegated.error.code).toBe('not_delegated');
    await api.value(
      'cases.setDelegation',
      { effectiveFrom: '2026-01-01', townshipsDecideDibao: true, townshipsDecideTekun: false, temporaryBandFen: 100_000 },
      manager,
    );
    s.setDate('2026-09-01');
    const ids = [one];
    for (let i = 0; i < 11; i++) ids.push(await toPublicity(s, await s.newHousehold(i % 2 ? '城关镇' : '河西乡', '一村'), '2026-09-01'));
    s.setDate('2026-09-10');
    for (const id of ids)
      await api.value('cases.decide', { id, on: '2026-09-10', decision: 'decided', level: 'township', reason: '符合条件' }, manager);
    // Filed with the county: listed as decided at a township.
    expect((await api.value('cases.list', { decidedAtTownship: true }, clerk)).total).toBe(12);
    s.setDate('2026-10-02');
    const forbidden = await api.call('cases.spotDraw', { month: '2026-09', seed: 42 }, clerk);
    expect(!forbidden.ok && forbidden.error.code).toBe('forbidden');
    await api.value('cases.spotDraw', { month: '2026-09', seed: 42 }, manager);
    const list = (await api.value('cases.spotList', { month: '2026-09' }, clerk))!;
    expect(list).toMatchObject({ seed: 42, percent: 10, population: 12 });
    expect(list.items.map((i) => i.caseId)).toEqual(drawSample(ids, 42));
    expect(list.items).toHaveLength(2);
    const again = await api.call('cases.spotDraw', { month: '2026-09', seed: 43 }, manager);
    expect(!again.ok && again.error.code).toBe('already_drawn');
    const [first, second] = list.items;
    expect(
      (
        await api.value(
          'cases.spotRecord',
          { itemId: first.id, visitedOn: '2026-10-02', staff: ['县局赵六', '县局钱七'], outcome: 'confirmed', note: '情况属实' },
          clerk,
        )
      ).warningId,
    ).toBeNull();
    const { warningId } = await api.value(
      'cases.spotRecord',
      { itemId: second.id, visitedOn: '2026-10-02', staff: ['县局赵六', '县局钱七'], outcome: 'finding', note: '家中新购轿车一辆' },
      clerk,
    );
    expect(warningId).not.toBeNull();
    const w = await api.value('monitoring.get', { id: warningId! }, clerk);
    expect(w).toMatchObject({ rule: 'spot_check', status: 'open' });
    const dup = await api.call(
      'cases.spotRecord',
      { itemId: second.id, visitedOn: '2026-10-02', staff: ['甲', '乙'], outcome: 'confirmed', note: '—' },
      clerk,
    );
    expect(!dup.ok && dup.error.code).toBe('already_recorded');
  });
});

describe('the county counts the townships', () => {
  it('per township: received, decided, overdue and average working days; the dashboard counts overdue cases', async () => {
    const s = await office('2026-09-01');
    const { api, clerk, manager } = s;
    const a = await toPublicity(s, await s.newHousehold('城关镇'), '2026-09-01');
    await api.value(
      'cases.open',
      { householdId: await s.newHousehold('河西乡'), tierApplied: 'dibao', receivedOn: '2026-09-01', relativeOfStaff: false },
      clerk,
    );
    s.setDate('2026-09-03');
    await api.value(
      'cases.open',
      { householdId: await s.newHousehold('河西乡'), tierApplied: 'tekun', receivedOn: '2026-09-03', relativeOfStaff: false },
      clerk,
    );
    s.setDate('2026-09-08');
    await api.value('cases.decide', { id: a, on: '2026-09-08', decision: 'decided', reason: '符合条件' }, manager);
    // 2026-09-08: 河西乡's first is past its 3 days (due 09-04), the second (due 09-08) is not yet.
    const progress = await api.value('cases.townships', { month: '2026-09' }, clerk);
    expect(progress.find((p) => p.township === '城关镇')).toMatchObject({ received: 1, decided: 1, overdue: 0, averageWorkingDays: 5 });
    expect(progress.find((p) => p.township === '河西乡')).toMatchObject({
      received: 2,
      decided: 0,
      open: 2,
      overdue: 1,
      averageWorkingDays: null,
    });
    const dash = await api.value('dashboard.summary', {}, clerk);
    expect(dash.queue.overdueCases).toBe(1);
    // No office calendar imported: the dashboard warns that deadlines count weekends only.
    expect(dash.cases.calendarGaps).toEqual(['2026', '2027']);
    const hexi = progress.find((p) => p.township === '河西乡')!;
    expect(dash.cases.overdueByTownship).toEqual({ 河西乡: { townshipId: hexi.townshipId, n: 1 } });
    // The dashboard's number is exactly the list it links to.
    expect((await api.value('cases.list', { overdue: true, townshipId: hexi.townshipId }, clerk)).total).toBe(1);
    const sorted = await api.value('cases.list', { sort: 'receivedOn', desc: true }, clerk);
    expect(sorted.items.map((r) => r.receivedOn)).toEqual(['2026-09-03', '2026-09-01', '2026-09-01']);
    expect(sorted.calendarGaps).toEqual(['2026', '2027']);
    const x = await api.value('cases.export', { overdue: true }, clerk);
    expect(x).toMatchObject({ rows: 1 });
    expect(x.fileName).toMatch(/\.xlsx$/);
  });

  it('an approved determination closes a case whose publicity is over', async () => {
    const s = await office('2026-11-02');
    const { api, clerk, manager } = s;
    const hid = await s.newHousehold();
    const id = await toPublicity(s, hid, '2026-11-02');
    s.setDate('2026-11-10');
    const p = (await api.value('determinations.propose', { householdId: hid, referenceDate: '2026-11-01' }, clerk)).id;
    await api.value('determinations.decide', { id: p, decision: 'approved', reason: '经公示无异议' }, manager);
    const c = await api.value('cases.get', { id }, clerk);
    // A head alone without income: the engine grants dibao, so the application is decided (not refused).
    expect(c.stage).toBe('decided');
    expect(c.events.at(-1)).toMatchObject({
      onDate: '2026-11-10',
      recordedBy: 'mgr1',
      detail: expect.objectContaining({ determinationId: p }),
    });
  });
});
