/**
 * The monthly payment roster (发放花名册).
 *
 * For an open month the roster is computed from the determinations in force: per household,
 * the latest approved determination whose `effective_month` ≤ the month (its tier and
 * monthly benefit as approved, split into basic living / gap, classified add-ons, 特困 care
 * subsidy and gradual-exit amount). A gradual-exit determination pays the last dibao amount ×
 * the taper percentage of the month (docs/rules/assistance.md §3.4), month by month from the stored
 * determination and the taper in its own parameter snapshot; after the last taper month it
 * pays nothing more (a new determination is due). Households whose tier was taken over from
 * an earlier system (households.current_tier with a benefit, and no approved determination at
 * all — an approval rewrites current_tier, so it no longer counts as taken over) are paid that recorded benefit from the month they
 * were registered — the office's records before the app; the first approved determination replaces it. Closed households are
 * not paid. Adjustments recorded against closed months are added to the month they apply to.
 *
 * A closed month is read back from its stored lines, never recomputed.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { all, first, qb } from '../db/query';
import { addMonths, monthsBetween } from '../common/dates';
import { codeOf } from '../common/codes';
import { TIERS } from '../common/household-file';

/** A roster line's tier: `none` for a household paid only an adjustment, with no tier of its own. */
export const ROSTER_TIERS = [...TIERS, 'none'] as const;
export type RosterTier = (typeof ROSTER_TIERS)[number];

export interface RosterLine {
  householdId: number;
  areaId: number;
  townshipId: number;
  township: string;
  village: string;
  tier: RosterTier;
  size: number;
  headName: string;
  headIdNumber: string;
  determinationId: number | null;
  baseFen: number;
  addonFen: number;
  careFen: number;
  exitFen: number;
  adjustFen: number;
  amountFen: number;
  note: string | null;
}

export interface RosterFilter {
  townshipId?: number;
  villageId?: number;
  /** Compared as given: the CLI passes what it was told. */
  tier?: string;
}

interface DetRow {
  household_id: number;
  area_id: number;
  township_id: number;
  township: string;
  village: string;
  residence: string;
  det_id: number | null;
  tier: string | null;
  benefit: number | null;
  reference_date: string | null;
  effective_month: string | null;
  breakdown: string | null;
  gexit: string | null;
  unrounded: number | null;
  present: number | null;
  head_name: string | null;
  head_id: string | null;
  legacy_tier: string | null;
  legacy_benefit: number;
}

// The determination in force per household, and its figures from `determination_figures` (migration 13), not from its
// result JSON: the roster of a county would otherwise read and parse every household's ~8 KB determination.
// hot path: bench/reports.ts compute (a county's roster in one statement, read a row at a time: written and tuned as SQL)
const IN_FORCE_SQL = `
WITH ranked AS (
  SELECT d.determination_id AS id, d.household_id,
    ROW_NUMBER() OVER (PARTITION BY d.household_id ORDER BY dd.effective_month DESC, dd.id DESC) AS rn
  FROM determination_decisions dd JOIN determination_figures d ON d.determination_id = dd.determination_id
  WHERE dd.decision = 'approved' AND dd.effective_month <= @month
)
SELECT h.id AS household_id, h.area_id, t.id AS township_id, t.name AS township, v.name AS village, h.residence,
  f.determination_id AS det_id, f.tier, f.monthly_benefit_fen AS benefit, f.reference_date, dd.effective_month,
  f.breakdown, f.gradual_exit AS gexit, f.unrounded_fen AS unrounded, f.present_members AS present,
  hm.name AS head_name, hm.id_number AS head_id, NULL AS legacy_tier, 0 AS legacy_benefit
FROM ranked r JOIN determination_figures f ON f.determination_id = r.id JOIN determination_decisions dd ON dd.determination_id = r.id
JOIN households h ON h.id = r.household_id JOIN areas v ON v.id = h.area_id JOIN areas t ON t.id = v.parent_id
LEFT JOIN members hm ON hm.id = (SELECT m.id FROM members m WHERE m.household_id = h.id AND m.active = 1
  ORDER BY m.relation <> 'head', m.position LIMIT 1)
WHERE r.rn = 1 AND h.status = 'active' AND f.tier <> 'none' AND f.monthly_benefit_fen > 0 /*FILTER*/
UNION ALL
SELECT h.id, h.area_id, t.id, t.name, v.name, h.residence, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  (SELECT COUNT(*) FROM members m WHERE m.household_id = h.id AND m.active = 1 AND m.status = 'present'),
  hm.name, hm.id_number, h.current_tier, h.current_benefit_fen
FROM households h JOIN areas v ON v.id = h.area_id JOIN areas t ON t.id = v.parent_id
LEFT JOIN members hm ON hm.id = (SELECT m.id FROM members m WHERE m.household_id = h.id AND m.active = 1
  ORDER BY m.relation <> 'head', m.position LIMIT 1)
WHERE h.current_tier IS NOT NULL AND h.current_benefit_fen > 0 AND h.status = 'active' AND substr(h.created_at, 1, 7) <= @month
  AND NOT EXISTS (SELECT 1 FROM determinations d2 CROSS JOIN determination_decisions dd2 ON dd2.determination_id = d2.id
    WHERE d2.household_id = h.id AND +dd2.decision = 'approved') /*FILTER*/
`;

function roundFen(unroundedFen: number, mode: string): number {
  const yuan = unroundedFen / 100;
  const eps = 1e-9;
  const r = mode === 'down' ? Math.floor(yuan + eps) : mode === 'nearest' ? Math.round(yuan) : Math.ceil(yuan - eps);
  return r * 100;
}

interface TaperInfo {
  taper: number[];
  rounding: string;
}

/** Page cache (KiB) while a roster is computed; see withSmallCache. */
const ROSTER_CACHE_KB = 8192;

/**
 * The roster reads nearly every household once. With the connection's 64 MiB page cache
 * (db/connection.ts, sized for bulk writes) that single pass left the cache full — about 60 MB
 * resident for the connection's lifetime on a 20,000-recipient county, most of the app's memory
 * growth while printing it — and ran no faster (0.7–0.8 s either way). Shrinking the cache also
 * drops what other queries had cached; the OS's file cache still holds those pages.
 */
function withSmallCache<T>(raw: BetterSqlite3.Database, f: () => T): T {
  const previous = raw.pragma('cache_size', { simple: true }) as number; // cache_size is a number
  if (previous >= 0 || -previous <= ROSTER_CACHE_KB) return f();
  raw.pragma(`cache_size = -${ROSTER_CACHE_KB}`);
  try {
    return f();
  } finally {
    raw.pragma(`cache_size = ${previous}`);
  }
}

/** Lines of an open month, computed from the determinations in force. */
export function computeRoster(raw: BetterSqlite3.Database, month: string, filter: RosterFilter = {}): RosterLine[] {
  return withSmallCache(raw, () => computeLines(raw, month, filter));
}

function computeLines(raw: BetterSqlite3.Database, month: string, filter: RosterFilter): RosterLine[] {
  const conds: string[] = [];
  const args: Record<string, unknown> = { month };
  if (filter.villageId !== undefined) {
    conds.push('h.area_id = @villageId');
    args.villageId = filter.villageId;
  }
  if (filter.townshipId !== undefined) {
    conds.push('t.id = @townshipId');
    args.townshipId = filter.townshipId;
  }
  const sqlText = IN_FORCE_SQL.replaceAll('/*FILTER*/', conds.map((c) => `AND ${c}`).join(' '));
  // hot path: bench/reports.ts compute (asked once per household in its gradual exit)
  const taperOf = raw.prepare(
    `SELECT json_extract(parameters_json, '$.values.' || ? || '."gradualExit.taper"') AS taper,
      json_extract(parameters_json, '$.values.' || ? || '."benefit.rounding"') AS rounding FROM determinations WHERE id = ?`,
  );
  const adjustments = new Map<number, { fen: number; reasons: string[] }>();
  for (const a of all(
    raw,
    qb
      .selectFrom('payment_adjustments')
      .select(['household_id', 'amount_fen', 'reason', 'for_month'])
      .where('applied_month', '=', month)
      .orderBy('id'),
  )) {
    const cur = adjustments.get(a.household_id) ?? { fen: 0, reasons: [] };
    cur.fen += a.amount_fen;
    cur.reasons.push(`${a.for_month} 调整 ${a.amount_fen > 0 ? '+' : ''}${(a.amount_fen / 100).toFixed(2)} 元：${a.reason}`);
    adjustments.set(a.household_id, cur);
  }

  const lines: RosterLine[] = [];
  const byHousehold = new Map<number, RosterLine>();
  // One row at a time: a county's rows with their JSON, held at once, only raised the heap's peak.
  // hot path: bench/reports.ts compute (IN_FORCE_SQL above)
  const rows = raw.prepare(sqlText).iterate(args) as IterableIterator<DetRow>; // better-sqlite3's rows are untyped: IN_FORCE_SQL's columns
  for (const r of rows) {
    let addon = 0,
      care = 0,
      exit = 0;
    let base: number, amount: number;
    let note: string | null = null;
    let tier: RosterTier;
    if (r.det_id !== null && r.tier !== null && r.benefit !== null && r.reference_date !== null) {
      tier = codeOf(TIERS, r.tier);
      amount = r.benefit;
      const items = JSON.parse(r.breakdown ?? '[]') as { item: string; amountFen: number }[]; // the engine's breakdown (policy/types)
      for (const it of items) {
        if (it.item === 'addon') addon += it.amountFen;
        else if (it.item === 'care_subsidy') care += it.amountFen;
        else if (it.item === 'gradual_exit') exit += it.amountFen;
      }
      if (r.gexit) {
        const g = JSON.parse(r.gexit) as { month: number; percent: number }; // the engine's gradual exit (policy/types)
        const k = g.month + monthsBetween(r.reference_date.slice(0, 7), month);
        if (k !== g.month) {
          const t = taperOf.get(r.residence, r.residence, r.det_id) as { taper: string | null; rounding: string | null }; // its SELECT's columns
          const info: TaperInfo = { taper: t.taper ? (JSON.parse(t.taper) as number[]) : [], rounding: t.rounding ?? 'up' }; // a parameter's value
          const last = g.percent > 0 ? exit / (g.percent / 100) : 0;
          const percent = k >= 1 && k <= info.taper.length ? info.taper[k - 1] : 0;
          const newExit = (last * percent) / 100;
          amount = roundFen((r.unrounded ?? amount) - exit + newExit, info.rounding);
          exit = newExit;
          note = percent > 0 ? `渐退期第 ${k} 个月，按 ${percent}% 发放` : `渐退期满（第 ${k} 个月），停发`;
        } else {
          note = `渐退期第 ${g.month} 个月，按 ${g.percent}% 发放`;
        }
      }
      addon = Math.round(addon);
      care = Math.round(care);
      exit = Math.round(exit);
      base = amount - addon - care - exit;
      if (amount <= 0) continue;
    } else if (r.legacy_tier !== null) {
      tier = codeOf(TIERS, r.legacy_tier);
      amount = base = r.legacy_benefit;
      note = '沿用原有待遇（本系统尚无认定）';
    } else continue;
    if (filter.tier && tier !== filter.tier) continue;
    const line: RosterLine = {
      householdId: r.household_id,
      areaId: r.area_id,
      townshipId: r.township_id,
      township: r.township,
      village: r.village,
      tier,
      size: r.present ?? 0,
      headName: r.head_name ?? '',
      headIdNumber: r.head_id ?? '',
      determinationId: r.det_id,
      baseFen: base,
      addonFen: addon,
      careFen: care,
      exitFen: exit,
      adjustFen: 0,
      amountFen: amount,
      note,
    };
    lines.push(line);
    byHousehold.set(line.householdId, line);
  }
  if (adjustments.size) {
    for (const [hid, a] of adjustments) {
      let line = byHousehold.get(hid);
      if (!line) {
        const e = householdOf(raw, hid);
        if (!e) continue;
        if (filter.villageId !== undefined && e.area_id !== filter.villageId) continue;
        if (filter.townshipId !== undefined && e.township_id !== filter.townshipId) continue;
        const tier = e.current_tier === null ? 'none' : codeOf(TIERS, e.current_tier);
        if (filter.tier && tier !== filter.tier) continue;
        line = {
          householdId: hid,
          areaId: e.area_id,
          townshipId: e.township_id,
          township: e.township,
          village: e.village,
          tier,
          size: e.size ?? 0,
          headName: e.head_name ?? '',
          headIdNumber: e.head_id ?? '',
          determinationId: null,
          baseFen: 0,
          addonFen: 0,
          careFen: 0,
          exitFen: 0,
          adjustFen: 0,
          amountFen: 0,
          note: null,
        };
        lines.push(line);
        byHousehold.set(hid, line);
      }
      line.adjustFen += a.fen;
      line.amountFen += a.fen;
      line.note = [line.note, ...a.reasons].filter(Boolean).join('；');
    }
  }
  sortLines(lines);
  return lines;
}

/** A household paid only an adjustment this month: what its line shows. */
function householdOf(raw: BetterSqlite3.Database, householdId: number) {
  return first(
    raw,
    qb
      .selectFrom('households as h')
      .innerJoin('areas as v', 'v.id', 'h.area_id')
      .innerJoin('areas as t', 't.id', 'v.parent_id')
      .leftJoin('members as hm', (j) =>
        j.onRef('hm.id', '=', (eb) =>
          eb
            .selectFrom('members as m')
            .select('m.id')
            .whereRef('m.household_id', '=', 'h.id')
            .where('m.active', '=', 1)
            .orderBy((o) => o('m.relation', '<>', 'head'))
            .orderBy('m.position')
            .limit(1),
        ),
      )
      .select((eb) => [
        'h.id as household_id',
        'h.area_id',
        't.id as township_id',
        't.name as township',
        'v.name as village',
        'h.current_tier',
        eb
          .selectFrom('members as m')
          .select((c) => c.fn.countAll<number>().as('n'))
          .whereRef('m.household_id', '=', 'h.id')
          .where('m.active', '=', 1)
          .where('m.status', '=', 'present')
          .as('size'),
        'hm.name as head_name',
        'hm.id_number as head_id',
      ])
      .where('h.id', '=', householdId),
  );
}

export function sortLines(lines: RosterLine[]): void {
  lines.sort((a, b) => a.townshipId - b.townshipId || a.areaId - b.areaId || a.householdId - b.householdId);
}

export function isClosed(raw: BetterSqlite3.Database, month: string): boolean {
  return !!first(raw, qb.selectFrom('payment_months').select('month').where('month', '=', month));
}

/** The roster of a month: stored lines when closed, else computed. */
export function rosterLines(
  raw: BetterSqlite3.Database,
  month: string,
  filter: RosterFilter = {},
): { closed: boolean; lines: RosterLine[] } {
  if (!isClosed(raw, month)) return { closed: false, lines: computeRoster(raw, month, filter) };
  let q = qb
    .selectFrom('payment_lines as l')
    .innerJoin('areas as v', 'v.id', 'l.area_id')
    .innerJoin('areas as t', 't.id', 'v.parent_id')
    .select([
      'l.household_id as householdId',
      'l.area_id as areaId',
      't.id as townshipId',
      't.name as township',
      'v.name as village',
      'l.tier',
      'l.size',
      'l.head_name as headName',
      'l.head_id_number as headIdNumber',
      'l.determination_id as determinationId',
      'l.base_fen as baseFen',
      'l.addon_fen as addonFen',
      'l.care_fen as careFen',
      'l.exit_fen as exitFen',
      'l.adjust_fen as adjustFen',
      'l.amount_fen as amountFen',
      'l.note',
    ])
    .where('l.month', '=', month);
  if (filter.villageId !== undefined) q = q.where('l.area_id', '=', filter.villageId);
  if (filter.townshipId !== undefined) q = q.where('t.id', '=', filter.townshipId);
  if (filter.tier) q = q.where('l.tier', '=', filter.tier);
  const lines: RosterLine[] = all(raw, q).map((l) => ({ ...l, tier: codeOf(ROSTER_TIERS, l.tier) }));
  sortLines(lines);
  return { closed: true, lines };
}

export function lastClosedMonth(raw: BetterSqlite3.Database): string | null {
  return (
    first(
      raw,
      qb.selectFrom('payment_months').select((eb) => eb.fn.max('month').as('m')),
    )?.m ?? null
  );
}

/** The month the next adjustment is paid with: the first month after the last closed one. */
export function nextOpenMonth(raw: BetterSqlite3.Database, fallback: string): string {
  const last = lastClosedMonth(raw);
  return last ? addMonths(last, 1) : fallback;
}
