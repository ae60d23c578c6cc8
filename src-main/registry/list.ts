/** The household list, paged through the whole county, filterable by area and tier. */
import type BetterSqlite3 from 'better-sqlite3';

export interface ListFilter {
  townshipId?: number;
  villageId?: number;
  tier?: string;
  page: number;
  pageSize: number;
}

/** The list's filter as SQL over `households h`; the page and the XLSX export share it. */
export function listWhere(f: Omit<ListFilter, 'page' | 'pageSize'>): { sql: string; args: unknown[] } {
  const where: string[] = [`h.status = 'active'`];
  const args: unknown[] = [];
  if (f.villageId !== undefined) { where.push('h.area_id = ?'); args.push(f.villageId); }
  else if (f.townshipId !== undefined) { where.push('h.area_id IN (SELECT id FROM areas WHERE parent_id = ?)'); args.push(f.townshipId); }
  if (f.tier === 'none') where.push('h.current_tier IS NULL');
  else if (f.tier) { where.push('h.current_tier = ?'); args.push(f.tier); }
  return { sql: where.join(' AND '), args };
}

export function listHouseholds(raw: BetterSqlite3.Database, f: ListFilter) {
  const { sql: w, args } = listWhere(f);
  const total = (raw.prepare(`SELECT COUNT(*) AS n FROM households h WHERE ${w}`).get(...args) as { n: number }).n;
  const rows = raw
    .prepare(
      `SELECT h.id, h.residence, h.current_tier AS currentTier, h.current_benefit_fen AS currentBenefitFen, h.updated_at AS updatedAt,
        t.name AS township, v.name AS village,
        COALESCE(hm.name, '') AS headName, COALESCE(hm.id_number, '') AS headIdNumber,
        (SELECT COUNT(*) FROM members pm WHERE pm.household_id = h.id AND pm.active = 1 AND pm.status = 'present') AS size
       FROM households h JOIN areas v ON v.id = h.area_id JOIN areas t ON t.id = v.parent_id
       LEFT JOIN members hm ON hm.household_id = h.id AND hm.relation = 'head' AND hm.active = 1
       WHERE ${w} ORDER BY h.id LIMIT ? OFFSET ?`,
    )
    .all(...args, f.pageSize, (f.page - 1) * f.pageSize);
  return { rows, total, page: f.page, pageSize: f.pageSize };
}
