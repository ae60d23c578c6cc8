/**
 * A reading side of a large import (./stage.ts prepareRows) in a thread of its own: it reads and
 * validates its part of the file at once, receives the person index that the writer builds
 * meanwhile (on its own port, taken synchronously: this thread may be waiting for it; the
 * index's arrays are shared memory), and posts each part to the writer as it is matched. Waits
 * (blocking this thread only) while the writer is `ahead` of its parts behind. Where the warnings
 * can be decided while reading (`decide`), it decides those of its rows on a read-only connection
 * of its own, and hands them on with each part: the writer has the rest of the import to do.
 */
import { parentPort, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { prepareRows, PARTS_PER_COLLECTION, type Decide, type RowsPlan } from './stage';
import { CandidateRules } from './apply';
import { PersonIndex, UnknownPersons, type PersonIndexParts } from './persons';
import { AppError } from '../common/errors';
import { collectGarbage } from '../shared/gc';

export interface RowsThreadData {
  role: 'rows';
  plan: RowsPlan;
  flow: Int32Array;
  ahead: number;
  persons: MessagePort;
  decide: Decide | null;
}

export async function runRowsThread(d: RowsThreadData): Promise<void> {
  const port = parentPort!;
  // flow[0]: parts the writer has written; flow[1]: 1 once the person index is posted.
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
  // 4 MiB of page cache: the households a part's candidates name are read once each, at random.
  const db = d.decide ? new BetterSqlite3(d.decide.dbFile, { readonly: true, fileMustExist: true }) : null;
  db?.pragma('cache_size = -4096');
  try {
    let posted = 0;
    const end = await prepareRows(
      d.plan,
      persons,
      (part) => {
        for (let done = Atomics.load(d.flow, 0); posted - done >= d.ahead; done = Atomics.load(d.flow, 0))
          Atomics.wait(d.flow, 0, done, 1000);
        port.postMessage({ type: 'part', part }, [part.pairs.buffer as ArrayBuffer, part.data.buffer as ArrayBuffer]);
        if (posted % PARTS_PER_COLLECTION === 0) collectGarbage();
        posted++;
        return true;
      },
      db ? (persons) => new CandidateRules(db, d.decide!.imp, persons, null) : null,
    );
    // The list of unknown persons moves to the writer (its buffers transferred, not copied).
    port.postMessage({ type: 'end', end }, end ? UnknownPersons.transferables(end.unknown) : []);
  } catch (e) {
    const err = e as Error;
    port.postMessage(
      err instanceof AppError
        ? { type: 'error', code: err.code, messages: err.messages, field: err.field }
        : { type: 'error', message: err.message },
    );
  }
  db?.close();
  d.persons.close();
  port.close();
}
