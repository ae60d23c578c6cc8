/** The household list, paged through the whole county, filterable by area and tier, sorted over all its pages. */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { ExpressionBuilder } from 'kysely';
import { withZhKey } from '../shared/list-query';
import { TIERS, type Tier } from '../common/household-file';
import type { LIST_SORT_KEYS } from '../contract/households';
import { all, first, qb } from '../db/query';
import type { Database } from '../db/schema';

export type ListSort = { key: (typeof LIST_SORT_KEYS)[number]; dir: 'asc' | 'desc' };

export interface ListFilter {
  townshipId?: number;
  villageId?: number;
  tier?: Tier | 'none';
  page: number;
  pageSize: number;
  /** By household number when not given. */
  sort?: ListSort;
}

/** The tables of the list's queries: households `h`, its village `v` and township `t`, the head `hm`. */
type ListDb = Database & { h: Database['households']; v: Database['areas']; t: Database['areas']; hm: Database['members'] };
type HouseholdEb = ExpressionBuilder<ListDb, 'h'>;

const headColumn = (eb: HouseholdEb, column: 'name' | 'id_number') =>
  eb
    .selectFrom('members as hm')
    .select(`hm.${column}`)
    .whereRef('hm.household_id', '=', 'h.id')
    .where('hm.relation', '=', 'head')
    .where('hm.active', '=', 1);

/** The household's size as the list counts it: its present active members. */
const presentSize = (eb: HouseholdEb) =>
  eb
    .selectFrom('members as pm')
    .select((e) => e.fn.countAll<number>().as('n'))
    .whereRef('pm.household_id', '=', 'h.id')
    .where('pm.active', '=', 1)
    .where('pm.status', '=', 'present');

/**
 * What each column sorts by: Chinese text in pinyin order (zh_key, ../shared/zh-sort.ts), tiers in the order of the
 * regulations (none last), the size as the list counts it.
 */
function sortBy(eb: ExpressionBuilder<ListDb, 'h' | 'v' | 't'>, key: Exclude<ListSort['key'], 'id'>) {
  switch (key) {
    case 'headName':
      return eb.fn<string>('zh_key', [headColumn(eb, 'name')]);
    case 'headIdNumber':
      return headColumn(eb, 'id_number');
    case 'township':
      return eb.fn<string>('zh_key', ['t.name']);
    case 'village':
      return eb.fn<string>('zh_key', ['v.name']);
    case 'size':
      return presentSize(eb);
    case 'currentTier': {
      let rank = eb.case('h.current_tier').when(TIERS[0]).then(0);
      for (let i = 1; i < TIERS.length; i++) rank = rank.when(TIERS[i]).then(i);
      return rank.else(TIERS.length).end();
    }
    case 'currentBenefitFen':
      return eb.ref('h.current_benefit_fen');
    case 'updatedAt':
      return eb.ref('h.updated_at');
  }
}

/** The list's filter over `households h`; the page and the XLSX export share it. */
export function listWhere(f: Omit<ListFilter, 'page' | 'pageSize'>) {
  return (eb: HouseholdEb) => {
    const where = [eb('h.status', '=', 'active')];
    if (f.villageId !== undefined) where.push(eb('h.area_id', '=', f.villageId));
    else if (f.townshipId !== undefined)
      where.push(eb('h.area_id', 'in', eb.selectFrom('areas').select('id').where('parent_id', '=', f.townshipId)));
    if (f.tier === 'none') where.push(eb('h.current_tier', 'is', null));
    else if (f.tier) where.push(eb('h.current_tier', '=', f.tier));
    return eb.and(where);
  };
}

/** Households with the names of their village and township. */
export const householdsWithAreas = () =>
  qb.selectFrom('households as h').innerJoin('areas as v', 'v.id', 'h.area_id').innerJoin('areas as t', 't.id', 'v.parent_id');

export function listHouseholds(raw: BetterSqlite3.Database, f: ListFilter) {
  const where = listWhere(f);
  const total =
    first(
      raw,
      qb
        .selectFrom('households as h')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(where),
    )?.n ?? 0;
  withZhKey(raw);
  // The page's households first, by the sort key alone (the county's 200,000 when unfiltered), then their columns: the size and the
  // head of every household would otherwise be looked up before the sort.
  const sort = f.sort ?? { key: 'id', dir: 'asc' };
  let page = householdsWithAreas().select('h.id').where(where);
  if (sort.key !== 'id') {
    const key = sort.key;
    page = page.orderBy((eb) => sortBy(eb, key), sort.dir);
  }
  const ids = all(
    raw,
    page
      .orderBy('h.id', sort.dir)
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
  ).map((r) => r.id);
  const rows =
    ids.length === 0
      ? []
      : all(
          raw,
          householdsWithAreas()
            .leftJoin('members as hm', (j) =>
              j.onRef('hm.household_id', '=', 'h.id').on('hm.relation', '=', 'head').on('hm.active', '=', 1),
            )
            .select((eb) => [
              'h.id',
              'h.residence',
              'h.current_tier as currentTier',
              'h.current_benefit_fen as currentBenefitFen',
              'h.updated_at as updatedAt',
              't.name as township',
              'v.name as village',
              eb.fn.coalesce('hm.name', eb.val('')).as('headName'),
              eb.fn.coalesce('hm.id_number', eb.val('')).as('headIdNumber'),
              presentSize(eb).as('size'),
            ])
            .where('h.id', 'in', ids)
            // current_tier holds a tier code: decisions/ writes it from the engine's tier (db/schema.ts types it as text).
            .$narrowType<{ currentTier: Tier | null; size: number }>(),
        );
  const at = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => (at.get(a.id) ?? 0) - (at.get(b.id) ?? 0));
  return { rows, total, page: f.page, pageSize: f.pageSize };
}
