/**
 * Starts, watches and cancels proactive scans ("policies looking for people"). The work runs
 * in a worker thread so the app stays usable; this side keeps the live progress for the UI.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import os from 'node:os';
import { appendAudit } from '../audit/audit';
import { appError } from '../common/errors';
import { parametersOn } from '../policy/parameter-store';
import { discardScanResults, finishScan, mergeOutcomes, type ScanOutcome } from './evaluate-county';
import { runScanJob, type RunningJob } from './pool';
import type { PrepareJob } from './worker';
import { missingEngineInputs } from '../registry/stream';
import type { Actor } from '../audit/actor';
import { first, qb, run } from '../db/query';
import { connectionKey } from '../db/connection';
import type { ScanTrigger } from '../common/codes';

interface Live {
  jobs: RunningJob[];
  done: number[];
  total: number;
  startedMs: number;
  finished: Promise<void>;
  cancelled: boolean;
  stop: Int32Array;
}
const live = new Map<number, Live>();

/**
 * The threads to start (one per core, at most 4, fewer below `minPerWorker` households each:
 * a second thread costs more to start than it saves on a small county) and the household id
 * ranges they take in turn, about `RANGES_PER_WORKER` each so that a thread done early takes
 * another instead of waiting for the slowest.
 */
const RANGES_PER_WORKER = 8;
const activeHouseholds = (raw: BetterSqlite3.Database) =>
  first(
    raw,
    qb
      .selectFrom('households')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'active'),
  )?.n ?? 0;
export function scanPlan(
  raw: BetterSqlite3.Database,
  total: number,
  cores: number,
  minPerWorker: number,
): { workers: number; ranges: { fromId: number; toId: number }[] } {
  if (total === 0) return { workers: 1, ranges: [{ fromId: 0, toId: 0 }] };
  const workers = Math.max(1, Math.min(cores, Math.ceil(total / minPerWorker)));
  const n = workers === 1 ? 1 : Math.min(workers * RANGES_PER_WORKER, Math.max(workers, Math.ceil(total / 1000)));
  // Each bound is found from the one before it (`at` is its position), so the index is walked once in all.
  // hot path: bench/engine.ts scan — on the partial index of active households, which the builder cannot name (INDEXED BY).
  const after = raw
    .prepare<[number, number], number>(
      `SELECT id FROM households INDEXED BY households_active WHERE status = 'active' AND id > ? ORDER BY id LIMIT 1 OFFSET ?`,
    )
    .pluck();
  const bounds: number[] = [0];
  for (let i = 1, at = -1, prev = -1; i < n; i++) {
    const to = Math.floor((i * total) / n);
    const id = after.get(prev, to - at - 1);
    if (id === undefined) break;
    bounds.push(id);
    [at, prev] = [to, id];
  }
  return {
    workers,
    ranges: bounds.map((fromId, i) => ({ fromId, toId: i + 1 < bounds.length ? bounds[i + 1] - 1 : Number.MAX_SAFE_INTEGER })),
  };
}

export function startScan(
  raw: BetterSqlite3.Database,
  dbFile: string,
  opts: {
    referenceDate: string;
    trigger: ScanTrigger;
    actor: Actor;
    workers?: number;
    minPerWorker?: number;
    resultBatch?: number;
  },
  now: Date,
): number {
  if (dbFile === ':memory:') throw appError('scan_unavailable', 'A scan needs a database file.', '主动发现需要数据库文件。');
  const running = first(raw, qb.selectFrom('scans').select('id').where('status', '=', 'running'));
  if (running && live.has(running.id))
    throw appError(
      'scan_running',
      `Scan #${running.id} is still running; wait for it or cancel it.`,
      `第 ${running.id} 次主动发现仍在运行，请等待或取消。`,
    );
  if (running) {
    run(
      raw,
      qb
        .updateTable('scans')
        .set({ status: 'failed', error: 'interrupted (the app stopped)', finished_at: now.toISOString() })
        .where('id', '=', running.id),
    );
    discardScanResults(raw, running.id);
  }
  const params = parametersOn(raw, opts.referenceDate);
  const scanId = raw.transaction(() => {
    const id = run(
      raw,
      qb.insertInto('scans').values({
        reference_date: opts.referenceDate,
        parameter_set: params.id,
        trigger: opts.trigger,
        status: 'running',
        started_by: opts.actor.username,
        started_at: now.toISOString(),
      }),
    ).lastInsertRowid;
    appendAudit(raw, {
      ...opts.actor,
      action: 'scan',
      entity: 'scan',
      entityId: id,
      summary: `proactive scan on ${opts.referenceDate} (${opts.trigger})`,
      at: now.toISOString(),
    });
    return id;
  })();
  const total = activeHouseholds(raw);
  const { workers, ranges } = scanPlan(raw, total, opts.workers ?? Math.min(4, os.availableParallelism()), opts.minPerWorker ?? 5000);
  const fail = (message: string) => {
    run(
      raw,
      qb
        .updateTable('scans')
        .set({ status: 'failed', error: message, finished_at: new Date().toISOString() })
        .where('id', '=', scanId)
        .where('status', '=', 'running'),
    );
    discardScanResults(raw, scanId);
  };
  const stop = new SharedArrayBuffer(4);
  const state: Live = {
    jobs: [],
    done: Array.from({ length: workers }, () => 0),
    total,
    startedMs: Date.now(),
    finished: Promise.resolve(),
    cancelled: false,
    stop: new Int32Array(stop),
  };
  const outcomes: ScanOutcome[] = [];
  let failure: string | null = null;
  const next = new SharedArrayBuffer(4);
  const writeLock = new SharedArrayBuffer(4);
  state.jobs = state.done.map((_, i) =>
    runScanJob(
      {
        kind: 'scan',
        dbFile,
        dbKey: connectionKey(raw),
        scanId,
        referenceDate: opts.referenceDate,
        params,
        ranges,
        next,
        writeLock,
        stop,
        resultBatch: opts.resultBatch ?? 2000,
      },
      (done) => (state.done[i] = done),
    ),
  );
  state.finished = Promise.all(
    state.jobs.map(async (job, i) => {
      const r = await job.result;
      if (r.ok) outcomes[i] = r.outcome;
      else failure ??= r.message;
    }),
  ).then(() => {
    // The results count once every range has finished; otherwise they are removed.
    if (state.cancelled) discardScanResults(raw, scanId);
    else if (failure === null) finishScan(raw, scanId, mergeOutcomes(outcomes), new Date());
    else fail(failure);
    live.delete(scanId);
  });
  live.set(scanId, state);
  return scanId;
}

/**
 * Packs the missing engine inputs in the scan's threads, in the background, when many are
 * missing: after an upgrade whose migration emptied them (as 08 did), the first scan would
 * otherwise pack the whole county first (6-7× the time of a scan, bench/README.md, engine).
 * Called when the app starts; null when there is little to pack (a scan packs a few hundred
 * edited households in milliseconds). Resolves with the number packed; a scan started
 * meanwhile packs what is still missing itself.
 */
export function prepareScanInputs(
  raw: BetterSqlite3.Database,
  dbFile: string,
  opts: { atLeast?: number; workers?: number } = {},
): Promise<number> | null {
  if (dbFile === ':memory:') return null;
  if (missingEngineInputs(raw) < (opts.atLeast ?? 5000)) return null;
  const { workers, ranges } = scanPlan(raw, activeHouseholds(raw), opts.workers ?? Math.min(4, os.availableParallelism()), 5000);
  const job: PrepareJob = {
    kind: 'prepare',
    dbFile,
    dbKey: connectionKey(raw),
    ranges,
    next: new SharedArrayBuffer(4),
    stop: new SharedArrayBuffer(4),
  };
  return Promise.all(Array.from({ length: workers }, () => runScanJob(job, () => {}).result)).then((rs) =>
    rs.reduce((n, r) => {
      if (!r.ok) throw new Error(r.message);
      return n + r.outcome.evaluated;
    }, 0),
  );
}

export async function cancelScan(raw: BetterSqlite3.Database, scanId: number, actor: Actor, now: Date): Promise<void> {
  const s = live.get(scanId);
  if (!s) throw appError('not_running', `Scan #${scanId} is not running.`, `第 ${scanId} 次主动发现未在运行。`);
  s.cancelled = true;
  // Ask the workers to stop between households (their written batches are then removed);
  // a worker that does not answer in time is terminated.
  Atomics.store(s.stop, 0, 1);
  const timer = setTimeout(() => s.jobs.forEach((j) => j.terminate()), 10_000);
  await s.finished;
  clearTimeout(timer);
  const done = s.done.reduce((a, b) => a + b, 0);
  raw.transaction(() => {
    run(
      raw,
      qb
        .updateTable('scans')
        .set({ status: 'cancelled', finished_at: now.toISOString() })
        .where('id', '=', scanId)
        .where('status', '=', 'running'),
    );
    appendAudit(raw, {
      ...actor,
      action: 'cancel',
      entity: 'scan',
      entityId: scanId,
      summary: `scan cancelled at ${done}/${s.total}`,
      at: now.toISOString(),
    });
  })();
}

/** Resolves when the scan's worker has exited (tests, the CLI). */
export function scanFinished(scanId: number): Promise<void> {
  return live.get(scanId)?.finished ?? Promise.resolve();
}

/** The counts finishScan stored: changes by kind, and the unchanged. */
const parseCounts = (json: string): Record<string, number> => JSON.parse(json);

export function scanStatus(raw: BetterSqlite3.Database, scanId?: number) {
  // The trigger is startScan's (db/schema.ts types it as text).
  const scans = qb.selectFrom('scans').selectAll().$narrowType<{ trigger: ScanTrigger }>();
  const r = first(raw, scanId === undefined ? scans.orderBy('id', 'desc').limit(1) : scans.where('id', '=', scanId));
  if (!r) return null;
  const l = live.get(r.id);
  const done = l ? l.done.reduce((a, b) => a + b, 0) : r.households;
  const elapsed = l ? (Date.now() - l.startedMs) / 1000 : 0;
  const eta = l && done > 0 && l.total > 0 ? Math.max(0, Math.round((elapsed / done) * (l.total - done))) : null;
  return {
    id: r.id,
    status: r.status,
    referenceDate: r.reference_date,
    trigger: r.trigger,
    parameterSet: r.parameter_set,
    done,
    total: l ? l.total : r.households,
    etaSeconds: eta,
    counts: r.counts_json ? parseCounts(r.counts_json) : {},
    error: r.error,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}
