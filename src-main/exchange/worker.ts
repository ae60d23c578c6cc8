/**
 * The import worker thread: its own connection (WAL lets the app keep working), stages the
 * file in resumable batches and applies it in one transaction, posting progress. A 'cancel'
 * message stops staging at the next batch (rolled back); a terminated or killed worker
 * leaves staged rows only, never a half-applied file. The same entry runs the file reader
 * of a large import (`role: 'rows'`, ./rows-thread.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { configureConnection } from '../db/connection';
import { runImportJob } from './job';
import { runRowsThread, type RowsThreadData } from './rows-thread';
import type { StageJob } from './stage';
import type { Actor } from '../audit/actor';

export interface ImportWorkerData {
  dbFile: string;
  job: StageJob;
  actor: Actor;
  lang: 'zh' | 'en';
  nowIso: string | null;
}

if ((workerData as { role?: string }).role === 'rows') void runRowsThread(workerData as RowsThreadData);
else runImport(workerData as ImportWorkerData);

function runImport(d: ImportWorkerData): void {
  let cancel = false;
  parentPort!.on('message', (m: any) => {
    if (m?.type === 'cancel') cancel = true;
  });
  const raw = new BetterSqlite3(d.dbFile);
  configureConnection(raw);
  // 8 MiB of page cache: staging and apply write in key order (the parts, the household index sorted, the lists), the warnings'
  // deduplication index is the one written at random, and the households a warning needs are read by the reading thread. Against
  // 16 MiB, peak RSS −11, −12 and 0 MB in three sets of 5 alternating runs of a county file, wall no slower (4 and 2 MiB were not
  // slower either, but leave the deduplication index of years of warnings no room); 128 MiB made the inserts no faster. Every MiB
  // counts against the import's 300 MB budget with two threads (bench/README.md "## import"). Temporary B-trees in memory, not in temp files.
  raw.pragma('cache_size = -8192');
  raw.pragma('temp_store = MEMORY');
  runImportJob(
    raw,
    d.job,
    d.actor,
    () => (d.nowIso ? new Date(d.nowIso) : new Date()),
    d.lang,
    (p) => parentPort!.postMessage({ type: 'progress', ...p }),
    () => cancel,
    true,
  )
    .then((summary) => parentPort!.postMessage(summary ? { type: 'done', summary } : { type: 'cancelled' }))
    .catch((e: Error & { code?: string; messages?: { zh: string; en: string } }) =>
      parentPort!.postMessage({ type: 'error', message: e.messages?.[d.lang] ?? e.message, code: e.code ?? 'internal' }),
    )
    .finally(() => {
      raw.close();
      parentPort!.close();
    });
}
