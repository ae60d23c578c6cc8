/**
 * A reading side of a large import (./rows.ts prepareRows) in a thread of its own: it reads and
 * validates its share of the file at once, receives the person index that the writer builds
 * meanwhile (on its own port, taken synchronously: this thread may be waiting for it; the
 * index's arrays are shared memory), and posts each part to the writer as it is matched. Waits
 * (blocking this thread only) while it is `ahead` parts ahead of the writer. Where the warnings
 * can be decided while reading (`decide`), it decides those of its rows on a read-only
 * connection of its own, and hands them on with each part: the writer has the rest to do.
 */
import { parentPort, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { openConnection } from '../db/connection';
import { DepartmentRules, type DepartmentFile } from '../monitoring/department-rules';
import { AppError, type Bilingual } from '../common/errors';
import { collectGarbage } from '../shared/gc';
import { PersonIndex, UnknownPersons, type PersonIndexParts } from './persons';
import { prepareRows, type Part, type RowsEnd, type RowsPlan } from './rows';
import { PARTS_PER_COLLECTION, READER_CACHE_KIB } from './tuning';

/** Where a reading thread decides its rows' warnings: the database, read-only, and the file. */
export interface Decide {
  dbFile: string;
  /** The store's key (db/connection.ts). */
  dbKey: string | null;
  file: DepartmentFile;
}

export interface RowsThreadData {
  role: 'rows';
  plan: RowsPlan;
  /** [0]: parts of this reader the writer has written; [1]: 1 once the person index is posted on `persons`. */
  flow: Int32Array;
  ahead: number;
  persons: MessagePort;
  decide: Decide | null;
}

/** What a reading thread posts to the writer. */
export type RowsMessage =
  | { type: 'part'; part: Part }
  | { type: 'end'; end: RowsEnd | null }
  | { type: 'error'; code: string; messages: Bilingual; field?: string }
  | { type: 'error'; message: string };

export async function runRowsThread(d: RowsThreadData): Promise<void> {
  const port = parentPort!;
  const post = (m: RowsMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  const take = () => {
    const m = receiveMessageOnPort(d.persons);
    return m ? PersonIndex.from(m.message as PersonIndexParts) : null;
  };
  const persons = {
    now: () => (Atomics.load(d.flow, 1) === 1 ? take() : null),
    wait: () => {
      while (Atomics.load(d.flow, 1) === 0) Atomics.wait(d.flow, 1, 0, 1000);
      return take()!;
    },
  };
  const db = d.decide ? openConnection(d.decide.dbFile, d.decide.dbKey, { readonly: true, fileMustExist: true }) : null;
  db?.pragma(`cache_size = -${READER_CACHE_KIB}`);
  try {
    let posted = 0;
    const end = await prepareRows(
      d.plan,
      persons,
      (part) => {
        for (let done = Atomics.load(d.flow, 0); posted - done >= d.ahead; done = Atomics.load(d.flow, 0))
          Atomics.wait(d.flow, 0, done, 1000);
        post({ type: 'part', part }, [part.pairs.buffer as ArrayBuffer, part.data.buffer as ArrayBuffer]);
        if (posted % PARTS_PER_COLLECTION === 0) collectGarbage();
        posted++;
        return true;
      },
      db && d.decide ? (index) => new DepartmentRules(db, d.decide!.file, index, null) : null,
    );
    // The list of unknown persons moves to the writer (its buffers transferred, not copied).
    post({ type: 'end', end }, end ? UnknownPersons.transferables(end.unknown) : []);
  } catch (e) {
    const err = e as Error;
    post(
      err instanceof AppError
        ? { type: 'error', code: err.code, messages: err.messages, field: err.field }
        : { type: 'error', message: err.message },
    );
  }
  db?.close();
  d.persons.close();
  port.close();
}
