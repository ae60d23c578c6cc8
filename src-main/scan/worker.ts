/**
 * A scan worker thread. It stays alive between scans (scan/pool.ts) and runs one job at a
 * time on its own connections (WAL lets the app keep working): it takes the next range of
 * household ids from a counter shared with the other threads until none is left, posts its
 * progress to the main thread, and writes changes in batches as they are found. The main
 * thread marks the scan done when every thread has finished, or deletes its rows when it is
 * cancelled or fails, so nobody sees half a county.
 *
 * Ranges are taken, not dealt: with one fixed half each, the thread whose half held the
 * dearer households finished 11-13 % later while the other sat idle (bench/README.md, engine).
 */
import { parentPort } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { configureConnection, openConnection } from '../db/connection';
import { evaluateCounty, mergeOutcomes, ResultWriter, type ScanOutcome } from './evaluate-county';
import { refreshEngineInputs } from '../registry/stream';
import type { ParameterSet } from '../common/parameters';
import { errorMessage } from '../common/errors';
import { costScenario, emptyTally, ScenarioWriter, tallyScenario, type ScenarioTally } from './scenario-job';

/** What every job of a scan thread reads: household id ranges taken in turn from a shared counter. */
interface RangesJob {
  dbFile: string;
  /** The store's key (db/connection.ts): in the job message, never on a command line or in a log. */
  dbKey: string | null;
  /** Household id ranges, in id order; each is evaluated by whichever thread takes it. */
  ranges: { fromId: number; toId: number }[];
  /** The index of the next range to take (Int32, shared by the job's threads). */
  next: SharedArrayBuffer;
  /** Set to 1 by the main thread to stop the worker between households (cancel). */
  stop: SharedArrayBuffer;
}

/** Evaluate the ranges' households and write the changes. */
export interface ScanJob extends RangesJob {
  kind: 'scan';
  referenceDate: string;
  params: ParameterSet;
  scanId: number;
  /** Taken by the thread writing its changes (Int32, shared by the scan's threads; see ResultWriter). */
  writeLock: SharedArrayBuffer;
  /** Changes written per transaction. */
  resultBatch: number;
}

/** Only pack the ranges' missing engine inputs (prepareScanInputs); `evaluated` in the outcome counts them. */
export interface PrepareJob extends RangesJob {
  kind: 'prepare';
}

/**
 * A scenario (src-main/scenarios/): with `runId`, the county under `sets[0]` (before) and
 * `sets[1]` (after) in one pass, its changes written; without, only the monthly cost under
 * each of `sets` (budget mode). Nothing is written to the registry.
 */
export interface ScenarioJob extends RangesJob {
  kind: 'scenario';
  referenceDate: string;
  sets: ParameterSet[];
  runId: number | null;
  writeLock: SharedArrayBuffer;
  resultBatch: number;
}

export type WorkerMessage =
  | { type: 'progress'; done: number }
  | ({ type: 'done'; tally?: ScenarioTally; costs?: number[] } & ScanOutcome)
  | { type: 'error'; message: string };

export type AnyJob = ScanJob | PrepareJob | ScenarioJob;

function run(job: AnyJob, post: (m: WorkerMessage) => void): void {
  const stop = new Int32Array(job.stop);
  // Two connections: a read cursor streams the county while the writer saves changes in batches.
  let reader: BetterSqlite3.Database | null = null;
  let writer: BetterSqlite3.Database | null = null;
  try {
    writer = openConnection(job.dbFile, job.dbKey);
    configureConnection(writer);
    // The writer only appends results: a small cache keeps two threads' pages out of the scan's memory.
    writer.pragma('cache_size = -4096');
    writer.pragma('busy_timeout = 30000');
    const next = new Int32Array(job.next);
    const stopped = () => Atomics.load(stop, 0) === 1;
    const take = () => {
      const i = Atomics.add(next, 0, 1);
      return i < job.ranges.length && !stopped() ? job.ranges[i] : null;
    };
    if (job.kind === 'prepare') {
      let packed = 0;
      for (let r = take(); r; r = take()) post({ type: 'progress', done: (packed += refreshEngineInputs(writer, r.fromId, r.toId)) });
      post({ type: 'done', evaluated: packed, counts: {} });
      return;
    }
    reader = openConnection(job.dbFile, job.dbKey, { readonly: true });
    reader.pragma('busy_timeout = 5000');
    // The cursor reads households and their packed inputs in id order; 8 MiB per thread
    // keeps the scan's memory well under its 500 MB budget (bench/README.md).
    reader.pragma('cache_size = -8192');
    if (job.kind === 'scenario') {
      scenario(job, reader, writer, take, stopped, post);
      return;
    }
    const results = new ResultWriter(writer, job.scanId, job.resultBatch, job.writeLock);
    const outcomes: ScanOutcome[] = [];
    let before = 0;
    for (let r = take(); r; r = take()) {
      // Households edited since the last scan have lost their packed input (migration 06).
      refreshEngineInputs(writer, r.fromId, r.toId);
      // One snapshot for the whole range: a read transaction per page let the writers
      // checkpoint under the scan page by page (a quarter more system time, bench/README.md).
      reader.exec('BEGIN');
      const o = evaluateCounty(
        reader,
        job.params,
        job.referenceDate,
        (done) => post({ type: 'progress', done: before + done }),
        results.add,
        {
          progressEvery: 500,
          fromId: r.fromId,
          toId: r.toId,
          shouldStop: stopped,
        },
      );
      reader.exec('COMMIT');
      outcomes.push(o);
      before += o.evaluated;
    }
    results.flush();
    post({ type: 'done', ...mergeOutcomes(outcomes) });
  } catch (e) {
    post({ type: 'error', message: errorMessage(e) });
  } finally {
    reader?.close();
    writer?.close();
  }
}

function scenario(
  job: ScenarioJob,
  reader: BetterSqlite3.Database,
  writer: BetterSqlite3.Database,
  take: () => { fromId: number; toId: number } | null,
  stopped: () => boolean,
  post: (m: WorkerMessage) => void,
): void {
  const results = job.runId === null ? null : new ScenarioWriter(writer, job.runId, job.resultBatch, job.writeLock);
  const tally = emptyTally();
  const costs = job.sets.map(() => 0);
  let before = 0;
  for (let r = take(); r; r = take()) {
    refreshEngineInputs(writer, r.fromId, r.toId);
    reader.exec('BEGIN');
    const progress = (done: number) => post({ type: 'progress', done: before + done });
    const range = { progressEvery: 500, fromId: r.fromId, toId: r.toId, shouldStop: stopped };
    before += results
      ? tallyScenario(reader, job.sets[0], job.sets[1], job.referenceDate, tally, progress, results.add, range)
      : costScenario(reader, job.sets, job.referenceDate, costs, progress, range);
    reader.exec('COMMIT');
  }
  results?.flush();
  post({ type: 'done', evaluated: before, counts: {}, tally, costs });
}

parentPort!.on('message', (job: AnyJob) => run(job, (m) => parentPort!.postMessage(m)));
