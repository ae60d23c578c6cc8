/**
 * A death found late in the public-security file (docs/rules/temporary-service-recovery.md §13,
 * docs/rules/assistance.md §4.2 "overpayment flagged"): the import's apply records the fact for a
 * household already paid for months after it — and only then — and the determination proposed
 * with it opens the case when approved.
 */
import { describe, expect, it } from 'vitest';
import { idFor } from '../../fixtures/builders';
import { ELDER, elderAlone, importFile, office } from './office';

describe('a death in the public-security file', () => {
  it('discovered after two months were closed, is flagged at the import and recovered on approval', async () => {
    const o = await office();
    const hid = await o.create(elderAlone());
    const other = await o.create({
      residence: 'rural',
      area: { township: '城关镇', village: '北关村' },
      members: [{ idNumber: idFor('1948-01-09', 33), name: '钱老汉', relation: 'head', status: 'present' }],
    });
    await o.approve(hid);
    await o.closeMonths('2026-08', '2026-11');
    o.at('2026-11-26T09:00:00Z');
    const csv = [
      '身份证号码,姓名,死亡日期,事件',
      `${ELDER},赵桂兰,2026-09-05,死亡`,
      `${idFor('1948-01-09', 33)},钱老汉,2026-11-02,死亡`,
    ].join('\n');
    const first = await importFile(o, 'public_security_deaths', csv, '公安死亡数据-2026-11.csv');
    expect(first.summary).toMatchObject({ rowsRead: 2, accepted: 2, warningsRaised: 2 });
    const r = await o.api.value('recovery.household', { householdId: hid }, o.clerk);
    expect(r.facts).toHaveLength(1);
    expect(r.facts[0]).toMatchObject({
      kind: 'death',
      factDate: '2026-09-05',
      source: 'import',
      importId: first.importId,
      personName: '赵桂兰',
    });
    expect(r.facts[0].paidMonthsAfter).toEqual(['2026-10', '2026-11']);
    expect(r.facts[0].evidence).toContain('公安死亡数据-2026-11.csv');
    // Never paid after the death: nothing to recover, no fact.
    expect((await o.api.value('recovery.household', { householdId: other }, o.clerk)).facts).toEqual([]);

    // The same death in another file is not a second fact.
    await importFile(o, 'public_security_deaths', `${csv}\n`, '公安死亡数据-2026-11-补.csv');
    expect((await o.api.value('recovery.household', { householdId: hid }, o.clerk)).facts).toHaveLength(1);

    const h = await o.api.value('households.get', { id: hid }, o.clerk);
    await o.api.value(
      'households.update',
      {
        id: hid,
        version: h.version,
        household: { ...h.household, members: h.household.members.map((m) => ({ ...m, status: 'deceased' as const })) },
      },
      o.clerk,
    );
    await o.approve(hid, r.facts[0].id);
    const [c] = (await o.api.value('recovery.household', { householdId: hid }, o.clerk)).cases;
    expect(c.months.map((m) => [m.month, m.overpaidFen])).toEqual([
      ['2026-10', 107500],
      ['2026-11', 107500],
    ]);
    expect(c).toMatchObject({ totalFen: 215000, liableKind: 'estate', fact: { kind: 'death', date: '2026-09-05' } });
  });
});
