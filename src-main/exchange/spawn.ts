/**
 * The exchange worker thread (electron.vite.config.ts entry `exchange-worker: src-main/exchange/worker.ts`).
 * One entry serves both roles (`workerData.role`): the import itself, and the file reader that
 * an import of a large file starts beside it.
 */
import type { TransferListItem, Worker } from 'node:worker_threads';
import { besideModule, spawnWorker } from '../shared/spawn-worker';

export function spawnExchangeWorker(workerData: unknown, transferList?: TransferListItem[]): Worker {
  // The file reader allocates a row's cells, values and staged copy and keeps none of them: a young generation of 24 MB
  // lets most die there (16 MB cost it a third more collection time). The writer keeps little and gets 16 MB. Both stay
  // below V8's default, which kept a county-sized import above its memory budget (bench/README.md, import).
  const resourceLimits = { maxYoungGenerationSizeMb: (workerData as { role?: string }).role === 'rows' ? 24 : 16 };
  return spawnWorker('exchange-worker.js', besideModule(import.meta.url, 'worker.ts'), { workerData, resourceLimits, transferList });
}
