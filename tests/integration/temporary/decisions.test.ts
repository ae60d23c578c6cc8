/**
 * Who decides (docs/rules/temporary-service-recovery.md §11.3) and the limits of §11.4: 一事一议 by two
 * different managers, the second neither the first nor the asker; the same reason twice in a year
 * going case by case with the earlier case named; the same event never twice.
 */
import { describe, expect, it } from 'vitest';
import { CallError } from '../../fixtures/builders';
import { office, quick } from './office';
import { raiseWarning } from '../../../src-main/monitoring/warnings';
import { WorkCalendar } from '../../../src-main/monitoring/calendar';

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

describe('bands', () => {
  it('case by case: two different managers, the second neither the first nor the asker', async () => {
    const o = await office();
    // Dibao, T = 0, r = 50%: E = 40,000 → A = 20,000 > 10 × S = 7,500: 7,500 without, up to 20,000 with 一事一议 (≤ 30 × S).
    const input = {
      track: 'ordinary' as const,
      kind: 'expenditure' as const,
      reason: 'medical' as const,
      eventDate: '2026-11-02',
      householdId: o.dibaoId,
      spendingFen: 4_000_000,
    };
    expect(await o.clerk.value('temporary.assess', input)).toMatchObject({
      amountFen: 750_000,
      computedFen: 2_000_000,
      band: 'case_by_case',
      caseByCase: true,
    });
    const r = await o.mgr2.value('temporary.create', input); // mgr2 asks
    expect(r).toMatchObject({ status: 'pending', band: 'case_by_case', amountFen: 750_000 });
    expect(
      await failure(o.mgr1.value('temporary.decide', { id: r.id, decision: 'approve', amountFen: 2_000_001, reason: '一事一议' })),
    ).toMatchObject({
      code: 'over_band',
    });
    expect(
      await o.mgr1.value('temporary.decide', { id: r.id, decision: 'approve', amountFen: 1_500_000, reason: '大病，一事一议' }),
    ).toEqual({
      status: 'awaiting_second',
      approvedFen: null,
    });
    // Nothing is paid before the second approval.
    expect(await failure(o.clerk.value('temporary.pay', { id: r.id, paidOn: '2026-11-16', amountFen: 100 }))).toMatchObject({
      code: 'not_payable',
    });
    // The first manager cannot confirm twice; the asker cannot confirm; a clerk cannot decide.
    const first = await o.mgr1.value('temporary.get', { id: r.id });
    expect(first.can).toMatchObject({ approve: false, approveWhy: expect.stringMatching(/first approval/) });
    expect(await failure(o.mgr1.value('temporary.decide', { id: r.id, decision: 'approve', reason: '再次同意' }))).toMatchObject({
      code: 'not_allowed',
    });
    expect(await failure(o.mgr2.value('temporary.decide', { id: r.id, decision: 'approve', reason: '同意' }))).toMatchObject({
      code: 'not_allowed',
      message: expect.stringMatching(/asked for this case/),
    });
    expect(await failure(o.clerk.value('temporary.decide', { id: r.id, decision: 'approve', reason: '同意' }))).toMatchObject({
      code: 'forbidden',
    });
    expect(
      await failure(o.mgr3.value('temporary.decide', { id: r.id, decision: 'approve', amountFen: 1_600_000, reason: '同意' })),
    ).toMatchObject({
      code: 'amount_differs',
    });
    expect(await o.mgr3.value('temporary.decide', { id: r.id, decision: 'approve', reason: '同意一事一议' })).toEqual({
      status: 'approved',
      approvedFen: 1_500_000,
    });
    const c = await o.clerk.value('temporary.get', { id: r.id });
    expect(c.decidedBy).toEqual(['mgr1', 'mgr3']);
    expect(c.decisions.map((d) => [d.step, d.username, d.amountFen, d.level])).toEqual([
      ['approve', 'mgr1', 1_500_000, 'county'],
      ['confirm', 'mgr3', 1_500_000, 'county'],
    ]);
    const chain = (await o.clerk.value('chain.list', { householdId: o.dibaoId })).filter((e) => e.refTable === 'temporary_cases');
    expect(chain.map((e) => e.summary)).toEqual([expect.stringMatching(/批准 15,000\.00 元，一事一议权限，mgr1、mgr3决定/)]);
  });

  it('a clerk decides the quick band of an ordinary emergency; the township band is a manager’s, at a level recorded', async () => {
    const o = await office();
    const small = await o.clerk.value('temporary.create', { ...quick(o), track: 'ordinary' });
    expect(small).toMatchObject({ band: 'quick', status: 'pending' });
    expect(await o.clerk.value('temporary.decide', { id: small.id, decision: 'approve', reason: '情况属实' })).toMatchObject({
      status: 'approved',
    });
    // Asked 4 days ago: past the 3 days of 小额快救, so no longer the clerk's; a manager decides.
    const late = await o.clerk.value('temporary.create', {
      ...quick(o),
      track: 'ordinary',
      reason: 'other_emergency',
      eventDate: '2026-11-12',
      requestedOn: '2026-11-12',
    });
    expect(late.band).toBe('quick');
    expect((await o.clerk.value('temporary.get', { id: late.id })).can).toMatchObject({
      approve: false,
      approveWhy: expect.stringMatching(/within 3 days/),
    });
    expect(await failure(o.clerk.value('temporary.decide', { id: late.id, decision: 'approve', reason: '情况属实' }))).toMatchObject({
      code: 'not_allowed',
    });
    expect(await o.mgr1.value('temporary.decide', { id: late.id, decision: 'approve', reason: '情况属实' })).toMatchObject({
      status: 'approved',
    });
    const mid = await o.clerk.value('temporary.create', { ...quick(o), track: 'ordinary', reason: 'accident', requestedFen: 200_000 });
    expect(mid.band).toBe('township');
    await o.mgr1.value('temporary.decide', { id: mid.id, decision: 'approve', reason: '乡镇审批', level: 'township' });
    expect((await o.clerk.value('temporary.get', { id: mid.id })).decisions[0]).toMatchObject({ level: 'township', role: 'manager' });
    const refused = await o.clerk.value('temporary.create', {
      ...quick(o),
      track: 'ordinary',
      reason: 'sudden_illness',
      requestedFen: 800_000,
    });
    expect(refused.band).toBe('case_by_case');
    // Above 3 × S the decision is the county's: a township level is refused, naming the field.
    expect(
      await failure(o.mgr1.value('temporary.decide', { id: refused.id, decision: 'approve', reason: '乡镇审批', level: 'township' })),
    ).toMatchObject({ code: 'not_allowed', field: 'level' });
    expect(await o.mgr1.value('temporary.decide', { id: refused.id, decision: 'refuse', reason: '核查不属实' })).toEqual({
      status: 'refused',
      approvedFen: null,
    });
    expect(await failure(o.mgr2.value('temporary.decide', { id: refused.id, decision: 'approve', reason: '同意' }))).toMatchObject({
      code: 'not_allowed',
    });
    // Above 30 × S an emergency is refused outright.
    expect(
      await failure(o.clerk.value('temporary.create', { ...quick(o), track: 'ordinary', reason: 'disaster', requestedFen: 2_250_001 })),
    ).toMatchObject({
      code: 'not_eligible',
      field: 'requestedFen',
    });
  });
});

describe('limits', () => {
  it('the same reason in the same year needs 一事一议, naming the earlier case; a refused case does not count; a new year starts afresh', async () => {
    const o = await office();
    const first = await o.clerk.value('temporary.create', { ...quick(o), eventId: 'fire-1' });
    expect(first.status).toBe('paid');
    // A quick one for the same reason is refused, naming the earlier case.
    expect(await failure(o.clerk.value('temporary.create', { ...quick(o), eventId: 'fire-2' }))).toMatchObject({
      code: 'same_reason',
      message: expect.stringContaining(first.number),
    });
    // An ordinary one goes case by case, the earlier case shown.
    const preview = await o.clerk.value('temporary.assess', { ...quick(o), track: 'ordinary', eventId: 'fire-2', requestedFen: 30_000 });
    expect(preview).toMatchObject({ band: 'case_by_case', caseByCase: true, earlierCase: first.number });
    expect(preview.reasons.at(-1)?.text).toMatch(
      new RegExp(`already assisted for the same reason \\(fire\\) in 2026 \\(${first.number}\\)`),
    );
    const second = await o.clerk.value('temporary.create', { ...quick(o), track: 'ordinary', eventId: 'fire-2', requestedFen: 30_000 });
    expect(second).toMatchObject({ band: 'case_by_case', earlierCase: first.number });
    expect((await o.clerk.value('temporary.get', { id: second.id })).earlierCase).toBe(first.number);
    // Another reason is free; so is the same reason next year.
    expect((await o.clerk.value('temporary.create', { ...quick(o), reason: 'accident' })).band).toBe('quick');
    o.setNow('2027-01-04T09:00:00Z');
    expect((await o.clerk.value('temporary.create', { ...quick(o), eventId: 'fire-3' })).earlierCase).toBeNull();
  });

  it('the same event is never assisted twice: refused naming the earlier case, unless that one was refused', async () => {
    const o = await office();
    const a = await o.clerk.value('temporary.create', { ...quick(o), track: 'ordinary', eventId: '2026-东街火灾', requestedFen: 200_000 });
    const again = await failure(
      o.clerk.value('temporary.create', { ...quick(o), track: 'ordinary', reason: 'other_emergency', eventId: '2026-东街火灾' }),
    );
    expect(again).toMatchObject({ code: 'same_event', field: 'eventId', message: expect.stringContaining(a.number) });
    // Another household of the same fire is its own case.
    expect((await o.clerk.value('temporary.create', { ...quick(o), householdId: o.plainId, eventId: '2026-东街火灾' })).status).toBe(
      'paid',
    );
    await o.mgr1.value('temporary.decide', { id: a.id, decision: 'refuse', reason: '材料不全' });
    expect(
      (await o.clerk.value('temporary.create', { ...quick(o), track: 'ordinary', eventId: '2026-东街火灾', requestedFen: 200_000 }))
        .earlierCase,
    ).toBeNull();
  });

  it('a warning of disaster leads to a case in one step: the warning is the event, assisted once', async () => {
    const o = await office();
    const member = o.store.raw
      .prepare(`SELECT id, id_number, name FROM members WHERE household_id = ? AND relation = 'head'`)
      .get(o.dibaoId) as {
      id: number;
      id_number: string;
      name: string;
    };
    const area = (o.store.raw.prepare(`SELECT area_id FROM households WHERE id = ?`).get(o.dibaoId) as { area_id: number }).area_id;
    o.store.raw.transaction(() =>
      raiseWarning(o.store.raw, {
        rule: 'disaster',
        householdId: o.dibaoId,
        memberId: member.id,
        idNumber: member.id_number,
        personName: member.name,
        areaId: area,
        evidenceKey: '2026-11-15 洪水',
        evidence: '应急管理部门：2026-11-15 洪水受灾',
        source: 'test',
        importId: null,
        raisedOn: '2026-11-16',
        department: 'emergency_management',
        calendar: WorkCalendar.load(o.store.raw),
        actor: { userId: null, username: 'test' },
      }),
    )();
    const w = (await o.clerk.value('monitoring.queue', { rule: 'disaster' })).items[0];
    const c = await o.clerk.value('temporary.create', {
      ...quick(o),
      track: 'assist_first',
      reason: 'disaster',
      requestedFen: 150_000,
      warningId: w.id,
    });
    const got = await o.clerk.value('temporary.get', { id: c.id });
    expect(got).toMatchObject({ warningId: w.id, eventId: `warning:${w.id}`, status: 'paid' });
    expect(
      await failure(o.clerk.value('temporary.create', { ...quick(o), track: 'ordinary', reason: 'other_emergency', warningId: w.id })),
    ).toMatchObject({
      code: 'same_event',
      message: expect.stringContaining(c.number),
    });
    expect(await failure(o.clerk.value('temporary.create', { ...quick(o), householdId: o.plainId, warningId: w.id }))).toMatchObject({
      field: 'warningId',
    });
  });
});
