/**
 * The referrals list (UX.md "Habits", contract/lists.ts): sorted by each of its columns over all its pages — the order across
 * pages, not only the first — and exported to XLSX with the rows shown in the order shown, in the office's words (no codes),
 * under a title row with the office's name; the export is audited.
 */
import { describe, expect, it } from 'vitest';
import { adminService, household, idFor } from '../../fixtures/builders';
import { allPages, expectNoCodes, expectOrdered, readListXlsx, type Key } from '../../fixtures/lists';
import { first, qb } from '../../../src-main/db/query';
import { ASSISTANCES, DEPARTMENTS, REFERRAL_RESULTS, REFERRAL_STATUSES, type AssistanceCode } from '../../../src-main/common/codes';
import { REFERRAL_SORT_KEYS } from '../../../src-main/contract/referrals';
import type { Output } from '../../../src-main/contract/index';

type Row = Output<'referrals.list'>['rows'][number];
const NOW = new Date('2026-11-30T09:00:00Z');

const PEOPLE = [
  { name: '赵德胜', township: '河口乡', village: '北村', seq: 31 },
  { name: '安小平', township: '城关镇', village: '东街社区', seq: 32 },
  { name: '孙丽', township: '城关镇', village: '西街社区', seq: 33 },
  { name: '白玉兰', township: '河口乡', village: '南村', seq: 34 },
];
const MADE: [number, AssistanceCode, boolean][] = [
  [0, 'medical', true],
  [1, 'education', false],
  [2, 'housing', true],
  [3, 'employment', false],
  [0, 'temporary', false],
  [1, 'medical', true],
  [2, 'education', true],
  [3, 'housing', false],
  [0, 'employment', true],
  [1, 'temporary', true],
];

async function office() {
  const s = await adminService({ now: () => NOW, idleLockMinutes: 1_000_000 }, [{ username: 'clerk1', role: 'clerk' }]);
  const clerk = s.accounts.clerk1;
  const ids: number[] = [];
  for (const p of PEOPLE) {
    const hh = household({
      area: { township: p.township, village: p.village },
      members: [{ idNumber: idFor('1966-02-01', p.seq), name: p.name, relation: 'head', status: 'present', labour: 'unable' }],
    });
    ids.push((await s.api.value('households.create', { household: hh }, clerk)).id);
  }
  const made: number[] = [];
  for (const [who, assistance, person] of MADE) {
    const r = await s.api.value(
      'referrals.create',
      { householdId: ids[who], idNumber: person ? idFor('1966-02-01', PEOPLE[who].seq) : null, assistance, reason: '测试转介事由' },
      clerk,
    );
    made.push(r.id);
  }
  // Pushed to two departments, one acknowledged, one answered: several statuses, due dates and results.
  await s.api.value('referrals.exportPushList', { department: 'medical_insurance' }, clerk);
  await s.api.value('referrals.exportPushList', { department: 'education' }, clerk);
  await s.api.value('referrals.acknowledge', { id: made[1] }, clerk);
  await s.api.value('referrals.recordResult', { id: made[0], result: 'assisted', amountFen: 120000, date: '2026-11-29' }, clerk);
  await s.api.value('referrals.recordResult', { id: made[6], result: 'not_eligible', date: '2026-11-29', reason: '不符合条件' }, clerk);
  return s;
}

const zh = (s: string | null): Key => ({ zh: s });
/** What each column shows, as the test compares it (the service's whitelist must sort the same way). */
const SHOWN: Record<(typeof REFERRAL_SORT_KEYS)[number], (r: Row) => Key | Key[]> = {
  number: (r) => r.number,
  household: (r) => [zh(r.headName), zh(r.village)],
  personName: (r) => zh(r.personName),
  assistance: (r) => ASSISTANCES.indexOf(r.assistance),
  department: (r) => DEPARTMENTS.indexOf(r.department),
  status: (r) => REFERRAL_STATUSES.indexOf(r.status),
  dueDate: (r) => r.dueDate,
  result: (r) => (r.result === null ? null : REFERRAL_RESULTS.indexOf(r.result)),
};

describe('the referrals list sorted over all its pages and exported as shown', () => {
  it('sorts by every column, both ways, across pages; the export has the shown rows in the shown order, in words', async () => {
    const s = await office();
    const PAGE = 3;
    for (const key of REFERRAL_SORT_KEYS) {
      for (const dir of ['asc', 'desc'] as const) {
        const { rows, pages } = await allPages((page) => s.api.value('referrals.list', { sort: { key, dir }, page, pageSize: PAGE }), PAGE);
        expect(rows.length).toBe(MADE.length);
        expect(pages).toBeGreaterThan(2);
        expectOrdered(rows, SHOWN[key], dir, key);
      }
    }
    // Without a sort: newest first, as before.
    const plain = await allPages((page) => s.api.value('referrals.list', { page, pageSize: PAGE }), PAGE);
    expect(plain.rows.map((r) => r.id)).toEqual([...plain.rows.map((r) => r.id)].sort((a, b) => b - a));

    const shown = { townshipId: townshipOf(s, '城关镇'), sort: { key: 'status' as const, dir: 'desc' as const } };
    const page = (await s.api.value('referrals.list', { ...shown, pageSize: 500 })).rows;
    expect(page.length).toBeGreaterThan(3);
    const file = await s.api.value('referrals.exportXlsx', shown);
    expect(file.rows).toBe(page.length);
    expect(file.fileName).toBe('需求推送清单-2026-11-30.xlsx');
    const x = await readListXlsx(file.base64);
    expect(x.title).toMatch(/需求推送清单$/);
    expect(x.title.length).toBeGreaterThan('需求推送清单'.length);
    expect(x.header).toEqual([
      '转介编号',
      '户主',
      '乡镇',
      '村（社区）',
      '救助对象',
      '救助类型',
      '部门',
      '转介事由',
      '状态',
      '反馈期限',
      '办理结果',
      '救助金额（元）',
      '结果日期',
    ]);
    expect(x.rows.map((r) => r[0])).toEqual(page.map((r) => r.number));
    expect(x.rows.every((r) => r[2] === '城关镇')).toBe(true);
    expect(new Set(x.rows.map((r) => r[5]))).toContain('医疗救助');
    expect(x.rows.some((r) => r[8].startsWith('已推送') || r[8].startsWith('已签收') || r[8].startsWith('已办结'))).toBe(true);
    expectNoCodes(x.rows, [...ASSISTANCES, ...DEPARTMENTS, ...REFERRAL_STATUSES, ...REFERRAL_RESULTS]);

    const audit = first(
      s.store.raw,
      qb.selectFrom('audit_log').select('summary').where('action', '=', 'export').where('entity', '=', 'referral'),
    );
    expect(audit?.summary).toContain(`${page.length} referrals to XLSX`);
  });
});

function townshipOf(s: Awaited<ReturnType<typeof adminService>>, name: string): number {
  return first(s.store.raw, qb.selectFrom('areas').select('id').where('name', '=', name).where('parent_id', 'is', null))!.id;
}
