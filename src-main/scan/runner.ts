/**
 * Starts, watches and cancels proactive scans ("policies looking for people"). The work runs
 * in a worker thread so the app stays usable; this side keeps the live progress for the UI.
 */
import { Worker } from 'node:worker_threads';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { appendAudit } from '../audit/audit';
import { appError } from '../shared/errors';
import { parametersOn } from '../settings/parameter-store';
import type { ScanJob } from './worker';

interface Live { worker: Worker; done: number; total: number; startedMs: number; finished: Promise<void> }
const live = new Map<number, Live>();

/**
 * The worker: a sibling `.js` in a bundle; from the sources (CLI, tests) a small bootstrap
 * that registers tsx inside the thread first (`--import tsx` in execArgv does not reach
 * worker module loading on Node 20).
 */
function spawnWorker(workerData: ScanJob): Worker {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.join(here, 'scan-worker.js'), path.join(here, 'worker.js')]) if (fs.existsSync(candidate)) return new Worker(candidate, { workerData });
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href;
  const entry = pathToFileURL(path.join(here, 'worker.ts')).href;
  return new Worker(`import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`, { eval: true, workerData });
}

export function startScan(raw: BetterSqlite3.Database, dbFile: string, opts: { referenceDate: string; trigger: 'manual' | 'parameter_change'; actor: { userId: number | null; username: string } }, now: Date): number {
  if (dbFile === ':memory:') throw appError('scan_unavailable', 'A scan needs a database file.', '主动发现需要数据库文件。');
  const running = raw.prepare(`SELECT id FROM scans WHERE status = 'running'`).get() as { id: number } | undefined;
  if (running && live.has(running.id)) throw appError('scan_running', `Scan #${running.id} is still running; wait for it or cancel it.`, `第 ${running.id} 次主动发现仍在运行，请等待或取消。`);
  if (running) raw.prepare(`UPDATE scans SET status = 'failed', error = 'interrupted (the app stopped)', finished_at = ? WHERE id = ?`).run(now.toISOString(), running.id);
  const params = parametersOn(raw, opts.referenceDate);
  const scanId = raw.transaction(() => {
    const id = Number(
      raw.prepare(`INSERT INTO scans (reference_date, parameter_set, trigger, status, started_by, started_at) VALUES (?, ?, ?, 'running', ?, ?)`)
        .run(opts.referenceDate, params.id, opts.trigger, opts.actor.username, now.toISOString()).lastInsertRowid,
    );
    appendAudit(raw, { ...opts.actor, action: 'scan', entity: 'scan', entityId: id, summary: `proactive scan on ${opts.referenceDate} (${opts.trigger})`, at: now.toISOString() });
    return id;
  })();
  const worker = spawnWorker({ dbFile, scanId, referenceDate: opts.referenceDate, params });
  const state: Live = { worker, done: 0, total: 0, startedMs: Date.now(), finished: Promise.resolve() };
  state.finished = new Promise((resolve) => {
    worker.on('message', (m: any) => {
      if (m.type === 'progress') { state.done = m.done; state.total = m.total; }
      if (m.type === 'error') raw.prepare(`UPDATE scans SET status = 'failed', error = ?, finished_at = ? WHERE id = ? AND status = 'running'`).run(m.message, new Date().toISOString(), scanId);
    });
    worker.on('error', (e) => raw.prepare(`UPDATE scans SET status = 'failed', error = ?, finished_at = ? WHERE id = ? AND status = 'running'`).run(e.message, new Date().toISOString(), scanId));
    worker.on('exit', () => { live.delete(scanId); resolve(); });
  });
  live.set(scanId, state);
  return scanId;
}

export async function cancelScan(raw: BetterSqlite3.Database, scanId: number, actor: { userId: number | null; username: string }, now: Date): Promise<void> {
  const s = live.get(scanId);
  if (!s) throw appError('not_running', `Scan #${scanId} is not running.`, `第 ${scanId} 次主动发现未在运行。`);
  await s.worker.terminate();
  await s.finished;
  raw.transaction(() => {
    raw.prepare(`UPDATE scans SET status = 'cancelled', finished_at = ? WHERE id = ? AND status = 'running'`).run(now.toISOString(), scanId);
    appendAudit(raw, { ...actor, action: 'cancel', entity: 'scan', entityId: scanId, summary: `scan cancelled at ${s.done}/${s.total}`, at: now.toISOString() });
  })();
}

/** Resolves when the scan's worker has exited (tests, the CLI). */
export function scanFinished(scanId: number): Promise<void> {
  return live.get(scanId)?.finished ?? Promise.resolve();
}

export function scanStatus(raw: BetterSqlite3.Database, scanId?: number) {
  const r = (scanId === undefined ? raw.prepare(`SELECT * FROM scans ORDER BY id DESC LIMIT 1`).get() : raw.prepare(`SELECT * FROM scans WHERE id = ?`).get(scanId)) as any;
  if (!r) return null;
  const l = live.get(r.id);
  const elapsed = l ? (Date.now() - l.startedMs) / 1000 : 0;
  const eta = l && l.done > 0 && l.total > 0 ? Math.max(0, Math.round((elapsed / l.done) * (l.total - l.done))) : null;
  return {
    id: r.id, status: r.status, referenceDate: r.reference_date, trigger: r.trigger, parameterSet: r.parameter_set,
    done: l ? l.done : r.households, total: l ? l.total : r.households, etaSeconds: eta,
    counts: r.counts_json ? JSON.parse(r.counts_json) : {}, error: r.error, startedAt: r.started_at, finishedAt: r.finished_at,
  };
}
