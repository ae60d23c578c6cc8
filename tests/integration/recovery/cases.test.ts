/**
 * Recovery of overpaid benefits (docs/rules/temporary-service-recovery.md §13), through the
 * service: a fact with a past date, the determination proposed with it, its approval opening the
 * case from what was actually paid (the closed months' lines) — the fact's own month kept, every
 * later paid month recovered, by the difference with the new determination — and repayments,
 * waivers, the balance, and deductions only by a manager's decision.
 */
import { describe, expect, it } from 'vitest';
import { CallError } from '../../fixtures/builders';
import type { Output } from '../../../src-main/contract';
import { couple, elderAlone, ELDER, office, WIFE, type Office } from './office';

/** The household as it stands, with one member changed. */
type Member = Output<'households.get'>['household']['members'][number];
async function changeMember(o: Office, id: number, idNumber: string, change: (m: Member) => Member) {
  const h = await o.api.value('households.get', { id }, o.clerk);
  const household = { ...h.household, members: h.household.members.map((m) => (m.idNumber === idNumber ? change(m) : m)) };
  await o.api.value('households.update', { id, version: h.version, household }, o.clerk);
}

const error = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof CallError) return e.error;
    throw e;
  }
  throw new Error('expected the call to be refused');
};

describe('a recovery case', () => {
  it('on a death dated inside a paid month: that month is kept, the later paid months are recovered from the estate', async () => {
    const o = await office();
    const hid = await o.create(elderAlone());
    await o.approve(hid); // 2026-07-20: in force from 2026-08
    await o.closeMonths('2026-08', '2026-11');
    const paid = await o.api.value('payments.roster', { month: '2026-11' }, o.manager);
    expect(paid.rows.find((r) => r.householdId === hid)?.amountFen).toBe(107500);

    o.at('2026-11-25T09:00:00Z');
    const { id: factId } = await o.api.value(
      'recovery.recordFact',
      { householdId: hid, kind: 'death', factDate: '2026-10-14', idNumber: ELDER, evidence: '殡葬服务站火化证明' },
      o.clerk,
    );
    const before = await o.api.value('recovery.household', { householdId: hid }, o.clerk);
    expect(before.facts[0]).toMatchObject({ id: factId, paidMonthsAfter: ['2026-11'], caseId: null });
    expect(before.cases).toEqual([]);

    await changeMember(o, hid, ELDER, (m) => ({ ...m, status: 'deceased' }));
    const det = await o.approve(hid, factId);
    const after = await o.api.value('recovery.household', { householdId: hid }, o.clerk);
    expect(after.cases).toHaveLength(1);
    const c = after.cases[0];
    expect(c).toMatchObject({
      number: '追缴〔2026〕1号',
      determinationId: det,
      effectiveMonth: '2026-12',
      newTier: 'none',
      newBenefitFen: 0,
      liableKind: 'estate',
      liableName: '赵桂兰',
      totalFen: 107500,
      balanceFen: 107500,
      status: 'open',
    });
    // October (the death's month) is kept; only November, paid after it, is recovered.
    expect(c.months).toEqual([{ month: '2026-11', paidFen: 107500, dueFen: 0, overpaidFen: 107500 }]);
    expect(after.balanceFen).toBe(107500);
    expect(after.facts[0].caseId).toBe(c.id);
    const chain = await o.api.value('chain.list', { householdId: hid }, o.clerk);
    expect(chain.find((e) => e.item === 'recovery')).toMatchObject({ kind: 'payment', status: 'recovery_opened', amountFen: 107500 });
  });

  it('on income found later: the difference with the lowered benefit for each month paid after the fact’s month', async () => {
    const o = await office();
    const hid = await o.create(couple());
    await o.approve(hid);
    await o.closeMonths('2026-08', '2026-11');
    o.at('2026-11-25T09:00:00Z');
    const { id: factId } = await o.api.value(
      'recovery.recordFact',
      {
        householdId: hid,
        kind: 'income',
        factDate: '2026-09-01',
        idNumber: WIFE,
        evidence: '税务部门个人所得税记录：自 2026年9月 起月工资 1,000 元',
      },
      o.clerk,
    );
    await changeMember(o, hid, WIFE, (m) => ({ ...m, labour: 'employed', monthlyIncome: [{ type: 'wage', amount: 1000 }] }));
    await o.approve(hid, factId);
    const [c] = (await o.api.value('recovery.household', { householdId: hid }, o.clerk)).cases;
    // 1,500 − (1,500 − 1,000 × 70%) = 700 yuan a month, for October and November; September, the fact's month, is kept.
    expect(c.newTier).toBe('dibao');
    expect(c.newBenefitFen).toBe(80000);
    expect(c.liableKind).toBe('head');
    expect(c.liableName).toBe('孙建军');
    expect(c.months).toEqual([
      { month: '2026-10', paidFen: 150000, dueFen: 80000, overpaidFen: 70000 },
      { month: '2026-11', paidFen: 150000, dueFen: 80000, overpaidFen: 70000 },
    ]);
    expect(c.totalFen).toBe(140000);
  });

  it('records repayments and a manager’s waiver, keeps the balance, and deducts only by a manager’s recorded decision', async () => {
    const o = await office();
    const hid = await o.create(couple());
    await o.approve(hid);
    await o.closeMonths('2026-08', '2026-11');
    o.at('2026-11-25T09:00:00Z');
    const { id: factId } = await o.api.value(
      'recovery.recordFact',
      { householdId: hid, kind: 'income', factDate: '2026-09-01', idNumber: WIFE, evidence: '工资收入' },
      o.clerk,
    );
    await changeMember(o, hid, WIFE, (m) => ({ ...m, labour: 'employed', monthlyIncome: [{ type: 'wage', amount: 1000 }] }));
    await o.approve(hid, factId);
    const caseId = (await o.api.value('recovery.household', { householdId: hid }, o.clerk)).cases[0].id;

    // No deduction without a decision: December's roster pays the new amount in full.
    const dec = async () => (await o.api.value('payments.roster', { month: '2026-12' }, o.manager)).rows.find((r) => r.householdId === hid);
    expect(await dec()).toMatchObject({ amountFen: 80000, adjustFen: 0 });
    // A deduction never takes a month below nothing: December pays 800 yuan.
    expect(
      await error(
        o.api.value('recovery.deduct', { caseId, months: [{ month: '2026-12', amountFen: 90000 }], reason: '经本人同意抵扣' }, o.manager),
      ),
    ).toMatchObject({ code: 'over_payment' });

    await o.api.value('recovery.repay', { caseId, date: '2026-11-25', amountFen: 50000, note: '现金退还' }, o.clerk);
    expect(await error(o.api.value('recovery.repay', { caseId, date: '2026-11-26', amountFen: 1, note: '' }, o.clerk))).toMatchObject({
      field: 'date',
    });
    // Waivers and deductions are a manager's: the clerk is refused before anything is written.
    expect(await error(o.api.value('recovery.waive', { caseId, amountFen: 20000, reason: '家庭困难，酌情减免' }, o.clerk))).toMatchObject({
      code: 'forbidden',
    });
    await o.api.value('recovery.waive', { caseId, amountFen: 20000, reason: '家庭困难，酌情减免' }, o.manager);
    let c = await o.api.value('recovery.case', { id: caseId }, o.clerk);
    expect(c).toMatchObject({ totalFen: 140000, repaidFen: 50000, waivedFen: 20000, balanceFen: 70000, openFen: 70000 });
    expect(await error(o.api.value('recovery.repay', { caseId, date: '2026-11-25', amountFen: 70001 }, o.clerk))).toMatchObject({
      code: 'over_balance',
      field: 'amountFen',
    });
    expect(await dec()).toMatchObject({ amountFen: 80000, adjustFen: 0 });

    expect(
      await error(
        o.api.value('recovery.deduct', { caseId, months: [{ month: '2026-12', amountFen: 30000 }], reason: '经本人同意抵扣' }, o.clerk),
      ),
    ).toMatchObject({ code: 'forbidden' });
    // A month closed already, or more than the month pays, is refused.
    expect(
      await error(
        o.api.value('recovery.deduct', { caseId, months: [{ month: '2026-11', amountFen: 30000 }], reason: '经本人同意抵扣' }, o.manager),
      ),
    ).toMatchObject({ code: 'month_closed' });
    expect(
      await error(
        o.api.value('recovery.deduct', { caseId, months: [{ month: '2026-12', amountFen: 80001 }], reason: '经本人同意抵扣' }, o.manager),
      ),
    ).toMatchObject({ code: 'over_balance' });
    await o.api.value('recovery.deduct', { caseId, months: [{ month: '2026-12', amountFen: 30000 }], reason: '经本人同意抵扣' }, o.manager);
    expect(await dec()).toMatchObject({ amountFen: 50000, adjustFen: -30000 });
    c = await o.api.value('recovery.case', { id: caseId }, o.clerk);
    expect(c).toMatchObject({ scheduledFen: 30000, deductedFen: 0, balanceFen: 70000, openFen: 40000 });

    // Once December is closed the deduction is recovered.
    await o.closeMonths('2026-12', '2026-12');
    c = await o.api.value('recovery.case', { id: caseId }, o.clerk);
    expect(c).toMatchObject({ scheduledFen: 0, deductedFen: 30000, balanceFen: 40000, status: 'open' });
    expect(c.entries.map((e) => [e.kind, e.amountFen])).toEqual([
      ['repayment', 50000],
      ['waiver', 20000],
      ['deduction', 30000],
    ]);
    await o.api.value('recovery.repay', { caseId, date: '2026-12-20', amountFen: 40000 }, o.clerk);
    c = await o.api.value('recovery.case', { id: caseId }, o.clerk);
    expect(c).toMatchObject({ balanceFen: 0, status: 'settled' });
    const ledger = await o.api.value('recovery.ledger', {}, o.manager);
    expect(ledger.map((x) => [x.number, x.balanceFen])).toEqual([['追缴〔2026〕1号', 0]]);
    expect(await o.api.value('recovery.ledger', { open: true }, o.manager)).toEqual([]);
  });

  it('opens no case when the determination with the fact does not lower what was paid', async () => {
    const o = await office();
    const hid = await o.create(couple());
    await o.approve(hid);
    await o.closeMonths('2026-08', '2026-09');
    o.at('2026-09-25T09:00:00Z');
    const { id: factId } = await o.api.value(
      'recovery.recordFact',
      { householdId: hid, kind: 'moved_away', factDate: '2026-08-10', evidence: '经核实无人迁出（误报）' },
      o.clerk,
    );
    await o.approve(hid, factId);
    expect((await o.api.value('recovery.household', { householdId: hid }, o.clerk)).cases).toEqual([]);
  });
});
