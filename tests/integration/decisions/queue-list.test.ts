/**
 * The approvals queue as a list (UX.md "Habits", contract/lists.ts): the proposals awaiting a decision sorted by each of its
 * columns over all its pages, filtered by area, and exported to XLSX in the order shown with words for tiers and sources.
 */
import { describe, expect, it } from 'vitest';
import { adminService, household, idFor, typedClient } from '../../fixtures/builders';
import { allPages, expectNoCodes, expectOrdered, readListXlsx, type Key } from '../../fixtures/lists';
import { first, qb } from '../../../src-main/db/query';
import { HOUSEHOLD_TIERS } from '../../../src-main/common/determination';
import { PENDING_SORT_KEYS, PROPOSAL_SOURCES } from '../../../src-main/contract/determinations';
import type { Output } from '../../../src-main/contract/index';

type Row = Output<'determinations.queue'>['rows'][number];
const PEOPLE = [
  { name: '赵德胜', township: '河口乡', village: '北村', income: 0, by: 'clerk1' },
  { name: '安小平', township: '城关镇', village: '东街社区', income: 300, by: 'mgr1' },
  { name: '孙丽', township: '城关镇', village: '西街社区', income: 100, by: 'clerk1' },
  { name: '白玉兰', township: '河口乡', village: '南村', income: 200, by: 'mgr1' },
  { name: '陈志强', township: '城关镇', village: '东街社区', income: 50, by: 'clerk1' },
];

describe('the approvals queue sorted over all its pages and exported as shown', () => {
  it('sorts by every column, both ways, across pages; filters by township; the export is the shown rows in words', async () => {
    const s = await adminService({ now: () => new Date('2026-11-30T09:00:00Z'), idleLockMinutes: 1_000_000 }, [
      { username: 'clerk1', role: 'clerk', displayName: '张敏' },
      { username: 'mgr1', role: 'manager', displayName: '陈刚' },
    ]);
    for (const [i, p] of PEOPLE.entries()) {
      const hh = household({
        area: { township: p.township, village: p.village },
        members: [
          {
            idNumber: idFor('1950-02-01', 50 + i),
            name: p.name,
            relation: 'head',
            status: 'present',
            labour: 'retired',
            monthlyIncome: [{ type: 'pension', amount: p.income }],
          },
        ],
      });
      const id = (await s.api.value('households.create', { household: hh })).id;
      await s.api.value('determinations.propose', { householdId: id, referenceDate: '2026-11-01' }, s.accounts[p.by]);
    }
    const zh = (x: string): Key => ({ zh: x });
    const SHOWN: Record<(typeof PENDING_SORT_KEYS)[number], (r: Row) => Key | Key[]> = {
      id: (r) => r.id,
      headName: (r) => [zh(r.headName), zh(r.village)],
      tier: (r) => HOUSEHOLD_TIERS.indexOf(r.tier),
      monthlyBenefitFen: (r) => r.monthlyBenefitFen,
      proposedBy: (r) => zh(r.proposedByName),
    };
    const PAGE = 2;
    for (const key of PENDING_SORT_KEYS)
      for (const dir of ['asc', 'desc'] as const) {
        const { rows, pages } = await allPages(
          (page) => s.api.value('determinations.queue', { sort: { key, dir }, page, pageSize: PAGE }),
          PAGE,
        );
        expect(rows.length).toBe(PEOPLE.length);
        expect(pages).toBe(3);
        expectOrdered(rows, SHOWN[key], dir, key);
      }
    // The old method still answers the whole queue (the dashboard counts it).
    expect((await s.api.value('determinations.pending', {})).length).toBe(PEOPLE.length);

    const township = first(s.store.raw, qb.selectFrom('areas').select('id').where('name', '=', '城关镇'))!.id;
    const shown = { townshipId: township, sort: { key: 'monthlyBenefitFen' as const, dir: 'desc' as const } };
    const page = (await s.api.value('determinations.queue', { ...shown, pageSize: 500 })).rows;
    expect(page.map((r) => r.township)).toEqual(['城关镇', '城关镇', '城关镇']);
    const file = await typedClient(s.service, s.session, 'zh').value('determinations.exportXlsx', shown);
    expect(file.rows).toBe(3);
    const x = await readListXlsx(file.base64);
    expect(x.title).toMatch(/待审批认定清单$/);
    expect(x.rows.map((r) => Number(r[0]))).toEqual(page.map((r) => r.id));
    expect(x.rows.map((r) => r[1])).toEqual(page.map((r) => r.headName));
    expect(x.rows.map((r) => r[9])).toEqual(['政策匹配', '政策匹配', '政策匹配']);
    expectNoCodes(x.rows, [...HOUSEHOLD_TIERS, ...PROPOSAL_SOURCES]);
  });
});
