/**
 * The dashboard's figures: recipients and monthly spending by tier and by township (the open
 * month, computed from the determinations in force), their trend over the last twelve closed
 * months, warnings by status and overdue (when the monitoring tables exist), referrals by
 * department and status, and the queue of things waiting.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../db/schema';
import { monthOf, todayIso } from '../common/dates';
import { computeRoster, nextOpenMonth } from '../payments/roster';
import { all, first, qb } from '../db/query';
import { allCases, calendarGaps } from '../cases/read';

export interface Figure {
  recipients: number;
  persons: number;
  amountFen: number;
}

function tableExists(raw: BetterSqlite3.Database, name: string): boolean {
  const schema = qb.withTables<{ sqlite_master: { type: string; name: string } }>();
  return !!first(raw, schema.selectFrom('sqlite_master').select('name').where('type', '=', 'table').where('name', '=', name));
}

type Summary = ReturnType<typeof computeSummary>;
/**
 * The last figures of each connection, with what they were computed at: the day, this connection's count of changed rows
 * (`total_changes()`, which any write through it moves, rolled back or not) and `PRAGMA data_version` (which any commit by another
 * connection — an import or a scan in its worker thread — moves). A county's figures take ~1.3 s (bench/README.md monitoring);
 * a manager coming back to the dashboard with nothing changed since gets them at once.
 */
const last = new WeakMap<BetterSqlite3.Database, { key: string; value: Summary }>();

export function dashboardSummary(raw: BetterSqlite3.Database, now: Date): Summary {
  const changes = first(
    raw,
    qb.selectNoFrom((eb) => eb.fn<number>('total_changes', []).as('n')),
  )?.n;
  const key = `${todayIso(now)} ${changes} ${raw.pragma('data_version', { simple: true })}`;
  const hit = last.get(raw);
  if (hit?.key === key) return hit.value;
  const value = computeSummary(raw, now);
  last.set(raw, { key, value });
  return value;
}

function computeSummary(raw: BetterSqlite3.Database, now: Date) {
  const today = todayIso(now);
  const month = nextOpenMonth(raw, monthOf(today));
  const lines = computeRoster(raw, month);
  const byTier: Record<string, Figure> = {};
  const byTownship: Record<string, Figure> = {};
  const total: Figure = { recipients: 0, persons: 0, amountFen: 0 };
  for (const l of lines) {
    for (const [map, key] of [
      [byTier, l.tier],
      [byTownship, l.township],
    ] as const) {
      const f = (map[key] ??= { recipients: 0, persons: 0, amountFen: 0 });
      f.recipients++;
      f.persons += l.size;
      f.amountFen += l.amountFen;
    }
    total.recipients++;
    total.persons += l.size;
    total.amountFen += l.amountFen;
  }
  const months = all(raw, qb.selectFrom('payment_months').select('month').orderBy('month', 'desc').limit(12))
    .map((r) => r.month as string) // the table's key, never null (db/schema.ts types a TEXT key as nullable)
    .reverse();
  const trendRows = months.length
    ? all(
        raw,
        qb
          .selectFrom('payment_lines')
          .select((eb) => [
            'month',
            'tier',
            eb.fn.countAll<number>().as('recipients'),
            eb.fn.sum<number>('size').as('persons'),
            eb.fn.sum<number>('amount_fen').as('amountFen'),
          ])
          .where('month', '>=', months[0])
          .groupBy(['month', 'tier'])
          .orderBy('month'),
      )
    : [];
  const trend = months.map((m) => {
    const rows = trendRows.filter((r) => r.month === m);
    const tiers: Record<string, Figure> = {};
    for (const r of rows) tiers[r.tier] = { recipients: r.recipients, persons: r.persons, amountFen: r.amountFen };
    return {
      month: m,
      recipients: rows.reduce((s, r) => s + r.recipients, 0),
      amountFen: rows.reduce((s, r) => s + r.amountFen, 0),
      byTier: tiers,
    };
  });
  const referrals = all(
    raw,
    qb
      .selectFrom('referrals')
      .select((eb) => ['department', 'status', eb.fn.countAll<number>().as('n')])
      .groupBy(['department', 'status']),
  );
  const n = (eb: ExpressionBuilder<Database, keyof Database>) => eb.fn.countAll<number>().as('n');
  const overdueReferrals =
    first(raw, qb.selectFrom('referrals').select(n).where('status', 'in', ['pushed', 'acknowledged']).where('due_date', '<', today))?.n ??
    0;
  const draftedReferrals = first(raw, qb.selectFrom('referrals').select(n).where('status', '=', 'drafted'))?.n ?? 0;
  const pendingProposals =
    first(
      raw,
      qb
        .selectFrom('determinations as d')
        .leftJoin('determination_decisions as dd', 'dd.determination_id', 'd.id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('dd.id', 'is', null),
    )?.n ?? 0;
  let warnings: { byStatus: Record<string, number>; overdue: number } | null = null;
  if (tableExists(raw, 'warnings')) {
    try {
      const byStatus: Record<string, number> = {};
      for (const r of all(
        raw,
        qb
          .selectFrom('warnings')
          .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
          .groupBy('status'),
      ))
        byStatus[r.status] = r.n;
      const overdue = first(raw, qb.selectFrom('warnings').select(n).where('status', '=', 'open').where('due_on', '<', today))?.n ?? 0;
      warnings = { byStatus, overdue };
    } catch {
      warnings = null;
    }
  }
  // Overdue applications (docs/rules/workstations.md, time limits): the county sees each township's, each a link to that list.
  const cases = allCases(raw, today);
  const overdueCases = cases.filter((c) => c.overdue);
  const overdueByTownship: Record<string, { townshipId: number; n: number }> = {};
  for (const c of overdueCases) (overdueByTownship[c.township] ??= { townshipId: c.townshipId, n: 0 }).n++;
  return {
    month,
    total,
    cases: {
      open: cases.filter((c) => c.closedOn === null).length,
      overdue: overdueCases.length,
      overdueByTownship,
      // An empty calendar year makes every deadline count weekends only: the administrator is told (never invented holidays).
      calendarGaps: calendarGaps(raw, today),
    },
    byTier,
    byTownship,
    trend,
    referrals: { byDepartmentStatus: referrals, overdue: overdueReferrals, drafted: draftedReferrals },
    warnings,
    queue: {
      overdueReferrals,
      draftedReferrals,
      pendingProposals,
      overdueWarnings: warnings?.overdue ?? 0,
      overdueCases: overdueCases.length,
    },
  };
}
