/**
 * The proactive scan's work, independent of threads: stream every household, evaluate it
 * with the parameters in force on the reference date, keep only the households whose
 * outcome differs from the determination in force. Called inside the worker.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { evaluate } from '../policy/engine';
import type { ParameterSet } from '../policy/parameters';
import { streamHouseholds } from '../registry/stream';
import { yuanToFen } from '../shared/money';
import { classify, keyReasons, type ScanKind } from './compare';

export interface ScanChange {
  householdId: number;
  areaId: number;
  kind: ScanKind;
  oldTier: string | null;
  newTier: string;
  oldBenefitFen: number;
  newBenefitFen: number;
  reasonsJson: string;
}

export function evaluateCounty(
  raw: BetterSqlite3.Database,
  params: ParameterSet,
  referenceDate: string,
  onProgress: (done: number) => void,
  progressEvery = 2000,
  range: { fromId?: number; toId?: number } = {},
): ScanOutcome {
  const changes: ScanChange[] = [];
  const counts: Record<string, number> = { newly_eligible: 0, tier_up: 0, tier_down: 0, benefit_changed: 0, no_longer_eligible: 0, unchanged: 0 };
  let n = 0;
  for (const h of streamHouseholds(raw, { ...range, lean: true })) {
    const d = evaluate(h.data, params, referenceDate);
    const oldTier = h.data.current?.tier ?? null;
    const oldBenefit = h.data.current ? yuanToFen(h.data.current.monthlyBenefit) : 0;
    const kind = classify(oldTier, oldBenefit, d.tier, d.monthlyBenefitFen);
    if (kind) {
      counts[kind]++;
      changes.push({ householdId: h.id, areaId: h.areaId, kind, oldTier, newTier: d.tier, oldBenefitFen: oldBenefit, newBenefitFen: d.monthlyBenefitFen, reasonsJson: JSON.stringify(keyReasons(kind, oldTier, d)) });
    } else counts.unchanged++;
    if (++n % progressEvery === 0) onProgress(n);
  }
  onProgress(n);
  return { evaluated: n, changes, counts };
}

export interface ScanOutcome { evaluated: number; changes: ScanChange[]; counts: Record<string, number> }

/** Adds up the outcomes of several ranges (one per worker), keeping household order. */
export function mergeOutcomes(parts: ScanOutcome[]): ScanOutcome {
  const counts: Record<string, number> = {};
  for (const p of parts) for (const [k, v] of Object.entries(p.counts)) counts[k] = (counts[k] ?? 0) + v;
  return { evaluated: parts.reduce((n, p) => n + p.evaluated, 0), changes: parts.flatMap((p) => p.changes), counts };
}

/** Writes a finished scan's results and status in one transaction. */
export function saveScan(raw: BetterSqlite3.Database, scanId: number, r: ScanOutcome, now: Date): void {
  raw.transaction(() => {
    const ins = raw.prepare(`INSERT INTO scan_results (scan_id, household_id, area_id, kind, old_tier, new_tier, old_benefit_fen, new_benefit_fen, reasons_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const c of r.changes) ins.run(scanId, c.householdId, c.areaId, c.kind, c.oldTier, c.newTier, c.oldBenefitFen, c.newBenefitFen, c.reasonsJson);
    raw.prepare(`UPDATE scans SET status = 'done', households = ?, counts_json = ?, finished_at = ? WHERE id = ?`).run(r.evaluated, JSON.stringify(r.counts), now.toISOString(), scanId);
  })();
}
