/**
 * The scan worker thread: its own read connection (WAL lets the app keep writing), the whole
 * county evaluated in one pass, progress posted to the main thread, results saved at the end
 * in one transaction — a cancelled (terminated) scan leaves nothing half-written.
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { configureConnection } from '../db/open';
import { evaluateCounty, saveScan } from './evaluate-county';
import type { ParameterSet } from '../policy/parameters';

export interface ScanJob {
  dbFile: string;
  scanId: number;
  referenceDate: string;
  params: ParameterSet;
}

const job = workerData as ScanJob;
const raw = new BetterSqlite3(job.dbFile);
configureConnection(raw);
try {
  const total = (raw.prepare(`SELECT COUNT(*) AS n FROM households WHERE status = 'active'`).get() as { n: number }).n;
  parentPort!.postMessage({ type: 'progress', done: 0, total });
  const r = evaluateCounty(raw, job.params, job.referenceDate, (done) => parentPort!.postMessage({ type: 'progress', done, total }));
  saveScan(raw, job.scanId, r, new Date());
  parentPort!.postMessage({ type: 'done', evaluated: r.evaluated, counts: r.counts });
} catch (e) {
  parentPort!.postMessage({ type: 'error', message: (e as Error).message });
} finally {
  raw.close();
}
