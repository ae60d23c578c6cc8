/**
 * A scan's results as a list (UX.md "Habits", contract/lists.ts): sorted by each of its columns over all its pages and exported
 * to XLSX in the order shown, with words for kinds and tiers, under a title row with the office's name. The results are written
 * as the scan writes them (scan_results rows): the list is what is under test here, the scan itself in ./workers.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { adminService, household, idFor, typedClient } from '../../fixtures/builders';
import { allPages, expectNoCodes, expectOrdered, readListXlsx, type Key } from '../../fixtures/lists';
import { first, qb, run } from '../../../src-main/db/query';
import { SCAN_KINDS } from '../../../src-main/common/codes';
import { HOUSEHOLD_TIERS } from '../../../src-main/common/determination';
import { TIERS } from '../../../src-main/common/household-file';
import { SCAN_SORT_KEYS } from '../../../src-main/contract/scan';
import type { Output } from '../../../src-main/contract/index';

type Row = Output<'scan.results'>['rows'][number];
const PEOPLE = [
  { name: '赵德胜', township: '河口乡', village: '北村' },
  { name: '安小平', township: '城关镇', village: '东街社区' },
  { name: '孙丽', township: '城关镇', village: '西街社区' },
  { name: '白玉兰', township: '河口乡', village: '南村' },
];
// household, kind, old tier, new tier, old fen, new fen
const RESULTS: [number, (typeof SCAN_KINDS)[number], string | null, string, number, number][] = [
  [0, 'newly_eligible', null, 'dibao', 0, 42000],
  [1, 'tier_up', 'marginal', 'dibao', 10000, 50000],
  [2, 'tier_down', 'tekun', 'dibao', 90000, 40000],
  [3, 'benefit_changed', 'dibao', 'dibao', 30000, 35000],
  [0, 'no_longer_eligible', 'dibao', 'none', 42000, 0],
  [1, 'newly_eligible', null, 'rigid', 0, 0],
  [2, 'benefit_changed', 'dibao', 'dibao', 30000, 25000],
  [3, 'tier_up', 'rigid', 'tekun', 0, 80000],
  [0, 'tier_down', 'dibao', 'marginal', 30000, 0],
];

describe('scan results sorted over all their pages and exported as shown', () => {
  it('sorts by every column, both ways, across pages; the export has the shown rows in the shown order, in words', async () => {
    const s = await adminService();
    const raw = s.store.raw;
    const households: { id: number; area: number }[] = [];
    for (const [i, p] of PEOPLE.entries()) {
      const hh = household({
        area: { township: p.township, village: p.village },
        members: [{ idNumber: idFor('1966-02-01', 40 + i), name: p.name, relation: 'head', status: 'present', labour: 'unable' }],
      });
      const id = (await s.api.value('households.create', { household: hh })).id;
      households.push({ id, area: first(raw, qb.selectFrom('households').select('area_id').where('id', '=', id))!.area_id });
    }
    const scanId = Number(
      run(
        raw,
        qb.insertInto('scans').values({
          reference_date: '2026-11-01',
          parameter_set: null,
          trigger: 'manual',
          status: 'done',
          counts_json: '{}',
          error: null,
          started_by: 'director',
          started_at: '2026-11-01T08:00:00Z',
          finished_at: '2026-11-01T08:01:00Z',
        }),
      ).lastInsertRowid,
    );
    for (const [h, kind, oldTier, newTier, oldFen, newFen] of RESULTS)
      run(
        raw,
        qb.insertInto('scan_results').values({
          scan_id: scanId,
          household_id: households[h].id,
          area_id: households[h].area,
          kind,
          old_tier: oldTier,
          new_tier: newTier,
          old_benefit_fen: oldFen,
          new_benefit_fen: newFen,
          reasons_json: '[]',
        }),
      );

    const zh = (x: string): Key => ({ zh: x });
    const tierRank = (t: string | null) =>
      t === null ? TIERS.length : TIERS.findIndex((x) => x === t) < 0 ? TIERS.length : TIERS.findIndex((x) => x === t);
    const SHOWN: Record<(typeof SCAN_SORT_KEYS)[number], (r: Row) => Key | Key[]> = {
      householdId: (r) => r.householdId,
      headName: (r) => zh(r.headName),
      area: (r) => [zh(r.township), zh(r.village)],
      kind: (r) => SCAN_KINDS.indexOf(r.kind),
      oldTier: (r) => tierRank(r.oldTier),
      newTier: (r) => tierRank(r.newTier),
      oldBenefitFen: (r) => r.oldBenefitFen,
      newBenefitFen: (r) => r.newBenefitFen,
      deltaFen: (r) => r.newBenefitFen - r.oldBenefitFen,
    };
    const PAGE = 2;
    for (const key of SCAN_SORT_KEYS)
      for (const dir of ['asc', 'desc'] as const) {
        const { rows, pages } = await allPages(
          (page) => s.api.value('scan.results', { id: scanId, sort: { key, dir }, page, pageSize: PAGE }),
          PAGE,
        );
        expect(rows.length).toBe(RESULTS.length);
        expect(pages).toBeGreaterThan(3);
        expectOrdered(rows, SHOWN[key], dir, key);
      }

    const shown = { id: scanId, sort: { key: 'deltaFen' as const, dir: 'desc' as const } };
    const page = (await s.api.value('scan.results', { ...shown, pageSize: 500 })).rows;
    const file = await typedClient(s.service, s.session, 'zh').value('scan.exportXlsx', shown);
    expect(file.rows).toBe(RESULTS.length);
    const x = await readListXlsx(file.base64);
    expect(x.title).toMatch(/主动发现结果$/);
    expect(x.header.slice(0, 5)).toEqual(['家庭编号', '户主', '乡镇', '村（社区）', '类别']);
    expect(x.rows.map((r) => Number(r[0]))).toEqual(page.map((r) => r.householdId));
    expect(x.rows.map((r) => Number(r[8]) - Number(r[7]))).toEqual(page.map((r) => (r.newBenefitFen - r.oldBenefitFen) / 100));
    expect(x.rows.map((r) => r[6])).toContain('低保');
    expectNoCodes(x.rows, [...SCAN_KINDS, ...HOUSEHOLD_TIERS]);
  });
});
