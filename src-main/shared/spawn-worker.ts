/**
 * A worker thread of the app: in a bundle, the entry `bundledName` that electron-vite writes
 * beside the main bundle (electron.vite.config.ts); from the sources (CLI, tests, bench), a
 * small bootstrap that registers tsx inside the thread first and then loads `sourceFile`
 * (`--import tsx` in execArgv does not reach worker module loading on Node 20).
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

export function spawnWorker(bundledName: string, sourceFile: string, options: WorkerOptions = {}): Worker {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // The bundler may put this module in a chunks folder below the entry's folder: look in both.
  for (const bundled of [path.join(here, bundledName), path.join(here, '..', bundledName)])
    if (fs.existsSync(bundled)) return new Worker(bundled, options);
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href;
  const entry = pathToFileURL(sourceFile).href;
  return new Worker(`import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`, {
    ...options,
    eval: true,
  });
}

/** The file beside the calling module (its `import.meta.url`): the worker's TypeScript entry when run from the sources. */
export function besideModule(moduleUrl: string, name: string): string {
  return path.join(path.dirname(fileURLToPath(moduleUrl)), name);
}
