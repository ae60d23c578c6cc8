/**
 * The reading side of a large import (./stage.ts prepareRows) in a thread of its own: its own
 * read-only connection for the person index, each part of the file posted to the writer as it
 * is validated. Waits (blocking this thread only) while the writer is `ahead` parts behind.
 */
import { parentPort } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { PersonIndex, prepareRows, type RowsPlan } from './stage';
import { AppError } from '../shared/errors';
import { collectGarbage } from '../shared/gc';

export interface RowsThreadData { role: 'rows'; dbFile: string; plan: RowsPlan; flow: Int32Array; ahead: number }

export async function runRowsThread(d: RowsThreadData): Promise<void> {
  const port = parentPort!;
  try {
    const raw = new BetterSqlite3(d.dbFile, { readonly: true });
    let persons: PersonIndex;
    try { persons = new PersonIndex(raw); } finally { raw.close(); }
    let posted = 0;
    const end = await prepareRows(d.plan, persons, (b) => {
      // flow[0] counts the parts the writer has written.
      for (let done = Atomics.load(d.flow, 0); posted - done >= d.ahead; done = Atomics.load(d.flow, 0)) Atomics.wait(d.flow, 0, done, 1000);
      port.postMessage({ type: 'batch', batch: b });
      // Each part leaves its packed text and the copy made for the writer, freed only by a full collection, which V8 puts off
      // until the heap has grown well past what is live (peak memory over budget, bench/README.md import): one every 4 parts.
      if (posted % 4 === 0) collectGarbage();
      posted++;
      return true;
    });
    port.postMessage({ type: 'end', end });
  } catch (e) {
    const err = e as Error;
    port.postMessage(err instanceof AppError ? { type: 'error', code: err.code, messages: err.messages, field: err.field } : { type: 'error', message: err.message });
  }
}
