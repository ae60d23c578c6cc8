/**
 * Starts, watches and cancels imports in a worker thread (docs/architecture.md): the app stays
 * usable, the UI polls `status` for a progress bar with counts and an ETA, and `cancel`
 * leaves the registry and warnings as they were (staged rows stay for a later resume).
 */
import type { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Actor } from '../audit/actor';
import { appendAudit } from '../audit/audit';
import { appError } from '../common/errors';
import { first, qb, run } from '../db/query';
import { connectionKey } from '../db/connection';
import { storedSummary, type ImportSummary } from './summary';
import type { JobProgress } from './job';
import { spawnExchangeWorker } from './spawn';
import type { ImportMessage, ImportWorkerData } from './worker';

interface Live {
  worker: Worker;
  importId: number;
  startedMs: number;
  progress: JobProgress | null;
  result: { summary?: ImportSummary; error?: { code: string; message: string }; cancelled?: boolean } | null;
  finished: Promise<void>;
}
const live = new Map<number, Live>();
const recent = new Map<number, Live>();

export function startImportWorker(raw: BetterSqlite3.Database, dbFile: string, data: Omit<ImportWorkerData, 'dbFile' | 'dbKey'>): number {
  if (dbFile === ':memory:') throw appError('import_unavailable', 'An import needs a database file.', '导入需要数据库文件。');
  const importId = data.job.importId;
  if (live.has(importId)) throw appError('import_running', `Import #${importId} is already running.`, `第 ${importId} 号导入正在进行。`);
  if (live.size > 0)
    throw appError('import_running', 'Another import is running; wait for it or cancel it.', '另一项导入正在进行，请等待或取消。');
  const worker = spawnExchangeWorker({ ...data, dbFile, dbKey: connectionKey(raw) });
  const state: Live = { worker, importId, startedMs: Date.now(), progress: null, result: null, finished: Promise.resolve() };
  state.finished = new Promise((resolve) => {
    worker.on('message', (m: ImportMessage) => {
      if (m.type === 'progress') state.progress = m;
      else if (m.type === 'done') state.result = { summary: m.summary };
      else if (m.type === 'cancelled') state.result = { cancelled: true };
      else if (m.type === 'error') state.result = { error: { code: m.code, message: m.message } };
    });
    worker.on('error', (e) => {
      state.result ??= { error: { code: 'internal', message: e.message } };
    });
    worker.on('exit', () => {
      live.delete(importId);
      recent.set(importId, state);
      if (state.result?.error) {
        const failed = qb
          .updateTable('exchange_imports')
          .set({ status: 'failed' })
          .where('id', '=', importId)
          .where('status', '!=', 'applied');
        run(raw, failed);
        run(raw, qb.updateTable('exchange_imports').set({ error: state.result.error.message }).where('id', '=', importId));
      }
      resolve();
    });
  });
  live.set(importId, state);
  return importId;
}

/** The import running now (one at a time), so that a wizard opened later shows its progress instead of offering a second one. */
export function runningImport(): number | null {
  for (const id of live.keys()) return id;
  return null;
}

/** How a finished import failed, while this process remembers it: the code (`internal` for a bug, not the file) and message, or null. */
export function importError(importId: number): { code: string; message: string } | null {
  return (live.get(importId) ?? recent.get(importId))?.result?.error ?? null;
}

export function importFinished(importId: number): Promise<void> {
  return live.get(importId)?.finished ?? Promise.resolve();
}

/** Asks the worker to stop at the next batch; terminates it if it does not within 3 s (e.g. while applying). */
export async function cancelImport(raw: BetterSqlite3.Database, importId: number, actor: Actor, now: Date): Promise<void> {
  const s = live.get(importId);
  if (!s) throw appError('not_running', `Import #${importId} is not running.`, `第 ${importId} 号导入未在进行。`);
  s.worker.postMessage({ type: 'cancel' });
  const timer = setTimeout(() => void s.worker.terminate(), 3000);
  await s.finished;
  clearTimeout(timer);
  raw.transaction(() => {
    run(
      raw,
      qb
        .updateTable('exchange_imports')
        .set({ status: 'cancelled' })
        .where('id', '=', importId)
        .where('status', 'in', ['staging', 'staged']),
    );
    appendAudit(raw, {
      ...actor,
      action: 'cancel',
      entity: 'exchange_import',
      entityId: importId,
      summary: `import cancelled at ${s.progress?.rowsRead ?? 0} rows`,
      at: now.toISOString(),
    });
  })();
}

/** Terminates the worker abruptly, as a crash would (tests of all-or-nothing). */
export async function killImport(importId: number): Promise<void> {
  const s = live.get(importId);
  if (!s) return;
  await s.worker.terminate();
  await s.finished;
}

/** An import's progress (running) or outcome; a stored summary keeps its rejected rows' reasons in Chinese, as the office's record. */
export function importStatus(raw: BetterSqlite3.Database, importId: number, _lang: 'zh' | 'en') {
  const r = first(raw, qb.selectFrom('exchange_imports').selectAll().where('id', '=', importId));
  if (!r) throw appError('not_found', `There is no import #${importId}.`, `没有第 ${importId} 号导入。`);
  const l = live.get(importId) ?? recent.get(importId);
  const running = live.has(importId);
  const p = l?.progress;
  const elapsed = l ? (Date.now() - l.startedMs) / 1000 : 0;
  const done = p?.rowsRead ?? r.rows_read;
  const total = p?.estimatedTotal ?? r.rows_read;
  const eta =
    running && p && p.phase === 'staging' && done > 0 && total > done ? Math.round((elapsed / done) * (total - done)) : running ? null : 0;
  const summary: ImportSummary | null = l?.result?.summary ?? (r.summary_json ? storedSummary(r.summary_json) : null);
  return {
    importId,
    status: r.status,
    running,
    phase: running ? (p?.phase ?? 'staging') : null,
    done,
    total,
    etaSeconds: eta,
    staged: p?.staged ?? null,
    rejected: p?.rejected ?? null,
    file: r.file_name,
    sha256: r.sha256,
    source: r.source,
    summary,
    error: l?.result?.error?.message ?? r.error ?? null,
  };
}
