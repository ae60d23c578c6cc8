/** A scan's results, filtered by kind and area, for the page, the XLSX export and the CLI. */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { sql, type ExpressionBuilder, type InferResult } from 'kysely';
import { SCAN_KINDS, type ScanKind } from '../common/codes';
import { all, qb } from '../db/query';
import type { Database } from '../db/schema';
import type { HouseholdTier } from '../policy/types';
import { TIERS, type Tier } from '../common/household-file';
import { renderReason, type People } from '../policy/engine';
import { peopleOfHouseholds } from '../registry/people';
import { decodeReasons } from './reasons-codec';
import type { Lang } from '../common/errors';
import { SCAN_KIND_LABEL, TIER_LABEL } from '../common/labels';
import type { SCAN_SORT_KEYS } from '../contract/scan';
import { col, orderTerms, ordered, pageOf, rankOf, withZhKey, zhKey, type ListSort, type SortColumns } from '../shared/list-query';
import { listXlsx } from '../shared/list-xlsx';
import { officeOf } from '../office/office';

export type ScanSort = ListSort<(typeof SCAN_SORT_KEYS)[number]>;

export interface ResultFilter {
  id: number;
  kind?: ScanKind;
  townshipId?: number;
  villageId?: number;
  sort?: ScanSort;
}

const HEAD = sql`(SELECT hm.name FROM members hm WHERE hm.household_id = r.household_id AND hm.relation = 'head' AND hm.active = 1)`;
/** What each column sorts by: names in pinyin order, tiers in the order of the regulations (none last), kinds in their list's order. */
const COLUMNS: SortColumns<ScanSort['key']> = {
  householdId: col('r.household_id'),
  headName: sql`zh_key(${HEAD})`,
  area: [zhKey('t.name'), zhKey('v.name')],
  kind: rankOf('r.kind', SCAN_KINDS),
  oldTier: rankOf('r.old_tier', TIERS, 'last'),
  newTier: rankOf('r.new_tier', TIERS),
  oldBenefitFen: col('r.old_benefit_fen'),
  newBenefitFen: col('r.new_benefit_fen'),
  deltaFen: sql`(r.new_benefit_fen - r.old_benefit_fen)`,
};

type ResultsDb = Database & { r: Database['scan_results'] };

function where(f: ResultFilter) {
  return (eb: ExpressionBuilder<ResultsDb, 'r'>) => {
    const w = [eb('r.scan_id', '=', f.id)];
    if (f.kind) w.push(eb('r.kind', '=', f.kind));
    if (f.villageId !== undefined) w.push(eb('r.area_id', '=', f.villageId));
    else if (f.townshipId !== undefined)
      w.push(eb('r.area_id', 'in', eb.selectFrom('areas').select('id').where('parent_id', '=', f.townshipId)));
    return eb.and(w);
  };
}

/** The results with their household's head and area. */
const results = (f: ResultFilter) =>
  qb
    .selectFrom('scan_results as r')
    .innerJoin('areas as v', 'v.id', 'r.area_id')
    .innerJoin('areas as t', 't.id', 'v.parent_id')
    .selectAll('r')
    .select((eb) => [
      'v.name as village',
      't.name as township',
      eb.fn
        .coalesce(
          eb
            .selectFrom('members as hm')
            .select('hm.name')
            .whereRef('hm.household_id', '=', 'r.household_id')
            .where('hm.relation', '=', 'head')
            .where('hm.active', '=', 1),
          eb.val(''),
        )
        .as('head_name'),
    ])
    .where(where(f))
    // The tiers are the engine's and the registry's (evaluate-county.ts writes them; db/schema.ts types them as text).
    .$narrowType<{ new_tier: HouseholdTier; old_tier: Tier | null }>();

const inOrder = (f: ResultFilter) => ordered(results(f), orderTerms(f.sort, COLUMNS, 'r.id', [[col('r.id'), 'asc']]));

function row(r: InferResult<ReturnType<typeof results>>[number], lang: Lang, people?: People) {
  return {
    id: r.id,
    householdId: r.household_id,
    headName: r.head_name,
    township: r.township,
    village: r.village,
    kind: r.kind,
    oldTier: r.old_tier,
    newTier: r.new_tier,
    oldBenefitFen: r.old_benefit_fen,
    newBenefitFen: r.new_benefit_fen,
    reasons: decodeReasons(r.reasons_json).map((x) => renderReason(x, lang, people)),
  };
}

export function scanResults(raw: BetterSqlite3.Database, f: ResultFilter & { page: number; pageSize: number }, lang: Lang) {
  withZhKey(raw);
  const { total, found } = pageOf(
    raw,
    qb
      .selectFrom('scan_results as r')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(where(f)),
    inOrder(f),
    f.page,
    f.pageSize,
  );
  const people = peopleOfHouseholds(
    raw,
    found.map((r) => r.household_id),
  );
  const rows = found.map((r) => row(r, lang, people.get(r.household_id)));
  return { rows, total, page: f.page, pageSize: f.pageSize };
}

/**
 * The results as shown (same filters and sort, every page) as an XLSX workbook, through exceljs's streaming writer: each row is
 * written and released as it is read, a page at a time with the app's other calls answered in between. A county scan's 90,000
 * changes with their reasons as worksheet objects took 1.3 GB and 12 s in the app's main process, which answered nothing else meanwhile.
 */
export async function scanResultsXlsx(raw: BetterSqlite3.Database, f: ResultFilter, lang: Lang): Promise<{ buffer: Buffer; rows: number }> {
  withZhKey(raw);
  return listXlsx({
    title: { zh: '主动发现结果', en: 'Proactive scan results' },
    office: officeOf(raw)?.name ?? '',
    lang,
    read: (offset, limit) => {
      const rows = all(raw, inOrder(f).limit(limit).offset(offset));
      const people = peopleOfHouseholds(
        raw,
        rows.map((r) => r.household_id),
      );
      return rows.map((r) => row(r, lang, people.get(r.household_id)));
    },
    columns: [
      { header: { zh: '家庭编号', en: 'Household' }, width: 10, value: (x) => x.householdId },
      { header: { zh: '户主', en: 'Head' }, width: 12, value: (x) => x.headName },
      { header: { zh: '乡镇', en: 'Township' }, width: 12, value: (x) => x.township },
      { header: { zh: '村（社区）', en: 'Village' }, width: 14, value: (x) => x.village },
      { header: { zh: '类别', en: 'Kind' }, width: 12, value: (x) => SCAN_KIND_LABEL[x.kind][lang] },
      { header: { zh: '原档次', en: 'Old tier' }, width: 12, value: (x) => TIER_LABEL[x.oldTier ?? 'none'][lang] },
      { header: { zh: '新档次', en: 'New tier' }, width: 12, value: (x) => TIER_LABEL[x.newTier][lang] },
      { header: { zh: '原金额（元/月）', en: 'Old (yuan/month)' }, width: 14, money: true, value: (x) => x.oldBenefitFen / 100 },
      { header: { zh: '新金额（元/月）', en: 'New (yuan/month)' }, width: 14, money: true, value: (x) => x.newBenefitFen / 100 },
      { header: { zh: '理由', en: 'Reasons' }, width: 80, value: (x) => x.reasons.join('\n') },
    ],
  });
}
