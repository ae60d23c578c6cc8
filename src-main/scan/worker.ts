/**
 * A scan worker thread: its own read connection (WAL lets the app keep writing) over one
 * range of household ids, progress posted to the main thread, the changes found posted at
 * the end. The main thread saves every range's changes in one transaction, so a cancelled
 * (terminated) scan leaves nothing half-written.
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { evaluateCounty } from './evaluate-county';
import type { ParameterSet } from '../policy/parameters';

export interface ScanJob {
  dbFile: string;
  referenceDate: string;
  params: ParameterSet;
  fromId: number;
  toId: number;
}

const job = workerData as ScanJob;
const raw = new BetterSqlite3(job.dbFile, { readonly: true });
raw.pragma('busy_timeout = 5000');
try {
  const r = evaluateCounty(raw, job.params, job.referenceDate, (done) => parentPort!.postMessage({ type: 'progress', done }), 1000, { fromId: job.fromId, toId: job.toId });
  parentPort!.postMessage({ type: 'done', ...r });
} catch (e) {
  parentPort!.postMessage({ type: 'error', message: (e as Error).message });
} finally {
  raw.close();
}
