/**
 * The exchange worker thread: `exchange-worker.js` beside the bundle (electron.vite.config.ts
 * entry `exchange-worker: src-main/exchange/worker.ts`); from the sources (CLI, tests, bench) a
 * bootstrap that registers tsx inside the thread first, as src-main/scan/pool.ts does. One
 * entry serves both roles (`workerData.role`): the import itself, and the file reader that
 * an import of a large file starts beside it.
 */
import { Worker, type TransferListItem } from 'node:worker_threads';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

export function spawnExchangeWorker(workerData: unknown, transferList?: TransferListItem[]): Worker {
  // The file reader allocates a row's cells, values and staged copy and keeps none of them: a young generation of 24 MB
  // lets most die there (16 MB cost it a third more collection time). The writer keeps little and gets 16 MB. Both stay
  // below V8's default, which kept a county-sized import above its memory budget (bench/README.md, import).
  const resourceLimits = { maxYoungGenerationSizeMb: (workerData as { role?: string }).role === 'rows' ? 24 : 16 };
  const here = path.dirname(fileURLToPath(import.meta.url));
  // The bundler may put this module in a chunks folder below the entry's folder: look in both.
  for (const bundled of [path.join(here, 'exchange-worker.js'), path.join(here, '..', 'exchange-worker.js')]) if (fs.existsSync(bundled)) return new Worker(bundled, { workerData, resourceLimits, transferList });
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href;
  const entry = pathToFileURL(path.join(here, 'worker.ts')).href;
  return new Worker(`import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`, { eval: true, workerData, resourceLimits, transferList });
}
