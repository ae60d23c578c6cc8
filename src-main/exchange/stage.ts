/**
 * Staging (docs/rules/assistance.md §6, all-or-nothing): the file is read (./rows.ts) and what
 * the findings need is written in resumable batches — each part's matched rows packed in one
 * record, each row's problem to `exchange_rejects` — each batch in its own transaction. Nothing
 * of it touches the registry or the warnings: apply does that, in one transaction, from what
 * this run read and kept in memory (the candidates, the household of every matched row, the list
 * of unknown persons).
 *
 * A re-run (after a kill, a cancel, or a failed apply) reads the whole file again — apply needs
 * all of it in memory — but writes only the parts not yet stored: a part is known by its rows.
 * Parts stored while the registry was otherwise (the registry epoch) are staged again.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { DepartmentRules, type Candidate, type PendingWarning } from '../monitoring/department-rules';
import { WarningRaiser } from '../monitoring/department-warnings';
import type { Actor } from '../audit/actor';
import { collectGarbage } from '../shared/gc';
import { connectionKey } from '../db/connection';
import { writeHouseholdRows } from './household-rows';
import * as importStore from './import-store';
import { dataVersion, registryEpoch } from './import-store';
import { PersonIndex, UnknownPersons } from './persons';
import { profileOf } from './profiles';
import { splitCsv } from './read-table';
import { prepareRows, type FeedbackCandidate, type Part, type RowsEnd, type RowsPlan, type StageJob } from './rows';
import { prepareRowsInThreads } from './threads';
import { ALONG_MAX_BYTES, BATCH, PROGRESS_ROWS, SHARE, SHARE_APPLYING, THREAD_MIN_BYTES } from './tuning';

export type { StageJob } from './rows';

export interface StageProgress {
  rowsRead: number;
  staged: number;
  rejected: number;
  estimatedTotal: number;
}

export interface StageOptions {
  onProgress?: (p: StageProgress) => void;
  /** Asked at each part: true stops staging (the batch in progress is rolled back; what was committed stays for a re-run). */
  cancelled?: () => boolean;
  /** Read a large file in one or two threads of its own (the import worker does; tests may read it in this one). */
  inThread?: boolean;
  /** The caller holds the write transaction: nothing is committed here, and the registry cannot change meanwhile. */
  locked?: boolean;
  /**
   * Apply along the last of the file: once this thread has read its own share while the reading thread still reads, it takes
   * the write transaction, raises the warnings decided so far and those of each part still to come, and hands apply that
   * transaction (`Staging.raised`). Only where staging decides the warnings (`decidedWhileStaging`), and only if nothing was
   * committed by anyone since the person index was built; otherwise staging goes on as before.
   */
  applyAlong?: { actor: Actor; now: Date; /** ALONG_MAX_BYTES unless given (tests). */ maxBytes?: number };
}

/** What staging read, for apply: it holds only for this run (see the module comment). */
export interface Staging {
  importId: number;
  /** The registry epoch the person index was built at; apply refuses to go on if it moved (RegistryChanged). */
  epoch: number;
  /** Staged inside the caller's write transaction (the registry cannot change): no commits of its own. */
  locked: boolean;
  rowsRead: number;
  /** Rows valid and not refused. */
  accepted: number;
  persons: PersonIndex;
  unknown: UnknownPersons;
  /** In row order; none when applying along (`raised` not null): apply then needs none. */
  candidates: Candidate[];
  /** Referral feedback's rows, in row order. */
  feedback: FeedbackCandidate[];
  /** The warnings the candidates raise, decided while staging, and the data version they were decided at; none when applying along. */
  pending: PendingWarning[] | null;
  dataVersion: number;
  /**
   * Warnings raised while the last of the file was read (`StageOptions.applyAlong`), or null. Then this staging holds the
   * write transaction it raised them in, as apply finds it: the caller applies and commits, or rolls all of it back.
   */
  raised: number | null;
  /** Household id and row of every matched row (refused ones too), in pairs; the first `pairsWritten` of them already written. */
  pairs: Int32Array;
  pairCount: number;
  pairsWritten: number;
  /** How many threads read the file (0: this one). */
  readers: number;
}

/** Whether a file's warnings can be decided while it is read: not where rows set monitoring flags in row order, nor for referral results. */
export const decidedWhileStaging = (source: string): boolean => source !== 'agriculture_monitoring' && source !== 'referral_feedback';

export { dataVersion, registryEpoch };

/** The warnings' view of an import's file: its source as the evidence names it and the department it raises them for. */
export function departmentFile(source: string, fileName: string, fileDate: string) {
  const p = profileOf(source);
  return { source, sourceText: p.zh, department: p.department, fileName, fileDate };
}

/**
 * Stages the file and returns what apply needs, or 'cancelled' when `cancelled()` says stop. With `inThread`, a large file is
 * read in one or two threads of their own; with `locked`, the caller holds the write transaction.
 */
export async function stageFile(raw: BetterSqlite3.Database, job: StageJob, options: StageOptions = {}): Promise<Staging | 'cancelled'> {
  const { onProgress = () => {}, cancelled = () => false, inThread = false, locked = false } = options;
  const imp = importStore.importRow(raw, job.importId);
  if (!imp) throw new Error(`no import #${job.importId}`);
  const feedback = job.source === 'referral_feedback';
  const threaded = inThread && imp.bytes >= THREAD_MIN_BYTES;
  const early = decidedWhileStaging(job.source);
  const along = !locked && early ? (options.applyAlong ?? null) : null;
  // Split, this thread reads the first share itself between writing the other thread's parts: its share is the smaller.
  const halves = threaded && job.format === 'csv' ? splitCsv(job.file, job.encoding ?? 'utf-8', along ? SHARE_APPLYING : SHARE) : null;
  const plans: RowsPlan[] = (halves ?? [null]).map((range) => ({ job, fileDate: imp.file_date, feedback, range }));
  const file = departmentFile(job.source, imp.file_name, imp.file_date);

  // hot path: bench/import.ts staging (a part of ~1,000 rows each)
  const insPart = raw.prepare(`INSERT INTO exchange_row_parts (import_id, first_row, last_row, n, data) VALUES (?, ?, ?, ?, ?)`);
  // hot path: bench/import.ts staging (every refused or invalid row)
  const insReject = raw.prepare(`INSERT INTO exchange_rejects (import_id, row, "column", reason, reason_en) VALUES (?, ?, ?, ?, ?)`);

  /** The parts an earlier run stored: first row → last row. Read once the epoch is known (`start`). */
  let stored = new Map<number, number>();
  let epoch = -1,
    persons: PersonIndex | null = null,
    version = -1;
  let rules: DepartmentRules | null = null;
  /** Per reader, in row order: joined, the whole file's in row order (the first row of a repeated finding raises it). */
  const pending: PendingWarning[][] = plans.map(() => []);
  /** Rows of the file covered by stored parts: the progress a re-run starts from (`exchange_imports.staged_rows`). */
  let stagedRows = 0;
  /** Builds the person index and settles what an earlier run left, in one snapshot of the registry. */
  const start = (): PersonIndex => {
    if (!locked) raw.exec('BEGIN');
    try {
      epoch = registryEpoch(raw);
      persons = new PersonIndex(raw);
      if (!locked) raw.exec('COMMIT');
    } catch (e) {
      if (!locked && raw.inTransaction) raw.exec('ROLLBACK');
      throw e;
    }
    // Parts staged against another registry (a member renamed, authorised, moved since) are staged again.
    const settle = () => {
      if (imp.staged_epoch !== epoch) importStore.restartStaging(raw, job.importId, epoch);
    };
    if (locked) settle();
    else raw.transaction(settle)();
    version = dataVersion(raw);
    if (early) rules = new DepartmentRules(raw, file, persons, null);
    stored = new Map(importStore.storedParts(raw, job.importId));
    for (const [f, l] of stored) stagedRows += l - f + 1;
    return persons;
  };

  let inTx = false,
    sinceCommit = 0;
  /** Applying along: the write transaction is held and warnings are raised as parts come. */
  let raiser: WarningRaiser | null = null;
  const raisedAlong = (): number | null => (raiser ? raiser.raised : null);
  /** This thread has read its share, but the reading thread had more than the bytes allowed left: applying along waits for less. */
  let alongWaits = false;
  /** Per reader, the file's bytes read up to its last part written here. */
  const readTo = plans.map(() => -1);
  let rowsRead = 0,
    accepted = 0,
    rejected = 0,
    bytesPerRow = 0;
  const candidates: Candidate[][] = plans.map(() => []);
  const feedbackRows: FeedbackCandidate[][] = plans.map(() => []);
  let pairs = new Int32Array(1 << 16),
    pairCount = 0,
    pairsWritten = 0;
  const begin = () => {
    if (!inTx && !locked && !raiser) {
      raw.exec('BEGIN');
      inTx = true;
    }
  };
  const commit = () => {
    if (inTx) {
      importStore.markStaged(raw, job.importId, stagedRows);
      raw.exec('COMMIT');
      inTx = false;
      // The committed parts' texts are garbage only a full collection frees; a writer reading a share collects as it reads.
      if (!halves) collectGarbage();
    }
    sinceCommit = 0;
  };
  let reported = 0;
  const report = () => {
    reported = rowsRead;
    const estimatedTotal = bytesPerRow > 0 ? Math.max(rowsRead, Math.round(imp.bytes / bytesPerRow)) : rowsRead;
    onProgress({ rowsRead, staged: accepted, rejected, estimatedTotal });
  };
  const keepPairs = (more: Int32Array) => {
    if (pairCount + more.length / 2 > pairs.length / 2) {
      const a = new Int32Array(Math.max(pairs.length * 2, (pairCount * 2 + more.length) * 2));
      a.set(pairs.subarray(0, pairCount * 2));
      pairs = a;
    }
    pairs.set(more, pairCount * 2);
    pairCount += more.length / 2;
  };
  /** Stores a part unless an earlier run did; a stored part covering other rows (another split of the file) is replaced. */
  const store = (part: Part) => {
    if (stored.get(part.first) === part.last) return false;
    begin();
    let overlapped = false;
    for (const [f, l] of stored) {
      if (f > part.last || l < part.first) continue;
      importStore.dropRejects(raw, job.importId, f, l);
      stored.delete(f);
      stagedRows -= l - f + 1;
      overlapped = true;
    }
    if (overlapped) importStore.dropRows(raw, job.importId, part.first, part.last);
    insPart.run(job.importId, part.first, part.last, part.n, part.data);
    for (const x of part.rejects) insReject.run(job.importId, x.row, x.column, x.zh, x.en);
    const rows = part.last - part.first + 1;
    stagedRows += rows;
    sinceCommit += rows;
    return true;
  };
  const write = (k: number, part: Part): boolean => {
    rowsRead += part.rowsRead;
    accepted += part.accepted;
    rejected += part.rejects.length;
    readTo[k] = Math.max(readTo[k], part.endByte);
    if (alongWaits && k > 0) applyAlong();
    if (bytesPerRow === 0) bytesPerRow = part.bytesPerRow;
    keepPairs(part.pairs);
    for (const f of part.feedback) feedbackRows[k].push(f);
    // Applying along, a part's warnings are raised as it comes, and neither they nor its candidates are kept: apply would need
    // them only to decide again, which it never does then (the write transaction is held since, nothing could change).
    if (!raiser) for (const c of part.candidates) candidates[k].push(c);
    if (rules) {
      const out = pending[k];
      const from = out.length;
      // Decided by the reading thread (its own connection, see rows-thread.ts), or here.
      if (part.pending) for (const x of part.pending) out.push(x);
      else for (const c of part.candidates) rules.evaluate(c, out);
      if (raiser) {
        if (out.length > from) raiser.raise(out.slice(from));
        out.length = 0;
      }
    }
    if (store(part) && sinceCommit >= BATCH && !raiser) {
      commit();
      report();
      return !cancelled();
    }
    if (rowsRead - reported >= PROGRESS_ROWS) report();
    return !cancelled();
  };

  /**
   * This thread has read its share and the reading thread still reads: with little enough left, take the write transaction and
   * raise what was decided so far, if nothing was committed by anyone since the index was built (the registry epoch and the
   * warnings' household states hold, and now nobody can change them). Otherwise, or if the lock does not come, staging goes on.
   */
  const applyAlong = () => {
    alongWaits = false;
    if (!along || !rules || cancelled()) return;
    let left = 0;
    for (let k = 1; k < plans.length; k++) left += plans[k].range!.end - Math.max(plans[k].range!.start, readTo[k]);
    // Too much left to hold the lock for: asked again with each part the reading thread hands on.
    if (left > (along.maxBytes ?? ALONG_MAX_BYTES)) {
      alongWaits = true;
      return;
    }
    commit();
    try {
      raw.exec('BEGIN IMMEDIATE');
    } catch {
      return;
    }
    if (dataVersion(raw) !== version || registryEpoch(raw) !== epoch) {
      raw.exec('ROLLBACK');
      return;
    }
    raiser = new WarningRaiser(raw, file, job.importId, along.actor, along.now);
    // Neither the warnings once raised nor their candidates are kept (at the import's peak of memory): the candidates go first.
    // Raised in row order: this thread's share, then what the reading thread handed on so far.
    for (let k = 0; k < plans.length; k++) candidates[k] = [];
    for (let k = 0; k < plans.length; k++) {
      raiser.raise(pending[k]);
      pending[k] = [];
    }
    // The household index of the rows matched so far, while the reading thread finishes: apply writes only the rest.
    writeHouseholdRows(raw, job.importId, pairs, pairCount);
    pairsWritten = pairCount;
  };

  let ends: (RowsEnd | null)[];
  try {
    // A reading thread decides its rows' warnings on a read-only connection of its own, under the same check as this thread.
    const decide = early && raw.name && raw.name !== ':memory:' ? { dbFile: raw.name, dbKey: connectionKey(raw), file } : null;
    if (threaded) ends = await prepareRowsInThreads({ plans, build: start, onPart: write, ownShareRead: applyAlong, decide });
    else ends = [await prepareRows(plans[0], start(), (part) => write(0, part))];
  } catch (e) {
    if (inTx || raiser) raw.exec('ROLLBACK');
    throw e;
  }
  if (ends.some((e) => e === null)) {
    if (inTx || raiser) raw.exec('ROLLBACK');
    return 'cancelled';
  }
  commit();
  const staged = () => importStore.setStaged(raw, job.importId, rowsRead);
  if (locked || raiser) staged();
  else raw.transaction(staged)();
  onProgress({ rowsRead, staged: accepted, rejected, estimatedTotal: rowsRead });
  const unknown = UnknownPersons.from(ends[0]!.unknown);
  for (const e of ends.slice(1)) unknown.merge(UnknownPersons.from(e!.unknown));
  return {
    importId: job.importId,
    epoch,
    locked,
    rowsRead,
    accepted,
    persons: persons!,
    unknown,
    candidates: candidates.flat(),
    feedback: feedbackRows.flat(),
    pending: rules ? pending.flat() : null,
    dataVersion: version,
    pairs,
    pairCount,
    pairsWritten,
    raised: raisedAlong(),
    readers: threaded ? plans.length : 0,
  };
}
