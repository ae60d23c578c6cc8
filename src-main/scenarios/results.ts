/** The households a scenario changes: filtered, sorted by any column in SQL, paged, exported to XLSX. */
import { pageOf } from '../shared/list-query';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { sql, type ExpressionBuilder, type InferResult } from 'kysely';
import type { ScanKind } from '../common/codes';
import type { Lang } from '../common/errors';
import { SCAN_KIND_LABEL, TIER_LABEL } from '../common/labels';
import { all, qb } from '../db/query';
import type { Database } from '../db/schema';
import { renderReason, type People } from '../policy/engine';
import { peopleOfHouseholds } from '../registry/people';
import type { HouseholdTier } from '../policy/types';
import { decodeReasons } from '../scan/reasons-codec';
import { streamedXlsx } from '../shared/xlsx';

export type ScenarioSort =
  | 'householdId'
  | 'headName'
  | 'township'
  | 'village'
  | 'kind'
  | 'beforeTier'
  | 'afterTier'
  | 'beforeFen'
  | 'afterFen'
  | 'deltaFen'
  | 'persons';

export interface ScenarioFilter {
  id: number;
  kind?: ScanKind;
  tier?: HouseholdTier;
  townshipId?: number;
  villageId?: number;
  sort: ScenarioSort;
  desc: boolean;
}

type Db = Database & { r: Database['scenario_results'] };

function where(f: ScenarioFilter) {
  return (eb: ExpressionBuilder<Db, 'r'>) => {
    const w = [eb('r.run_id', '=', f.id)];
    if (f.kind) w.push(eb('r.kind', '=', f.kind));
    if (f.tier) w.push(eb.or([eb('r.before_tier', '=', f.tier), eb('r.after_tier', '=', f.tier)]));
    if (f.villageId !== undefined) w.push(eb('r.area_id', '=', f.villageId));
    else if (f.townshipId !== undefined)
      w.push(eb('r.area_id', 'in', eb.selectFrom('areas').select('id').where('parent_id', '=', f.townshipId)));
    return eb.and(w);
  };
}

const HEAD = sql<string>`coalesce((SELECT hm.name FROM members hm WHERE hm.household_id = r.household_id AND hm.relation = 'head' AND hm.active = 1), '')`;
const COLUMN: Record<ScenarioSort, ReturnType<typeof sql.raw>> = {
  householdId: sql.raw('r.household_id'),
  headName: sql.raw('head_name'),
  township: sql.raw('t.name'),
  village: sql.raw('v.name'),
  kind: sql.raw('r.kind'),
  beforeTier: sql.raw('r.before_tier'),
  afterTier: sql.raw('r.after_tier'),
  beforeFen: sql.raw('r.before_fen'),
  afterFen: sql.raw('r.after_fen'),
  deltaFen: sql.raw('(r.after_fen - r.before_fen)'),
  persons: sql.raw('r.persons'),
};

const results = (f: ScenarioFilter) =>
  qb
    .selectFrom('scenario_results as r')
    .innerJoin('areas as v', 'v.id', 'r.area_id')
    .innerJoin('areas as t', 't.id', 'v.parent_id')
    .selectAll('r')
    .select(['v.name as village', 't.name as township', HEAD.as('head_name')])
    .where(where(f))
    // The tiers are the engine's (scan/scenario-job.ts writes them; db/schema.ts types them as text).
    .$narrowType<{ before_tier: HouseholdTier; after_tier: HouseholdTier }>()
    .orderBy(sql`${COLUMN[f.sort]} ${sql.raw(f.desc ? 'DESC' : 'ASC')}`)
    .orderBy('r.id');

function row(r: InferResult<ReturnType<typeof results>>[number], lang: Lang, people?: People) {
  return {
    id: r.id,
    householdId: r.household_id,
    headName: r.head_name,
    township: r.township,
    village: r.village,
    kind: r.kind,
    beforeTier: r.before_tier,
    afterTier: r.after_tier,
    beforeFen: r.before_fen,
    afterFen: r.after_fen,
    persons: r.persons,
    gradualExit: r.gradual_exit === 1 ? ('enters' as const) : r.gradual_exit === -1 ? ('leaves' as const) : null,
    reasons: decodeReasons(r.reasons_json).map((x) => renderReason(x, lang, people)),
  };
}

export function scenarioResults(raw: BetterSqlite3.Database, f: ScenarioFilter & { page: number; pageSize: number }, lang: Lang) {
  const { total, found } = pageOf(
    raw,
    qb
      .selectFrom('scenario_results as r')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(where(f)),
    results(f),
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

/** The list as XLSX in the order shown, a page at a time with the app's other calls answered in between (scan/results.ts says why). */
export async function scenarioResultsXlsx(
  raw: BetterSqlite3.Database,
  f: ScenarioFilter,
  lang: Lang,
): Promise<{ buffer: Buffer; rows: number }> {
  let n = 0;
  const zh = lang === 'zh';
  const buffer = await streamedXlsx(async (wb) => {
    const ws = wb.addWorksheet(zh ? '政策测算' : 'Scenario', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [
      { header: zh ? '家庭编号' : 'Household', key: 'id', width: 10 },
      { header: zh ? '户主' : 'Head', key: 'head', width: 12 },
      { header: zh ? '乡镇' : 'Township', key: 'township', width: 12 },
      { header: zh ? '村（社区）' : 'Village', key: 'village', width: 14 },
      { header: zh ? '类别' : 'Kind', key: 'kind', width: 12 },
      { header: zh ? '人数' : 'Persons', key: 'persons', width: 8 },
      { header: zh ? '测算前档次' : 'Tier before', key: 'beforeTier', width: 12 },
      { header: zh ? '测算后档次' : 'Tier after', key: 'afterTier', width: 12 },
      { header: zh ? '测算前（元/月）' : 'Before (yuan/month)', key: 'before', width: 14, style: { numFmt: '#,##0.00' } },
      { header: zh ? '测算后（元/月）' : 'After (yuan/month)', key: 'after', width: 14, style: { numFmt: '#,##0.00' } },
      { header: zh ? '变化（元/月）' : 'Change (yuan/month)', key: 'delta', width: 14, style: { numFmt: '#,##0.00' } },
      { header: zh ? '理由' : 'Reasons', key: 'reasons', width: 80 },
    ];
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    const page = 2000;
    for (let offset = 0; ; offset += page) {
      const rows = all(raw, results(f).limit(page).offset(offset));
      const people = peopleOfHouseholds(
        raw,
        rows.map((r) => r.household_id),
      );
      for (const r of rows) {
        const x = row(r, lang, people.get(r.household_id));
        ws.addRow({
          id: x.householdId,
          head: x.headName,
          township: x.township,
          village: x.village,
          kind: SCAN_KIND_LABEL[x.kind][lang],
          persons: x.persons,
          beforeTier: TIER_LABEL[x.beforeTier][lang],
          afterTier: TIER_LABEL[x.afterTier][lang],
          before: x.beforeFen / 100,
          after: x.afterFen / 100,
          delta: (x.afterFen - x.beforeFen) / 100,
          reasons: x.reasons.join('\n'),
        }).commit();
        n++;
      }
      if (rows.length < page) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    ws.commit();
  });
  return { buffer, rows: n };
}
