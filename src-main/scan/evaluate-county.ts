/**
 * The proactive scan's work, independent of threads: stream every household, evaluate it
 * with the parameters in force on the reference date, keep only the households whose
 * outcome differs from the determination in force. Called inside the worker.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { evaluate } from '../policy/engine';
import type { ParameterSet } from '../common/parameters';
import { streamHouseholds } from '../registry/stream';
import { fenOf } from '../policy/fen';
import { classify, keyReasons, type ScanKind } from './compare';
import { encodeReasons } from './reasons-codec';
import { qb, run } from '../db/query';

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

export interface ScanOutcome {
  evaluated: number;
  counts: Record<string, number>;
}

/**
 * Evaluates the households of a range and hands each change to `sink` as it is found, so a
 * county's changes are never all held in memory at once.
 */
export function evaluateCounty(
  raw: BetterSqlite3.Database,
  params: ParameterSet,
  referenceDate: string,
  onProgress: (done: number) => void,
  sink: (c: ScanChange) => void,
  opts: { progressEvery?: number; fromId?: number; toId?: number; shouldStop?: () => boolean } = {},
): ScanOutcome {
  const counts: Record<string, number> = {
    newly_eligible: 0,
    tier_up: 0,
    tier_down: 0,
    benefit_changed: 0,
    no_longer_eligible: 0,
    unchanged: 0,
  };
  const every = opts.progressEvery ?? 2000;
  let n = 0;
  for (const h of streamHouseholds(raw, { fromId: opts.fromId, toId: opts.toId, lean: true })) {
    const d = evaluate(h.data, params, referenceDate);
    const oldTier = h.data.current?.tier ?? null;
    // The stream's amounts are whole fen ÷ 100: `fenOf` is exact (yuanToFen's string parse is not needed).
    const oldBenefit = h.data.current ? fenOf(h.data.current.monthlyBenefit) : 0;
    const kind = classify(oldTier, oldBenefit, d.tier, d.monthlyBenefitFen);
    if (kind) {
      counts[kind]++;
      sink({
        householdId: h.id,
        areaId: h.areaId,
        kind,
        oldTier,
        newTier: d.tier,
        oldBenefitFen: oldBenefit,
        newBenefitFen: d.monthlyBenefitFen,
        reasonsJson: encodeReasons(keyReasons(kind, oldTier, d)),
      });
    } else counts.unchanged++;
    if (++n % every === 0) {
      onProgress(n);
      if (opts.shouldStop?.()) break;
    }
  }
  onProgress(n);
  return { evaluated: n, counts };
}

/** Adds up the outcomes of several ranges (one per worker). */
export function mergeOutcomes(parts: ScanOutcome[]): ScanOutcome {
  const counts: Record<string, number> = {};
  for (const p of parts) for (const [k, v] of Object.entries(p.counts)) counts[k] = (counts[k] ?? 0) + v;
  return { evaluated: parts.reduce((n, p) => n + p.evaluated, 0), counts };
}

/**
 * Writes a scan's changes in batches as they come (each worker on its own connection). The
 * results count only once the scan is marked done; a cancelled or failed scan's rows are
 * deleted (`discardScanResults`), so nobody acts on half a county.
 *
 * The scan's threads share `lock` (an Int32 in shared memory) so that they do not queue on
 * SQLite's write lock, where a waiting writer sleeps in steps of up to 100 ms: a thread that
 * finds the lock taken keeps evaluating and writes at a later batch; it waits only when it
 * holds four batches, and for its last one (3-5 % off a county scan, bench/README.md, engine).
 * The lock only spares the waiting; SQLite's own lock still guards the writes, so a thread
 * that died holding it delays the others by `LOCK_PATIENCE_MS` at most.
 */
const LOCK_PATIENCE_MS = 30_000;

export class ResultWriter {
  private buffer: ScanChange[] = [];
  private insert: BetterSqlite3.Statement;
  private lock: Int32Array;
  constructor(
    private raw: BetterSqlite3.Database,
    private scanId: number,
    private batch = 2000,
    lock?: SharedArrayBuffer,
  ) {
    // hot path: bench/engine.ts scan — prepared once, run for each of a county's ~90,000 changes.
    this.insert = raw.prepare(
      `INSERT INTO scan_results (scan_id, household_id, area_id, kind, old_tier, new_tier, old_benefit_fen, new_benefit_fen, reasons_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.lock = new Int32Array(lock ?? new SharedArrayBuffer(4));
  }
  add = (c: ScanChange): void => {
    this.buffer.push(c);
    if (this.buffer.length >= this.batch) {
      if (this.buffer.length >= 4 * this.batch) this.flush();
      else if (Atomics.compareExchange(this.lock, 0, 0, 1) === 0) this.write();
    }
  };
  /** Writes what is buffered, waiting for the other threads' writes if need be. */
  flush(): void {
    if (this.buffer.length === 0) return;
    const until = Date.now() + LOCK_PATIENCE_MS;
    while (Atomics.compareExchange(this.lock, 0, 0, 1) !== 0 && Date.now() < until) Atomics.wait(this.lock, 0, 1, 100);
    this.write();
  }
  /** Writes the buffer; the caller holds the lock (or gave up waiting for it). */
  private write(): void {
    const rows = this.buffer;
    this.buffer = [];
    try {
      this.raw.transaction(() => {
        for (const c of rows)
          this.insert.run(
            this.scanId,
            c.householdId,
            c.areaId,
            c.kind,
            c.oldTier,
            c.newTier,
            c.oldBenefitFen,
            c.newBenefitFen,
            c.reasonsJson,
          );
      })();
    } finally {
      Atomics.store(this.lock, 0, 0);
      Atomics.notify(this.lock, 0);
    }
  }
}

export function finishScan(raw: BetterSqlite3.Database, scanId: number, r: ScanOutcome, now: Date): void {
  run(
    raw,
    qb
      .updateTable('scans')
      .set({ status: 'done', households: r.evaluated, counts_json: JSON.stringify(r.counts), finished_at: now.toISOString() })
      .where('id', '=', scanId)
      .where('status', '=', 'running'),
  );
}

export function discardScanResults(raw: BetterSqlite3.Database, scanId: number): void {
  run(raw, qb.deleteFrom('scan_results').where('scan_id', '=', scanId));
}
