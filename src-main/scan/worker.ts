/**
 * A scan worker thread. It stays alive between scans (scan/pool.ts) and runs one job at a
 * time: one range of household ids, on its own connections (WAL lets the app keep working),
 * progress posted to the main thread, changes written in batches as they are found. The main
 * thread marks the scan done when every range has finished, or deletes its rows when it is
 * cancelled or fails, so nobody sees half a county.
 */
import { parentPort } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { configureConnection } from '../db/connection';
import { evaluateCounty, ResultWriter, type ScanOutcome } from './evaluate-county';
import { refreshEngineInputs } from '../registry/stream';
import type { ParameterSet } from '../policy/parameters';

export interface ScanJob {
  dbFile: string;
  referenceDate: string;
  params: ParameterSet;
  scanId: number;
  fromId: number;
  toId: number;
  /** Set to 1 by the main thread to stop the worker between households (cancel). */
  stop: SharedArrayBuffer;
  /** Changes written per transaction. */
  resultBatch: number;
}

export type WorkerMessage = { type: 'progress'; done: number } | ({ type: 'done' } & ScanOutcome) | { type: 'error'; message: string };

function run(job: ScanJob, post: (m: WorkerMessage) => void): void {
  const stop = new Int32Array(job.stop);
  // Two connections: a read cursor streams the county while the writer saves changes in batches.
  let reader: BetterSqlite3.Database | null = null;
  let writer: BetterSqlite3.Database | null = null;
  try {
    reader = new BetterSqlite3(job.dbFile, { readonly: true });
    reader.pragma('busy_timeout = 5000');
    // The cursor reads households and their packed inputs in id order; 8 MiB per thread
    // keeps the scan's memory well under its 500 MB budget (bench/README.md).
    reader.pragma('cache_size = -8192');
    writer = new BetterSqlite3(job.dbFile);
    configureConnection(writer);
    // The writer only appends results: a small cache keeps two threads' pages out of the scan's memory.
    writer.pragma('cache_size = -4096');
    writer.pragma('busy_timeout = 30000');
    // Households edited since the last scan have lost their packed input (migration 06).
    refreshEngineInputs(writer, job.fromId, job.toId);
    const results = new ResultWriter(writer, job.scanId, job.resultBatch);
    // One snapshot for the whole range, as when the stream was a single cursor: the stream
    // reads in pages, and a read transaction per page let the writers checkpoint under the
    // scan page by page (a quarter more system time, bench/README.md).
    reader.exec('BEGIN');
    const r = evaluateCounty(reader, job.params, job.referenceDate, (done) => post({ type: 'progress', done }), results.add, {
      progressEvery: 500, fromId: job.fromId, toId: job.toId, shouldStop: () => Atomics.load(stop, 0) === 1,
    });
    reader.exec('COMMIT');
    results.flush();
    post({ type: 'done', ...r });
  } catch (e) {
    post({ type: 'error', message: (e as Error).message });
  } finally {
    reader?.close();
    writer?.close();
  }
}

parentPort!.on('message', (job: ScanJob) => run(job, (m) => parentPort!.postMessage(m)));
