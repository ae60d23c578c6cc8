/**
 * Reading a large file in threads (./rows-thread.ts): `prepareRows` of each plan in a thread of
 * its own — or, with two plans, the first read in this thread between writing the other's parts
 * (a third thread would cost another heap and contend for two cores) — each part handed to
 * `onPart` here as it arrives. A reader runs at most AHEAD parts ahead of the writer: it waits on
 * a counter this side advances after writing each of its parts. The person index is built here
 * (`build`) while the readers start, and shared with them (its arrays are in shared memory).
 */
import { MessageChannel } from 'node:worker_threads';
import { AppError } from '../common/errors';
import { collectGarbage } from '../shared/gc';
import type { PersonIndex } from './persons';
import { prepareRows, type Part, type RowsEnd, type RowsPlan } from './rows';
import type { Decide, RowsMessage, RowsThreadData } from './rows-thread';
import { spawnExchangeWorker } from './spawn';
import { AHEAD, PARTS_PER_COLLECTION } from './tuning';

export interface ThreadedReading {
  plans: RowsPlan[];
  /** Builds the person index (and settles what an earlier run left); called once the readers are starting. */
  build: () => PersonIndex;
  /** Writes a part of reader k; false stops every reader. */
  onPart: (k: number, p: Part) => boolean;
  /** This thread has read its own share (the first plan) while another still reads. */
  ownShareRead?: () => void;
  /** Where the reading threads decide their rows' warnings, if they do. */
  decide: Decide | null;
}

/** The ends of every plan, in order, or all null when stopped (a cancel, or `onPart` said stop). */
export function prepareRowsInThreads(r: ThreadedReading): Promise<(RowsEnd | null)[]> {
  const { plans, build, onPart, ownShareRead = () => {}, decide } = r;
  return new Promise((resolve, reject) => {
    const ends: (RowsEnd | undefined)[] = plans.map(() => undefined);
    let settled = false;
    const inline = plans.length > 1;
    const readers = plans
      .map((plan, k) => ({ plan, k }))
      .filter(({ k }) => !inline || k > 0)
      .map(({ plan, k }) => {
        const flow = new Int32Array(new SharedArrayBuffer(8));
        const persons = new MessageChannel();
        const data: RowsThreadData = { role: 'rows', plan, flow, ahead: AHEAD, persons: persons.port2, decide };
        return { w: spawnExchangeWorker(data, [persons.port2]), flow, persons, k };
      });
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
      for (const x of readers) {
        x.persons.port1.close();
        void x.w.terminate();
      }
    };
    const stopAll = () => settle(() => resolve(plans.map(() => null)));
    const ended = (k: number, end: RowsEnd) => {
      ends[k] = end;
      const all = ends.filter((e): e is RowsEnd => !!e);
      if (all.length === plans.length) settle(() => resolve(all));
    };
    setImmediate(() => {
      if (settled) return;
      let index: PersonIndex;
      try {
        index = build();
      } catch (e) {
        settle(() => reject(e));
        return;
      }
      const parts = index.parts();
      for (const x of readers) {
        x.persons.port1.postMessage(parts);
        Atomics.store(x.flow, 1, 1);
        Atomics.notify(x.flow, 1);
      }
      // The registry text the index was parsed from is garbage now: freed before the writing starts.
      collectGarbage();
      if (!inline) return;
      let read = 0;
      prepareRows(plans[0], index, (part) => {
        if (settled) return false;
        let go: boolean;
        try {
          go = onPart(0, part);
        } catch (e) {
          settle(() => reject(e));
          return false;
        }
        if (++read % PARTS_PER_COLLECTION === 0) collectGarbage();
        if (!go) stopAll();
        return go;
      }).then(
        (end) => {
          if (settled) return;
          if (end === null) return stopAll();
          ended(0, end);
          if (settled) return;
          try {
            ownShareRead();
          } catch (e) {
            settle(() => reject(e));
          }
        },
        (e) => settle(() => reject(e)),
      );
    });
    for (const x of readers) {
      x.w.on('message', (m: RowsMessage) => {
        if (settled) return;
        if (m.type === 'part') {
          let go: boolean;
          try {
            go = onPart(x.k, m.part);
          } catch (e) {
            settle(() => reject(e));
            return;
          }
          Atomics.add(x.flow, 0, 1);
          Atomics.notify(x.flow, 0);
          if (!go) stopAll();
        } else if (m.type === 'end') {
          if (m.end === null) stopAll();
          else ended(x.k, m.end);
        } else settle(() => reject('messages' in m ? new AppError(m.code, m.messages, m.field) : new Error(m.message)));
      });
      x.w.on('error', (e) => settle(() => reject(e)));
      x.w.on('exit', (code) => {
        if (ends[x.k] === undefined) settle(() => reject(new Error(`the file reader stopped (exit code ${code})`)));
      });
    }
  });
}
