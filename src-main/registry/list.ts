/** The household list, paged through the whole county, filterable by area and tier, sorted over all its pages. */
import type BetterSqlite3 from 'better-sqlite3';
import { zhSortKey } from '../shared/zh-sort';
import { TIERS } from '../common/household-file';
import type { LIST_SORT_KEYS } from '../contract/households';

export type ListSort = { key: (typeof LIST_SORT_KEYS)[number]; dir: 'asc' | 'desc' };

export interface ListFilter {
  townshipId?: number;
  villageId?: number;
  tier?: string;
  page: number;
  pageSize: number;
  /** By household number when not given. */
  sort?: ListSort;
}

const head = (column: string) =>
  `(SELECT ${column} FROM members hm WHERE hm.household_id = h.id AND hm.relation = 'head' AND hm.active = 1)`;
/**
 * What each column sorts by: Chinese text in pinyin order (zh_key, ../shared/zh-sort.ts), tiers in the order of the
 * regulations (none last), the size as the list counts it.
 */
const SORT_SQL: Record<ListSort['key'], string> = {
  id: 'h.id',
  headName: `zh_key(${head('name')})`,
  headIdNumber: head('id_number'),
  township: 'zh_key(t.name)',
  village: 'zh_key(v.name)',
  size: `(SELECT COUNT(*) FROM members pm WHERE pm.household_id = h.id AND pm.active = 1 AND pm.status = 'present')`,
  currentTier: `CASE h.current_tier ${TIERS.map((x, i) => `WHEN '${x}' THEN ${i}`).join(' ')} ELSE ${TIERS.length} END`,
  currentBenefitFen: 'h.current_benefit_fen',
  updatedAt: 'h.updated_at',
};
const withKeys = new WeakSet<BetterSqlite3.Database>();

/** The list's filter as SQL over `households h`; the page and the XLSX export share it. */
export function listWhere(f: Omit<ListFilter, 'page' | 'pageSize'>): { sql: string; args: unknown[] } {
  const where: string[] = [`h.status = 'active'`];
  const args: unknown[] = [];
  if (f.villageId !== undefined) {
    where.push('h.area_id = ?');
    args.push(f.villageId);
  } else if (f.townshipId !== undefined) {
    where.push('h.area_id IN (SELECT id FROM areas WHERE parent_id = ?)');
    args.push(f.townshipId);
  }
  if (f.tier === 'none') where.push('h.current_tier IS NULL');
  else if (f.tier) {
    where.push('h.current_tier = ?');
    args.push(f.tier);
  }
  return { sql: where.join(' AND '), args };
}

export function listHouseholds(raw: BetterSqlite3.Database, f: ListFilter) {
  const { sql: w, args } = listWhere(f);
  const total = (raw.prepare(`SELECT COUNT(*) AS n FROM households h WHERE ${w}`).get(...args) as { n: number }).n;
  if (!withKeys.has(raw)) {
    raw.function('zh_key', { deterministic: true }, (s: unknown) => zhSortKey(typeof s === 'string' ? s : null));
    withKeys.add(raw);
  }
  // The page's households first, by the sort key alone (the county's 200,000 when unfiltered), then their columns: the size and the
  // head of every household would otherwise be looked up before the sort.
  const sort = f.sort ?? { key: 'id', dir: 'asc' };
  const dir = sort.dir === 'desc' ? 'DESC' : 'ASC';
  const order = sort.key === 'id' ? `h.id ${dir}` : `${SORT_SQL[sort.key]} ${dir}, h.id ${dir}`;
  const ids = raw
    .prepare(
      `SELECT h.id FROM households h JOIN areas v ON v.id = h.area_id JOIN areas t ON t.id = v.parent_id WHERE ${w} ORDER BY ${order} LIMIT ? OFFSET ?`,
    )
    .pluck()
    .all(...args, f.pageSize, (f.page - 1) * f.pageSize) as number[];
  const rows =
    ids.length === 0
      ? []
      : (raw
          .prepare(
            `SELECT h.id, h.residence, h.current_tier AS currentTier, h.current_benefit_fen AS currentBenefitFen, h.updated_at AS updatedAt,
        t.name AS township, v.name AS village,
        COALESCE(hm.name, '') AS headName, COALESCE(hm.id_number, '') AS headIdNumber,
        ${SORT_SQL.size} AS size
       FROM households h JOIN areas v ON v.id = h.area_id JOIN areas t ON t.id = v.parent_id
       LEFT JOIN members hm ON hm.household_id = h.id AND hm.relation = 'head' AND hm.active = 1
       WHERE h.id IN (SELECT value FROM json_each(?))`,
          )
          .all(JSON.stringify(ids)) as { id: number }[]);
  const at = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => at.get(a.id)! - at.get(b.id)!);
  return { rows, total, page: f.page, pageSize: f.pageSize };
}
