/**
 * Recording temporary assistance through the service (docs/rules/temporary-service-recovery.md §11.1,
 * §11.2, §11.5): small quick assistance decided and paid at once, a non-local person without a
 * household, an expenditure case computed, decided by a manager and paid in stages, and the case on
 * the household's chain and happiness list.
 */
import { describe, expect, it } from 'vitest';
import { CallError, rowCount } from '../../fixtures/builders';
import { NON_LOCAL, office, quick, SPOUSE } from './office';

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

describe('small quick assistance (小额快救)', () => {
  it('a clerk records it: decided and paid at once from the township standby fund, on the chain and the happiness list', async () => {
    const o = await office();
    const r = await o.clerk.value('temporary.create', quick(o, { idNumber: SPOUSE }));
    expect(r).toMatchObject({ number: 'LS-2026-000001', status: 'paid', band: 'quick', amountFen: 50_000 });
    const c = await o.clerk.value('temporary.get', { id: r.id });
    expect(c).toMatchObject({
      personName: '李秀英',
      idNumber: SPOUSE,
      nonLocal: false,
      paidFrom: 'standby_fund',
      decidedBy: ['clerk1'],
      paidFen: 50_000,
    });
    expect(c.payments).toEqual([{ stage: 1, paidOn: '2026-11-16', amountFen: 50_000, paidFrom: 'standby_fund', recordedBy: 'clerk1' }]);
    expect(c.reasons.map((x) => x.rule)).toEqual(['temporary.tier', 'temporary.standard', 'temporary.requested', 'temporary.band']);
    const fund = await o.clerk.value('temporary.fund', { townshipId: o.chengguan, year: 2026 });
    expect(fund).toMatchObject({ allocatedFen: 2_000_000, paidFen: 50_000, balanceFen: 1_950_000 });
    expect(fund.entries.map((e) => [e.kind, e.amountFen, e.caseNumber])).toEqual([
      ['allocation', 2_000_000, null],
      ['payment', -50_000, 'LS-2026-000001'],
    ]);
    const chain = await o.clerk.value('chain.list', { householdId: o.dibaoId });
    const mine = chain.filter((e) => e.refTable === 'temporary_cases');
    expect(mine.map((e) => [e.kind, e.status, e.amountFen, e.idNumber])).toEqual(
      expect.arrayContaining([
        ['determination', 'approved', 50_000, SPOUSE],
        ['payment', 'paid', 50_000, SPOUSE],
      ]),
    );
    expect(mine.find((e) => e.kind === 'payment')?.summary).toMatch(
      /发放临时救助金 500\.00 元（LS-2026-000001，急难型·火灾·小额快救，乡镇备用金支付）/,
    );
    const happy = await o.clerk.value('chain.happiness', { householdId: o.dibaoId });
    expect(happy.items.find((i) => i.assistance === 'temporary')).toMatchObject({
      status: 'received',
      amountFen: 50_000,
      personName: '李秀英',
      item: 'LS-2026-000001 急难型',
    });
  });

  it('is refused above 1 × S, for an expenditure, or more than 3 days after the request', async () => {
    const o = await office();
    expect(await failure(o.clerk.value('temporary.create', quick(o, { requestedFen: 75_001 })))).toMatchObject({
      code: 'over_band',
      field: 'requestedFen',
      message: expect.stringMatching(/at most 750\.00 yuan/),
    });
    expect(await o.clerk.value('temporary.create', quick(o, { requestedFen: 75_000 }))).toMatchObject({ band: 'quick', status: 'paid' });
    expect(
      await failure(o.clerk.value('temporary.create', quick(o, { kind: 'expenditure', reason: 'medical', spendingFen: 100_000 }))),
    ).toMatchObject({
      field: 'track',
    });
    expect(
      await failure(
        o.clerk.value('temporary.create', quick(o, { reason: 'accident', eventDate: '2026-11-10', requestedOn: '2026-11-12' })),
      ),
    ).toMatchObject({ code: 'quick_too_late', field: 'requestedOn' });
    expect(
      await o.clerk.value('temporary.create', quick(o, { reason: 'accident', eventDate: '2026-11-12', requestedOn: '2026-11-13' })),
    ).toMatchObject({ status: 'paid' });
  });

  it('a non-local person is recorded without a household, for quick or assist-first help only', async () => {
    const o = await office();
    const before = rowCount(o.store.raw, 'households');
    const nonLocal = {
      idNumber: NON_LOCAL,
      name: '陈流动',
      hukouPlace: '四川省成都市',
      phone: '13800000000',
      residence: 'urban' as const,
      townshipId: o.chengguan,
    };
    const r = await o.clerk.value('temporary.create', { ...quick(o), householdId: null, nonLocal, reason: 'accident' });
    expect(r.status).toBe('paid');
    expect(rowCount(o.store.raw, 'households')).toBe(before);
    const c = await o.clerk.value('temporary.get', { id: r.id });
    expect(c).toMatchObject({
      nonLocal: true,
      householdId: null,
      idNumber: NON_LOCAL,
      personName: '陈流动',
      hukouPlace: '四川省成都市',
      phone: '13800000000',
      township: '城关镇',
    });
    // The non-local person's record: their cases by ID number.
    expect((await o.clerk.value('temporary.list', { q: NON_LOCAL })).items.map((x) => x.number)).toEqual([c.number]);
    expect(
      await failure(o.clerk.value('temporary.create', { ...quick(o), householdId: null, nonLocal, track: 'ordinary', reason: 'disaster' })),
    ).toMatchObject({
      field: 'track',
    });
    expect(
      await failure(
        o.clerk.value('temporary.create', {
          ...quick(o),
          householdId: null,
          nonLocal: { ...nonLocal, idNumber: '510104198808080331' },
          reason: 'disaster',
        }),
      ),
    ).toMatchObject({ field: 'nonLocal.idNumber' });
    // The administrator sees the list masked (§8).
    const admin = (await o.admin.value('temporary.list', {})).items[0];
    expect(admin.personName).toBe('陈*动');
    expect(admin.idNumber).toMatch(/^510104\*{8}/);
  });
});

describe('an expenditure case (支出型)', () => {
  it('is computed by §11.2, decided by a manager (not a clerk) and paid in stages', async () => {
    const o = await office();
    // Dibao, T = 0, r = 50%: E = 4,000.01 → A = 2,000.005 → 2,000.01: township band.
    const preview = await o.clerk.value('temporary.assess', {
      kind: 'expenditure',
      reason: 'medical',
      eventDate: '2026-11-02',
      householdId: o.dibaoId,
      spendingFen: 400_001,
    });
    expect(preview).toMatchObject({
      eligible: true,
      amountFen: 200_001,
      computedFen: 200_001,
      band: 'township',
      tier: 'dibao',
      caseByCase: false,
    });
    const r = await o.clerk.value('temporary.create', {
      track: 'ordinary',
      kind: 'expenditure',
      reason: 'medical',
      eventDate: '2026-11-02',
      householdId: o.dibaoId,
      spendingFen: 400_001,
      receiptsFen: 400_001,
    });
    expect(r).toMatchObject({ status: 'pending', band: 'township', amountFen: 200_001 });
    const asClerk = await o.clerk.value('temporary.get', { id: r.id });
    expect(asClerk.can).toMatchObject({ approve: false, approveWhy: expect.stringMatching(/manager decides this band/) });
    expect(await failure(o.clerk.value('temporary.decide', { id: r.id, decision: 'approve', reason: '同意救助' }))).toMatchObject({
      code: 'forbidden',
    });
    expect(
      await failure(o.mgr1.value('temporary.decide', { id: r.id, decision: 'approve', amountFen: 200_002, reason: '同意' })),
    ).toMatchObject({
      code: 'over_band',
    });
    expect(await o.mgr1.value('temporary.decide', { id: r.id, decision: 'approve', reason: '经核对同意救助' })).toEqual({
      status: 'approved',
      approvedFen: 200_001,
    });
    expect(await o.clerk.value('temporary.pay', { id: r.id, paidOn: '2026-11-16', amountFen: 100_000 })).toMatchObject({
      stage: 1,
      status: 'approved',
      paidFen: 100_000,
    });
    expect(await failure(o.clerk.value('temporary.pay', { id: r.id, paidOn: '2026-11-16', amountFen: 100_002 }))).toMatchObject({
      code: 'over_approved',
    });
    expect(await o.clerk.value('temporary.pay', { id: r.id, paidOn: '2026-11-16', amountFen: 100_001 })).toMatchObject({
      stage: 2,
      status: 'paid',
    });
    // Paid by the county, not the standby fund.
    expect((await o.clerk.value('temporary.fund', { townshipId: o.chengguan, year: 2026 })).paidFen).toBe(0);
    const payments = (await o.clerk.value('chain.list', { householdId: o.dibaoId })).filter((e) => e.kind === 'payment');
    expect(payments.map((p) => p.amountFen).sort()).toEqual([100_000, 100_001]);
    expect(payments.find((p) => p.amountFen === 100_001)?.summary).toMatch(/第 2 次，县级支付/);
    expect((await o.clerk.value('temporary.get', { id: r.id })).payments.map((p) => p.stage)).toEqual([1, 2]);
  });

  it('a refusal at step 2 or 5 is not recorded: the reason comes back with its figures', async () => {
    const o = await office('2026-11-16T09:00:00Z');
    // No tier, rural, pension 1,000: I = 12,000, T = 2,400; E = 2,400.00 is not above it.
    const e = await failure(
      o.clerk.value('temporary.create', {
        track: 'ordinary',
        kind: 'expenditure',
        reason: 'education',
        eventDate: '2026-11-02',
        householdId: o.plainId,
        spendingFen: 240_000,
      }),
    );
    expect(e).toMatchObject({ code: 'not_eligible', field: 'spendingFen' });
    expect(e.message).toBe(
      "[temporary.threshold] Spending threshold (steps 4–5): spending does not exceed 20% of the household's income: E 2,400.00 ≤ T = 20% × 12,000.00 = 2,400.00: refused",
    );
    expect(rowCount(o.store.raw, 'temporary_cases')).toBe(0);
    // A fen above: eligible, but A = 0.01 × 40% = 0.004 rounds to 0.00 — nothing to pay, nothing recorded.
    const zero = await failure(
      o.mgr1.value('temporary.create', {
        track: 'ordinary',
        kind: 'expenditure',
        reason: 'education',
        eventDate: '2026-11-02',
        householdId: o.plainId,
        spendingFen: 240_001,
      }),
    );
    expect(zero).toMatchObject({ code: 'not_eligible', message: 'The computed amount is 0.00: nothing to pay.' });
    // A person with too much income: refused at step 2, showing p and the limit (rural: 21,000 ÷ 12 = 1,750).
    await o.clerk.value('households.update', {
      id: o.plainId,
      version: (await o.clerk.value('households.get', { id: o.plainId })).version,
      household: {
        ...(await o.clerk.value('households.get', { id: o.plainId })).household,
        members: [
          {
            ...(await o.clerk.value('households.get', { id: o.plainId })).household.members[0],
            monthlyIncome: [{ type: 'pension', amount: 1750.01 }],
          },
        ],
      },
    });
    const rich = await failure(
      o.clerk.value('temporary.create', {
        track: 'ordinary',
        kind: 'expenditure',
        reason: 'education',
        eventDate: '2026-11-02',
        householdId: o.plainId,
        spendingFen: 900_000,
      }),
    );
    expect(rich).toMatchObject({
      code: 'not_eligible',
      field: 'householdId',
      message: expect.stringMatching(/p = 1,750\.01 > PCDI 21,000\.00 ÷ 12 = 1,750\.00: refused/),
    });
  });
});
