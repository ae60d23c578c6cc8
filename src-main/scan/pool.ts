/**
 * The scan's worker threads, kept between scans. A fresh thread pays for loading the engine
 * and for its first ~20,000 households running before V8 has optimised them; on a 2-core
 * machine that was a third of a 200,000-household scan (bench/README.md, engine). Idle threads
 * do not keep the process alive and are ended after a while, so the memory returns.
 */
import type { Worker } from 'node:worker_threads';
import { besideModule, spawnWorker } from '../shared/spawn-worker';
import type { AnyJob, WorkerMessage } from './worker';

const IDLE_MS = 10 * 60_000;
const idle: { worker: Worker; timer: NodeJS.Timeout }[] = [];
let spawned = 0;

/** A scan thread (electron.vite.config.ts entry `scan-worker: src-main/scan/worker.ts`). */
function spawn(): Worker {
  spawned++;
  return spawnWorker('scan-worker.js', besideModule(import.meta.url, 'worker.ts'));
}

function take(): Worker {
  const w = idle.pop();
  if (!w) return spawn();
  clearTimeout(w.timer);
  clearListeners(w.worker);
  w.worker.ref();
  return w.worker;
}

function clearListeners(worker: Worker): void {
  for (const e of ['message', 'error', 'exit']) worker.removeAllListeners(e);
}

function forget(worker: Worker): void {
  const i = idle.findIndex((w) => w.worker === worker);
  if (i >= 0) {
    clearTimeout(idle[i].timer);
    idle.splice(i, 1);
  }
}

function giveBack(worker: Worker): void {
  clearListeners(worker);
  worker.unref();
  // A thread that dies while idle leaves the pool (an 'error' without a listener would throw here).
  worker.on('error', () => {});
  worker.once('exit', () => forget(worker));
  const timer = setTimeout(() => {
    forget(worker);
    void worker.terminate();
  }, IDLE_MS);
  timer.unref();
  idle.push({ worker, timer });
}

export interface RunningJob {
  /** Resolves with the outcome, or with an error message when the job failed or its thread died. */
  result: Promise<{ ok: true; outcome: Extract<WorkerMessage, { type: 'done' }> } | { ok: false; message: string }>;
  /** Ends the thread (a job that does not stop when asked). */
  terminate(): void;
}

export function runScanJob(job: AnyJob, onProgress: (done: number) => void): RunningJob {
  const worker = take();
  let settled = false;
  const result = new Promise<Awaited<RunningJob['result']>>((resolve) => {
    const settle = (r: Awaited<RunningJob['result']>, reusable: boolean) => {
      if (settled) return;
      settled = true;
      if (reusable) giveBack(worker);
      resolve(r);
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') onProgress(m.done);
      else if (m.type === 'done') settle({ ok: true, outcome: m }, true);
      else settle({ ok: false, message: m.message }, true);
    });
    worker.on('error', (e) => settle({ ok: false, message: e.message }, false));
    worker.on('exit', () => settle({ ok: false, message: 'a scan worker stopped before finishing' }, false));
  });
  worker.postMessage(job);
  return { result, terminate: () => void worker.terminate() };
}

/** Ends the idle threads now (app shutdown, benchmarks measuring a first scan). */
export async function closeScanWorkers(): Promise<void> {
  const all = idle.splice(0);
  for (const w of all) clearTimeout(w.timer);
  await Promise.all(all.map((w) => w.worker.terminate()));
}

/** Threads started since the process began and threads waiting now (tests, diagnostics). */
export function scanWorkerStats(): { spawned: number; idle: number } {
  return { spawned, idle: idle.length };
}

/** Ends one idle thread as if it had died on its own (tests of the pool's recovery). */
export async function terminateOneIdleScanWorker(): Promise<void> {
  const w = idle[idle.length - 1];
  if (w) await w.worker.terminate();
}
