/**
 * The Cases screen's list (filtered, sorted and paged by the service), the per-township progress of a month, and the
 * publicity list of pending decisions masked as docs/rules/assistance.md §8 asks.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { todayIso } from '../common/dates';
import { maskName } from '../common/id-number';
import { all, qb } from '../db/query';
import { allCases, type CaseRow } from './read';
import type { Stage } from './limits';

export const SORT_KEYS = [
  'id',
  'headName',
  'township',
  'village',
  'tierApplied',
  'receivedOn',
  'stage',
  'dueOn',
  'daysLeft',
  'workingDays',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface CaseFilter {
  townshipId?: number;
  stage?: Stage | 'open';
  tierApplied?: 'tekun' | 'dibao' | 'marginal';
  overdue?: boolean;
  relativeOfStaff?: boolean;
  decidedAtTownship?: boolean;
  sort?: SortKey;
  desc?: boolean;
  page?: number;
  pageSize?: number;
}

const OPEN: readonly Stage[] = ['received', 'investigated', 'publicised'];

export function filterCases(rows: CaseRow[], f: CaseFilter): CaseRow[] {
  const out = rows.filter(
    (r) =>
      (f.stage === undefined || (f.stage === 'open' ? OPEN.includes(r.stage) : r.stage === f.stage)) &&
      (f.tierApplied === undefined || r.tierApplied === f.tierApplied) &&
      (f.overdue === undefined || r.overdue === f.overdue) &&
      (f.relativeOfStaff === undefined || r.relativeOfStaff === f.relativeOfStaff) &&
      (f.decidedAtTownship === undefined || (r.decidedAt === 'township') === f.decidedAtTownship),
  );
  const key = f.sort ?? 'dueOn';
  const dir = f.desc ? -1 : 1;
  // Nulls (closed cases have no due date) sort last either way; ties keep the case number order.
  return out.sort((a, b) => {
    const x = a[key],
      y = b[key];
    if (x === y) return a.id - b.id;
    if (x === null) return 1;
    if (y === null) return -1;
    return (x < y ? -1 : 1) * dir;
  });
}

export function listCases(raw: BetterSqlite3.Database, now: Date, f: CaseFilter) {
  const rows = filterCases(allCases(raw, todayIso(now), f.townshipId), f);
  const size = Math.min(f.pageSize ?? 50, 500),
    page = Math.max(1, f.page ?? 1);
  return {
    total: rows.length,
    overdue: rows.filter((r) => r.overdue).length,
    page,
    pageSize: size,
    items: rows.slice((page - 1) * size, page * size),
  };
}

export interface TownshipProgress {
  townshipId: number;
  township: string;
  received: number;
  decided: number;
  refused: number;
  withdrawn: number;
  open: number;
  overdue: number;
  /** Average working days from application to decision of the cases closed in the month; null when none. */
  averageWorkingDays: number | null;
}

/** Per township, for `month`: applications received, decided (approved / refused / withdrawn) in it; open and overdue as of `today`. */
export function townshipProgress(raw: BetterSqlite3.Database, month: string, today: string): TownshipProgress[] {
  const townships = all(raw, qb.selectFrom('areas').select(['id', 'name']).where('level', '=', 'township').orderBy('name'));
  const rows = allCases(raw, today);
  return townships.map((t) => {
    const mine = rows.filter((r) => r.townshipId === t.id);
    const closedIn = mine.filter((r) => r.closedOn?.startsWith(month));
    const decidedIn = closedIn.filter((r) => r.stage !== 'withdrawn');
    return {
      townshipId: t.id,
      township: t.name,
      received: mine.filter((r) => r.receivedOn.startsWith(month)).length,
      decided: closedIn.filter((r) => r.stage === 'decided').length,
      refused: closedIn.filter((r) => r.stage === 'refused').length,
      withdrawn: closedIn.filter((r) => r.stage === 'withdrawn').length,
      open: mine.filter((r) => OPEN.includes(r.stage)).length,
      overdue: mine.filter((r) => r.overdue).length,
      averageWorkingDays: decidedIn.length
        ? Math.round((decidedIn.reduce((s, r) => s + r.workingDays, 0) / decidedIn.length) * 10) / 10
        : null,
    };
  });
}

/** Cases in publicity or awaiting their decision after it, masked for posting (§8: masked name, village, size, tier). */
export function publicityList(raw: BetterSqlite3.Database, now: Date, townshipId?: number) {
  const rows = allCases(raw, todayIso(now), townshipId).filter((r) => r.stage === 'publicised');
  const sizes = new Map(
    all(
      raw,
      qb
        .selectFrom('members')
        .select((eb) => ['household_id', eb.fn.countAll<number>().as('n')])
        .where('active', '=', 1)
        .groupBy('household_id'),
    ).map((r) => [r.household_id, r.n]),
  );
  return rows.map((r) => ({
    id: r.id,
    name: maskName(r.headName),
    township: r.township,
    village: r.village,
    size: sizes.get(r.householdId) ?? 0,
    tierApplied: r.tierApplied,
    publicityFrom: r.publicityFrom!,
    publicityTo: r.publicityTo!,
    objection: r.objection,
  }));
}
