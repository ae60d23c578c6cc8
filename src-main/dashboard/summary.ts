/**
 * The dashboard's figures: recipients and monthly spending by tier and by township (the open
 * month, computed from the determinations in force), their trend over the last twelve closed
 * months, warnings by status and overdue (when the monitoring tables exist), referrals by
 * department and status, and the queue of things waiting.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { monthOf, todayIso } from '../common/dates';
import { computeRoster, nextOpenMonth } from '../payments/roster';

export interface Figure {
  recipients: number;
  persons: number;
  amountFen: number;
}

function tableExists(raw: BetterSqlite3.Database, name: string): boolean {
  return !!raw.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name);
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
  const key = `${todayIso(now)} ${raw.prepare(`SELECT total_changes()`).pluck().get()} ${raw.pragma('data_version', { simple: true })}`;
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
  const months = (raw.prepare(`SELECT month FROM payment_months ORDER BY month DESC LIMIT 12`).all() as { month: string }[])
    .map((r) => r.month)
    .reverse();
  const trendRows = months.length
    ? (raw
        .prepare(
          `SELECT month, tier, COUNT(*) AS recipients, SUM(size) AS persons, SUM(amount_fen) AS amountFen FROM payment_lines WHERE month >= ? GROUP BY month, tier ORDER BY month`,
        )
        .all(months[0]) as any[])
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
  const referrals = raw.prepare(`SELECT department, status, COUNT(*) AS n FROM referrals GROUP BY department, status`).all() as {
    department: string;
    status: string;
    n: number;
  }[];
  const overdueReferrals = (
    raw.prepare(`SELECT COUNT(*) AS n FROM referrals WHERE status IN ('pushed','acknowledged') AND due_date < ?`).get(today) as {
      n: number;
    }
  ).n;
  const draftedReferrals = (raw.prepare(`SELECT COUNT(*) AS n FROM referrals WHERE status = 'drafted'`).get() as { n: number }).n;
  const pendingProposals = (
    raw
      .prepare(
        `SELECT COUNT(*) AS n FROM determinations d LEFT JOIN determination_decisions dd ON dd.determination_id = d.id WHERE dd.id IS NULL`,
      )
      .get() as { n: number }
  ).n;
  let warnings: { byStatus: Record<string, number>; overdue: number } | null = null;
  if (tableExists(raw, 'warnings')) {
    try {
      const byStatus: Record<string, number> = {};
      for (const r of raw.prepare(`SELECT status, COUNT(*) AS n FROM warnings GROUP BY status`).all() as { status: string; n: number }[])
        byStatus[r.status] = r.n;
      const overdue = (raw.prepare(`SELECT COUNT(*) AS n FROM warnings WHERE status = 'open' AND due_on < ?`).get(today) as { n: number })
        .n;
      warnings = { byStatus, overdue };
    } catch {
      warnings = null;
    }
  }
  return {
    month,
    total,
    byTier,
    byTownship,
    trend,
    referrals: { byDepartmentStatus: referrals, overdue: overdueReferrals, drafted: draftedReferrals },
    warnings,
    queue: { overdueReferrals, draftedReferrals, pendingProposals, overdueWarnings: warnings?.overdue ?? 0 },
  };
}
