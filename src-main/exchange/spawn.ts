/**
 * The exchange worker thread (electron.vite.config.ts entry `exchange-worker: src-main/exchange/worker.ts`).
 * One entry serves both roles (`workerData.role`): the import itself, and the file reader that
 * an import of a large file starts beside it.
 */
import type { TransferListItem, Worker } from 'node:worker_threads';
import { besideModule, spawnWorker } from '../shared/spawn-worker';
import type { RowsThreadData } from './rows-thread';
import { READER_YOUNG_MB, WRITER_YOUNG_MB } from './tuning';
import type { ImportWorkerData } from './worker';

export function spawnExchangeWorker(workerData: ImportWorkerData | RowsThreadData, transferList?: TransferListItem[]): Worker {
  // Both young generations stay below V8's default, which kept a county-sized import above its memory budget.
  const resourceLimits = { maxYoungGenerationSizeMb: 'role' in workerData ? READER_YOUNG_MB : WRITER_YOUNG_MB };
  return spawnWorker('exchange-worker.js', besideModule(import.meta.url, 'worker.ts'), { workerData, resourceLimits, transferList });
}
