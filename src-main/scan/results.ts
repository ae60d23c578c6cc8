/** A scan's results, filtered by kind and area, for the page, the XLSX export and the CLI. */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { ExpressionBuilder, InferResult } from 'kysely';
import type { ScanKind } from '../common/codes';
import { all, first, qb } from '../db/query';
import type { Database } from '../db/schema';
import type { HouseholdTier } from '../policy/types';
import type { Tier } from '../common/household-file';
import { renderReason, type People } from '../policy/engine';
import { peopleOfHouseholds } from '../registry/people';
import { decodeReasons } from './reasons-codec';
import type { Lang } from '../common/errors';
import { SCAN_KIND_LABEL, TIER_LABEL } from '../common/labels';
import { forEachPaged } from '../shared/pages';
import { streamedXlsx } from '../shared/xlsx';

export interface ResultFilter {
  id: number;
  kind?: ScanKind;
  townshipId?: number;
  villageId?: number;
}

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
  const total =
    first(
      raw,
      qb
        .selectFrom('scan_results as r')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(where(f)),
    )?.n ?? 0;
  const found = all(
    raw,
    results(f)
      .orderBy('r.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
  );
  const people = peopleOfHouseholds(
    raw,
    found.map((r) => r.household_id),
  );
  const rows = found.map((r) => row(r, lang, people.get(r.household_id)));
  return { rows, total, page: f.page, pageSize: f.pageSize };
}

/**
 * The results as an XLSX workbook, through exceljs's streaming writer: each row is written and
 * released as it is read, a page at a time with the app's other calls answered in between. A
 * county scan's 90,000 changes with their reasons as worksheet objects took 1.3 GB and 12 s
 * in the app's main process, which answered nothing else meanwhile.
 */
export async function scanResultsXlsx(raw: BetterSqlite3.Database, f: ResultFilter, lang: Lang): Promise<{ buffer: Buffer; rows: number }> {
  let n = 0;
  const buffer = await streamedXlsx(async (wb) => {
    const ws = wb.addWorksheet(lang === 'zh' ? '主动发现' : 'Proactive scan', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [
      { header: lang === 'zh' ? '家庭编号' : 'Household', key: 'id', width: 10 },
      { header: lang === 'zh' ? '户主' : 'Head', key: 'head', width: 12 },
      { header: lang === 'zh' ? '乡镇' : 'Township', key: 'township', width: 12 },
      { header: lang === 'zh' ? '村（社区）' : 'Village', key: 'village', width: 14 },
      { header: lang === 'zh' ? '类别' : 'Kind', key: 'kind', width: 12 },
      { header: lang === 'zh' ? '原档次' : 'Old tier', key: 'oldTier', width: 12 },
      { header: lang === 'zh' ? '新档次' : 'New tier', key: 'newTier', width: 12 },
      { header: lang === 'zh' ? '原金额（元/月）' : 'Old (yuan/month)', key: 'old', width: 14, style: { numFmt: '#,##0.00' } },
      { header: lang === 'zh' ? '新金额（元/月）' : 'New (yuan/month)', key: 'new', width: 14, style: { numFmt: '#,##0.00' } },
      { header: lang === 'zh' ? '理由' : 'Reasons', key: 'reasons', width: 80 },
    ];
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    const query = results(f);
    let people = new Map<number, People>();
    await forEachPaged(
      (after, limit) => {
        const rows = all(raw, query.where('r.id', '>', after).orderBy('r.id').limit(limit));
        people = peopleOfHouseholds(
          raw,
          rows.map((r) => r.household_id),
        );
        return rows;
      },
      (r) => r.id,
      (r) => {
        const x = row(r, lang, people.get(r.household_id));
        ws.addRow({
          id: x.householdId,
          head: x.headName,
          township: x.township,
          village: x.village,
          kind: SCAN_KIND_LABEL[x.kind][lang],
          oldTier: TIER_LABEL[x.oldTier ?? 'none'][lang],
          newTier: TIER_LABEL[x.newTier][lang],
          old: x.oldBenefitFen / 100,
          new: x.newBenefitFen / 100,
          reasons: x.reasons.join('\n'),
        }).commit();
        n++;
      },
    );
    ws.commit();
  });
  return { buffer, rows: n };
}
