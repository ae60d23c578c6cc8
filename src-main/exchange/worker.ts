/**
 * The import worker thread: its own connection (WAL lets the app keep working), stages the
 * file in resumable batches and applies it in one transaction, posting progress. A 'cancel'
 * message stops staging at the next batch (rolled back); a terminated or killed worker
 * leaves staged rows only, never a half-applied file. The same entry runs the file reader
 * of a large import (`role: 'rows'`, ./rows-thread.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Actor } from '../audit/actor';
import type { ImportSummary } from './apply';
import type { JobProgress } from './job';
import type { RowsThreadData } from './rows-thread';
import type { StageJob } from './stage';

export interface ImportWorkerData {
  dbFile: string;
  /** The store's key (db/connection.ts): in workerData, never on a command line or in a log. */
  dbKey: string | null;
  job: StageJob;
  actor: Actor;
  lang: 'zh' | 'en';
  nowIso: string | null;
}

/** What the import worker posts to the thread that started it (./runner.ts). */
export type ImportMessage =
  | ({ type: 'progress' } & JobProgress)
  | { type: 'done'; summary: ImportSummary }
  | { type: 'cancelled' }
  | { type: 'error'; message: string; code: string };

// Each role loads its own modules only: a reading thread needs none of what applying an import does.
const data = workerData as ImportWorkerData | RowsThreadData;
if ('role' in data) void import('./rows-thread').then((m) => m.runRowsThread(data));
else void runImport(data);

async function runImport(d: ImportWorkerData): Promise<void> {
  let cancel = false;
  const post = (m: ImportMessage) => parentPort!.postMessage(m);
  parentPort!.on('message', (m: { type?: string } | null) => {
    if (m?.type === 'cancel') cancel = true;
  });
  const [{ configureConnection, openConnection }, { runImportJob }, { WRITER_CACHE_KIB }] = await Promise.all([
    import('../db/connection'),
    import('./job'),
    import('./tuning'),
  ]);
  const raw = openConnection(d.dbFile, d.dbKey);
  configureConnection(raw);
  raw.pragma(`cache_size = -${WRITER_CACHE_KIB}`);
  // Temporary B-trees in memory, not in temp files.
  raw.pragma('temp_store = MEMORY');
  runImportJob(raw, d.job, {
    actor: d.actor,
    now: () => (d.nowIso ? new Date(d.nowIso) : new Date()),
    lang: d.lang,
    onProgress: (p) => post({ type: 'progress', ...p }),
    cancelled: () => cancel,
    inThread: true,
  })
    .then((summary) => post(summary ? { type: 'done', summary } : { type: 'cancelled' }))
    .catch((e: Error & { code?: string; messages?: { zh: string; en: string } }) =>
      post({ type: 'error', message: e.messages?.[d.lang] ?? e.message, code: e.code ?? 'internal' }),
    )
    .finally(() => {
      raw.close();
      parentPort!.close();
    });
}
