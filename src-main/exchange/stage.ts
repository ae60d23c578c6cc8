/**
 * Staging (ASSISTANCE-RULES §6, all-or-nothing): the file is read, every data row validated and
 * matched to the registry, and what the findings need is written in resumable batches — the
 * matched rows of each part of the file packed in one record (migration 11), each row's problem
 * to `exchange_rejects` — each batch in its own transaction. Nothing of it touches the registry
 * or the warnings: apply does that, in one transaction, from what this run read.
 *
 * Reading decides everything a row needs (`prepareRows`): its ID number and fields, its person
 * (an in-memory index of the active registry, ./persons.ts), a refusal for want of an
 * authorisation, a name that differs, whether it is a candidate for a warning. It needs no
 * write access, so for a large file it runs in threads of its own (./rows-thread.ts) — two for a
 * CSV file that splits safely in halves (read-table.ts splitCsv) — while this thread writes the
 * parts. Apply then works from what the reading kept in memory: the candidates (a few percent of
 * the rows), the household of every matched row, the list of unknown persons.
 *
 * A re-run (after a kill, a cancel, or a failed apply) reads the whole file again — apply needs
 * all of it in memory — but writes only the parts not yet stored: a part is known by its rows.
 * Parts stored while the registry was otherwise (registry epoch, migrations 07 and 11) are
 * staged again.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { MessageChannel } from 'node:worker_threads';
import { readTable, splitCsv, type CsvRange, type Encoding, type Format } from './read-table';
import { checkIdCell, halfWidth } from './normalize';
import { profileOf, type RowValues, type Staged } from './profiles';
import { PersonIndex, UnknownPersons, type PersonIndexParts, type UnknownPersonsParts } from './persons';
import { maskIdNumber } from '../common/id-number';
import { spawnExchangeWorker } from './spawn';
import { AppError } from '../common/errors';
import { collectGarbage } from '../shared/gc';
import { CandidateRules, PendingRaiser, writeHouseholdRows, type ImportInfo, type Pending } from './apply';
import type { Actor } from '../audit/actor';
import type { RowsThreadData } from './rows-thread';
import { PartPacker } from './packed';

export interface StageJob {
  importId: number;
  file: string;
  format: Format;
  encoding: Encoding | null;
  source: string;
  /** Row number of the header; rows above it are titles. */
  headerRow: number;
  header: string[];
  /** field key → column index */
  index: Record<string, number>;
  today: string;
}

export interface StageProgress {
  rowsRead: number;
  staged: number;
  rejected: number;
  estimatedTotal: number;
}

/**
 * A row apply looks at: [row, slot in the person index (-1: not in the registry), ID number, name,
 * category, event date, evidence key, amount in fen, detail, rule, name differs from the registry's (1) or not (0)].
 */
export type Candidate = [
  number,
  number,
  string,
  string | null,
  string,
  string | null,
  string,
  number | null,
  string | null,
  string | null,
  0 | 1,
];
export type Reject = [row: number, column: string, zh: string, en: string];

/** What reading one part of the file (a piece of text, read-table.ts READ_CHUNK) gives the writer. */
export interface Part {
  /** The rows of the file the part covers, blank and title rows included: its key in `exchange_row_parts`. */
  first: number;
  last: number;
  /** The matched rows (refused ones too), packed (./packed.ts): handed to the writer's thread by moving its buffer, not by copying. */
  n: number;
  data: Uint8Array;
  rejects: Reject[];
  /** Household id and row of each matched row, in pairs: the household index that apply writes (migration 09). */
  pairs: Int32Array;
  candidates: Candidate[];
  /** The warnings its candidates raise, if the reader decided them (`prepareRows` with rules), in row order. */
  pending: Pending[] | null;
  /** Rows read (not blank, below the header) and accepted (valid, not refused) in this part. */
  rowsRead: number;
  accepted: number;
  bytesPerRow: number;
  /** A split range only: the file's bytes read up to the end of this part (read-table.ts Batch.endByte), else -1. */
  endByte: number;
}

export interface RowsPlan {
  job: StageJob;
  /** The file's date: an authorisation signed after it does not cover the file. */
  fileDate: string;
  /** Referral feedback: every accepted row is a candidate (apply hands them to the referrals module), none is a finding. */
  feedback: boolean;
  /** The half of the file this reader reads, or null for all of it. */
  range: CsvRange | null;
}

export interface RowsEnd {
  unknown: UnknownPersonsParts;
}

/** The person index, when it may still be in the making (built by the writer while the reader starts): `now` if it is there, or `wait` for it. */
export interface PersonSource {
  now(): PersonIndex | null;
  wait(): PersonIndex;
}
/**
 * Parts validated ahead of the person index at most (~13 MB of file): then the reader waits for it. The index of a county takes
 * 0.5–0.7 s to build while both threads run; with 2 MB ahead the reading thread sat idle for half of it, with 8 MB (170 parts) for
 * 0.15–0.2 s. 280 parts: −0.08, −0.18 and +0.01 s (medians of three sets of 5–6 alternating runs), peak −7 to +10 MB; 400 parts
 * reached a peak of 300 MB (bench/README.md import). What waited is freed in one full collection once the index has come.
 */
export const WAITING = 280;
/** A validated row waiting for the person index: [row, ID number, name, what it stages]. */
type Checked = [number, string, string | null, Staged];
const SPACES = /\s+/g;
/**
 * A copy of a string that shares no memory with the text it was cut from. V8 makes a cell of 13
 * characters or more (an ID number) a slice of its part of the file, which keeps the whole part
 * alive as long as the cell is kept: the candidates kept for apply held every part of
 * a million-row file (~75 MB). Concatenating flattens into a new string, and the slice of that
 * refers to it alone.
 */
const own = <T extends string | null>(s: T): T => (s === null || s.length < 13 ? s : (' ' + s).slice(1)) as T;

/** An empty record (papaparse gives [''] for a blank line) or one of blank cells. */
function blank(cells: string[]): boolean {
  for (let i = 0; i < cells.length; i++) if (cells[i].trim() !== '') return false;
  return true;
}

/**
 * Reads, validates and matches the rows of the file (or of `plan.range`), handing each part to
 * `emit` (false = stop). Writes nothing. With a `PersonSource`, parts validated before the index
 * comes wait, in order — WAITING at most, then the reader waits too — and are matched and handed
 * on as soon as it is there.
 */
export async function prepareRows(
  plan: RowsPlan,
  persons: PersonIndex | PersonSource,
  emit: (p: Part) => boolean,
  rulesOf: ((persons: PersonIndex) => CandidateRules) | null = null,
): Promise<RowsEnd | null> {
  const { job } = plan;
  const p = profileOf(job.source);
  const source: PersonSource = persons instanceof PersonIndex ? { now: () => persons, wait: () => persons } : persons;
  let index: PersonIndex | null = null;
  const unknownPersons = new UnknownPersons();
  const idCol = job.index.idNumber;
  const nameCol = job.index.name;
  const fields = Object.entries(job.index).filter(([k]) => k !== 'idNumber');
  const fieldKeys = fields.map(([k]) => k),
    fieldCols = fields.map(([, c]) => c);
  const colName = (key: string) => job.header[job.index[key]] ?? key;
  const idHeader = colName('idNumber');
  const fileDate = Number(plan.fileDate.replaceAll('-', ''));
  const needsAuthorisation = p.needsAuthorisation && !plan.feedback;
  let bytesPerRow = 0,
    stopped = false;
  // One values object for every row, its keys set once: a profile reads it and keeps nothing of it.
  const v: RowValues = {};
  for (const k of fieldKeys) v[k] = '';

  // The part being built.
  const packed = new PartPacker();
  let pairs: number[] = [],
    candidates: Candidate[] = [],
    rejects: Reject[] = [],
    read = 0,
    accepted = 0;
  /** A candidate row, kept until apply: its strings copied out of the file's text (`own`). */
  const candidate = (rowNo: number, slot: number, id: string, name: string | null, s: Staged, differs: 0 | 1): Candidate => [
    rowNo,
    slot,
    own(id),
    own(name),
    own(s.category),
    own(s.eventDate),
    own(s.evidenceKey),
    s.amountFen,
    own(s.detail),
    s.rule,
    differs,
  ];
  const match = (persons: PersonIndex, rowNo: number, id: string, name: string | null, s: Staged) => {
    const slot = persons.find(id);
    if (slot < 0) {
      unknownPersons.add(id, name, rowNo);
      accepted++;
      if (plan.feedback) candidates.push(candidate(rowNo, -1, id, name, s, 0));
      return;
    }
    if (plan.feedback) {
      accepted++;
      candidates.push(candidate(rowNo, slot, id, name, s, 0));
      return;
    }
    const authorised = persons.authorisedOn[slot];
    const refused = needsAuthorisation && (authorised === 0 || authorised > fileDate);
    if (refused) {
      const reg = persons.nameOf(slot);
      rejects.push([
        rowNo,
        idHeader,
        `${reg}（${maskIdNumber(id)}）没有 ${plan.fileDate} 或之前签署的核对授权书，拒绝比对`,
        `${reg} (${maskIdNumber(id)}) has no signed authorisation dated on or before ${plan.fileDate}; the check is refused`,
      ]);
    } else {
      accepted++;
      persons.seen[slot] = 1;
    }
    packed.add(rowNo, id, name, persons.memberIds[slot], s.category, s.eventDate, s.evidenceKey, s.amountFen, s.detail, refused);
    pairs.push(persons.householdIds[slot], rowNo);
    if (refused) return;
    // The comparison apply used to make: spaces aside (the name is half-width and trimmed already).
    const differs =
      name !== null && persons.nameDiffers(slot, name) && name.replace(SPACES, '') !== persons.nameOf(slot).replace(SPACES, '');
    if (s.rule !== null || differs) candidates.push(candidate(rowNo, slot, id, name, s, differs ? 1 : 0));
  };
  interface Waiting {
    first: number;
    last: number;
    endByte: number;
    checked: Checked[];
    rejects: Reject[];
    read: number;
    accepted: number;
  }
  let rules: CandidateRules | null = null;
  const hand = (first: number, last: number, endByte: number): boolean => {
    let decided: Pending[] | null = null;
    if (rulesOf) {
      rules ??= rulesOf(index!);
      decided = [];
      for (const c of candidates) rules.evaluate(c, decided);
    }
    const part: Part = {
      first,
      last,
      n: packed.n,
      data: packed.finish(),
      rejects,
      pairs: Int32Array.from(pairs),
      candidates,
      pending: decided,
      rowsRead: read,
      accepted,
      bytesPerRow,
      endByte,
    };
    pairs = [];
    candidates = [];
    rejects = [];
    read = 0;
    accepted = 0;
    return emit(part);
  };
  const waiting: Waiting[] = [];
  const drain = (persons: PersonIndex): boolean => {
    while (waiting.length > 0) {
      const w = waiting.shift()!;
      rejects = w.rejects;
      read = w.read;
      accepted = w.accepted;
      for (const c of w.checked) match(persons, c[0], c[1], c[2], c[3]);
      if (!hand(w.first, w.last, w.endByte)) return false;
    }
    return true;
  };

  await readTable(
    job.file,
    job.format,
    job.encoding,
    (b) => {
      if (b.rows.length === 0) return true;
      if (bytesPerRow === 0 && b.rows.length > 10)
        bytesPerRow = b.rows.slice(0, 200).reduce((s, r) => s + r.join(',').length * 1.6 + 1, 0) / Math.min(200, b.rows.length);
      const persons = (index ??= waiting.length >= WAITING ? source.wait() : source.now());
      if (persons && waiting.length > 0) {
        if (!drain(persons)) {
          stopped = true;
          return false;
        }
        // The parts that waited lived long enough to be promoted, with the text they were cut from: ~20 MB that only a full collection frees.
        collectGarbage();
      }
      const checked: Checked[] = [];
      const narrow = !b.wide;
      const first = b.rowNumbers ? b.rowNumbers[0] : b.firstRow;
      const last = b.rowNumbers ? b.rowNumbers[b.rows.length - 1] : b.firstRow + b.rows.length - 1;
      for (let i = 0; i < b.rows.length; i++) {
        const rowNo = b.rowNumbers ? b.rowNumbers[i] : b.firstRow + i;
        if (rowNo <= job.headerRow) continue;
        const cells = b.rows[i];
        if (blank(cells)) continue;
        read++;
        const id = checkIdCell(cells[idCol] ?? '', job.today, b.numeric?.[i]?.[idCol] === true, narrow);
        if (!id.ok) {
          rejects.push([rowNo, idHeader, id.problem.zh, id.problem.en]);
          continue;
        }
        for (let f = 0; f < fieldKeys.length; f++) {
          const c = cells[fieldCols[f]];
          v[fieldKeys[f]] = c === undefined ? '' : narrow ? c.trim() : halfWidth(c);
        }
        const s = p.stage(v);
        if ('field' in s) {
          rejects.push([rowNo, colName(s.field), s.zh, s.en]);
          continue;
        }
        // The name cell is among the mapped fields, already half-width and trimmed in v.
        const name = nameCol === undefined ? null : v.name || null;
        if (persons) match(persons, rowNo, id.id, name, s);
        else checked.push([rowNo, id.id, name, s]);
      }
      if (!persons) {
        waiting.push({ first, last, endByte: b.endByte ?? -1, checked, rejects, read, accepted });
        rejects = [];
        read = 0;
        accepted = 0;
        return true;
      }
      const go = hand(first, last, b.endByte ?? -1);
      if (!go) stopped = true;
      return go;
    },
    plan.range ?? undefined,
  );
  if (!stopped && waiting.length > 0 && !drain(index ?? (index = source.wait()))) stopped = true;
  if (stopped) return null;
  return { unknown: unknownPersons.parts() };
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
  /**
   * The warnings the candidates raise, decided while staging (CandidateRules.early), and the data version they were decided at;
   * none when applying along.
   */
  pending: Pending[] | null;
  dataVersion: number;
  /**
   * Warnings raised while the last of the file was read (`StageOptions.applyAlong`), or null. Then this staging holds the
   * write transaction it raised them in, as apply finds it: the caller applies and commits, or rolls all of it back.
   */
  raised: number | null;
  /** Household id and row of every matched row (refused ones too), in pairs; `pairCount` pairs, the first `pairsWritten` of them already in the household index (written while applying along). */
  pairs: Int32Array;
  pairCount: number;
  pairsWritten: number;
  /** How many threads read the file (0: this one). */
  readers: number;
}

/** Rows per transaction: each commit costs a few ms; a kill loses at most one batch, which the re-run stages again. */
const BATCH = 100_000;
/** Files from this size on are read in threads of their own; below it a thread costs more to start than it saves. */
const THREAD_MIN_BYTES = 4 << 20;
/**
 * Parts read ahead of the writer at most, per reading thread (~19 MB of file): bounds the memory between the threads. When the
 * writer starts to apply along (StageOptions.applyAlong) it raises most of the file's warnings at once (~0.5 s for a county file):
 * with 40 parts the reader stood waiting for most of that, with 200 for a quarter second (timestamps, bench/README.md import).
 */
const AHEAD = 400;
/**
 * A reader collects its garbage in full after every this many parts (~48 MB of file). With pieces of text below V8's
 * large-object size (read-table.ts READ_CHUNK) a part's garbage dies young, and this is only a bound on what gets promoted
 * meanwhile: every 16 parts of 256 KB, as before, cost each reading thread 0.25–0.35 s (bench/README.md import).
 */
export const PARTS_PER_COLLECTION = 1024;
export interface StageOptions {
  /**
   * Apply along the last of the file: once this thread has read its own share while the reading thread still reads, it takes
   * the write transaction, raises the warnings decided so far and those of each part still to come, and hands apply that
   * transaction (`Staging.raised`). Apply then has only the household index, the list and the commit left after the last row
   * (bench/README.md import). Only where staging decides the warnings (CandidateRules.early), and only if nothing was committed
   * by anyone since the person index was built; otherwise staging goes on as before.
   */
  applyAlong?: { actor: Actor; now: Date; /** ALONG_MAX_BYTES unless given (tests). */ maxBytes?: number };
}

/**
 * The writer's share of a file split between it and one reading thread (read-table.ts splitCsv): both finish within ~0.1 s of
 * each other at 0.34–0.36 on a county file (timestamps, bench/README.md import); at 0.4 the writer, which also builds the person
 * index and writes every part, finished 0.3–0.45 s after the reader.
 */
const SHARE = 0.36;
/**
 * The writer's share when it applies along (StageOptions.applyAlong): raising the warnings is its to do while the reader finishes.
 * Since the reading thread decides its rows' warnings itself, 0.33 (medians 3.45–3.46 s, alternating runs) is faster than 0.27
 * (3.58 s), 0.30 (3.52 s), 0.36 (3.64 s) and 0.39 (3.66 s); before it, 0.27 was the best.
 */
const SHARE_APPLYING = 0.33;
/**
 * Applying along holds the write transaction until the end: only when the reading thread has at most this many bytes of its
 * share left (~1.5 s of reading), so that the app's other writes, which wait up to 5 s for the lock, never wait long. With more
 * left when this thread has read its own share, it begins once the reading thread is that close to the end.
 */
const ALONG_MAX_BYTES = 40 << 20;

/**
 * Stages the file and returns what apply needs, or 'cancelled' when `cancelled()` says stop
 * (the batch in progress is rolled back; what was committed stays for a re-run). With
 * `inThread`, a large file is read in one or two threads of their own. With `locked`, the caller
 * holds the write transaction: nothing is committed here.
 */
export async function stageFile(
  raw: BetterSqlite3.Database,
  job: StageJob,
  onProgress: (p: StageProgress) => void,
  cancelled: () => boolean = () => false,
  inThread = false,
  locked = false,
  options: StageOptions = {},
): Promise<Staging | 'cancelled'> {
  const imp = raw.prepare(`SELECT bytes, file_name, file_date, staged_epoch FROM exchange_imports WHERE id = ?`).get(job.importId) as {
    bytes: number;
    file_name: string;
    file_date: string;
    staged_epoch: number | null;
  };
  const feedback = job.source === 'referral_feedback';
  const threaded = inThread && imp.bytes >= THREAD_MIN_BYTES;
  // Split, this thread reads the first share itself between writing the other thread's parts: a third thread would cost
  // another heap (the import's memory budget) and contend for two cores with both. Its share is smaller, for the person
  // index it builds first and the parts it writes (bench/README.md, import).
  const along = !locked && CandidateRules.early(job.source) ? (options.applyAlong ?? null) : null;
  const halves = threaded && job.format === 'csv' ? splitCsv(job.file, job.encoding ?? 'utf-8', along ? SHARE_APPLYING : SHARE) : null;
  const plans: RowsPlan[] = (halves ?? [null]).map((range) => ({ job, fileDate: imp.file_date, feedback, range }));

  const insPart = raw.prepare(`INSERT INTO exchange_row_parts (import_id, first_row, last_row, n, data) VALUES (?, ?, ?, ?, ?)`);
  const insReject = raw.prepare(`INSERT INTO exchange_rejects (import_id, row, "column", reason, reason_en) VALUES (?, ?, ?, ?, ?)`);
  const dropParts = raw.prepare(`DELETE FROM exchange_row_parts WHERE import_id = ? AND first_row <= ? AND last_row >= ?`);
  const dropRejects = raw.prepare(`DELETE FROM exchange_rejects WHERE import_id = ? AND row BETWEEN ? AND ?`);
  const mark = raw.prepare(`UPDATE exchange_imports SET staged_rows = ? WHERE id = ?`);

  /** The parts an earlier run stored: first row → last row. Read once the epoch is known (`start`). */
  let stored = new Map<number, number>();
  let epoch = -1,
    persons: PersonIndex | null = null,
    dataVersion = -1;
  let rules: CandidateRules | null = null;
  const rulesEarly = CandidateRules.early(job.source);
  /** Per reader, in row order: joined, the whole file's in row order (the first row of a repeated finding raises it). */
  const pending: Pending[][] = [];
  /** Builds the person index and settles what an earlier run left, in one snapshot of the registry. */
  const start = (): PersonIndex => {
    if (!locked) raw.exec('BEGIN');
    try {
      epoch = raw.prepare(`SELECT n FROM registry_epoch`).pluck().get() as number;
      persons = new PersonIndex(raw);
      if (!locked) raw.exec('COMMIT');
    } catch (e) {
      if (!locked && raw.inTransaction) raw.exec('ROLLBACK');
      throw e;
    }
    // Parts staged against another registry (a member renamed, authorised, moved since) are staged again.
    const tx = () => {
      if (imp.staged_epoch !== epoch) {
        raw.prepare(`DELETE FROM exchange_row_parts WHERE import_id = ?`).run(job.importId);
        raw.prepare(`DELETE FROM exchange_rejects WHERE import_id = ?`).run(job.importId);
        raw.prepare(`UPDATE exchange_imports SET staged_epoch = ?, staged_rows = 0 WHERE id = ?`).run(epoch, job.importId);
      }
    };
    if (locked) tx();
    else raw.transaction(tx)();
    dataVersion = raw.pragma('data_version', { simple: true }) as number;
    if (rulesEarly)
      rules = new CandidateRules(raw, { source: job.source, file_name: imp.file_name, file_date: imp.file_date }, persons!, null);
    stored = new Map(
      raw.prepare(`SELECT first_row, last_row FROM exchange_row_parts WHERE import_id = ?`).raw().all(job.importId) as [number, number][],
    );
    for (const [f, l] of stored) stagedRows += l - f + 1;
    return persons;
  };

  /** Rows of the file covered by stored parts: the progress a re-run starts from (`exchange_imports.staged_rows`). */
  let inTx = false,
    sinceCommit = 0,
    stagedRows = 0;
  /** Applying along (StageOptions.applyAlong): the write transaction is held and warnings are raised as parts come. */
  let raiser: PendingRaiser | null = null;
  /** This thread has read its share, but the reading thread had more than ALONG_MAX_BYTES left: applying along waits for less. */
  let alongWaits = false;
  /** Per reader, the file's bytes read up to its last part written here. */
  const readTo = plans.map(() => -1);
  let rowsRead = 0,
    accepted = 0,
    rejected = 0,
    bytesPerRow = 0;
  const candidates: Candidate[][] = plans.map(() => []);
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
      mark.run(stagedRows, job.importId);
      raw.exec('COMMIT');
      inTx = false;
      // The committed parts' texts are garbage that only a full collection frees (see rows-thread.ts); a writer that reads a
      // share of the file itself collects every PARTS_PER_COLLECTION of its own parts instead.
      if (!halves) collectGarbage();
    }
    sinceCommit = 0;
  };
  let reported = 0;
  const report = () => {
    reported = rowsRead;
    onProgress({
      rowsRead,
      staged: accepted,
      rejected,
      estimatedTotal: bytesPerRow > 0 ? Math.max(rowsRead, Math.round(imp.bytes / bytesPerRow)) : rowsRead,
    });
  };
  const write = (k: number, part: Part): boolean => {
    rowsRead += part.rowsRead;
    accepted += part.accepted;
    rejected += part.rejects.length;
    readTo[k] = Math.max(readTo[k], part.endByte);
    if (alongWaits && k > 0) applyAlong();
    if (bytesPerRow === 0) bytesPerRow = part.bytesPerRow;
    if (pairCount + part.pairs.length / 2 > pairs.length / 2) {
      const a = new Int32Array(Math.max(pairs.length * 2, (pairCount * 2 + part.pairs.length) * 2));
      a.set(pairs.subarray(0, pairCount * 2));
      pairs = a;
    }
    pairs.set(part.pairs, pairCount * 2);
    pairCount += part.pairs.length / 2;
    // Applying along, a part's warnings are raised as it comes, and neither they nor its candidates are kept: apply needs
    // them only to decide again, which it never does then (the write transaction held since, nothing could change).
    if (!raiser) for (const c of part.candidates) candidates[k].push(c);
    if (rules) {
      const out = (pending[k] ??= []);
      const from = out.length;
      // Decided by the reading thread (its own connection, see prepareRowsInThreads), or here.
      if (part.pending) for (const x of part.pending) out.push(x);
      else for (const c of part.candidates) rules.evaluate(c, out);
      if (raiser) {
        if (out.length > from) raiser.raise(out.slice(from));
        out.length = 0;
      }
    }
    const rows = part.last - part.first + 1;
    if (stored.get(part.first) !== part.last) {
      begin();
      // A part stored by an earlier run that covers other rows (another split of the file): staged again from here.
      let overlapped = false;
      for (const [f, l] of stored) {
        if (f > part.last || l < part.first) continue;
        dropRejects.run(job.importId, f, l);
        stored.delete(f);
        stagedRows -= l - f + 1;
        overlapped = true;
      }
      if (overlapped) {
        dropParts.run(job.importId, part.last, part.first);
        dropRejects.run(job.importId, part.first, part.last);
      }
      insPart.run(job.importId, part.first, part.last, part.n, part.data);
      for (const x of part.rejects) insReject.run(job.importId, x[0], x[1], x[2], x[3]);
      stagedRows += rows;
      sinceCommit += rows;
      if (sinceCommit >= BATCH && !raiser) {
        commit();
        report();
        return !cancelled();
      }
    }
    if (rowsRead - reported >= 10_000) report();
    return !cancelled();
  };

  /**
   * This thread has read its share and the reading thread still reads (with at most ALONG_MAX_BYTES left; else this is asked
   * again at each part it hands on): take the write transaction and raise what was decided so
   * far, if nothing was committed by anyone since the index was built (the registry epoch and the warnings' household states
   * hold, and now nobody can change them). Otherwise, or if the lock does not come, staging goes on in batches.
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
    if (
      (raw.pragma('data_version', { simple: true }) as number) !== dataVersion ||
      (raw.prepare(`SELECT n FROM registry_epoch`).pluck().get() as number) !== epoch
    ) {
      raw.exec('ROLLBACK');
      return;
    }
    raiser = new PendingRaiser(raw, { source: job.source }, job.importId, along.actor, along.now);
    // Neither the warnings once raised nor the candidates they came from are kept (~15 MB of a county file, at the import's peak
    // of memory): the candidates go first. Raised in row order: the writer's share, then what the reading thread handed on so far.
    for (let k = 0; k < plans.length; k++) candidates[k] = [];
    for (let k = 0; k < plans.length; k++) {
      raiser.raise(pending[k] ?? []);
      pending[k] = [];
    }
    // The household index of the rows matched so far, while the reading thread finishes: apply writes only the rest.
    writeHouseholdRows(raw, job.importId, pairs, pairCount);
    pairsWritten = pairCount;
  };

  let ends: (RowsEnd | null)[];
  try {
    // A reading thread decides its rows' warnings on a read-only connection of its own: what it reads of the households is what
    // this thread would read, under the same check (nothing committed by anyone since the index, or the lock held).
    const decide =
      rulesEarly && raw.name && raw.name !== ':memory:'
        ? { dbFile: raw.name, imp: { source: job.source, file_name: imp.file_name, file_date: imp.file_date } }
        : null;
    if (threaded) ends = await prepareRowsInThreads(plans, start, write, applyAlong, decide);
    else {
      const index = start();
      ends = [await prepareRows(plans[0], index, (part) => write(0, part))];
    }
  } catch (e) {
    if (inTx || raiser) raw.exec('ROLLBACK');
    throw e;
  }
  if (ends.some((e) => e === null)) {
    if (inTx || raiser) raw.exec('ROLLBACK');
    return 'cancelled';
  }
  commit();
  const finish = () => raw.prepare(`UPDATE exchange_imports SET status = 'staged', rows_read = ? WHERE id = ?`).run(rowsRead, job.importId);
  if (locked || raiser) finish();
  else raw.transaction(finish)();
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
    pending: rules ? plans.flatMap((_, k) => pending[k] ?? []) : null,
    dataVersion,
    pairs,
    pairCount,
    pairsWritten,
    raised: raiser ? (raiser as PendingRaiser).raised : null,
    readers: threaded ? plans.length : 0,
  };
}

/** Where a reading thread decides its rows' warnings (./rows-thread.ts): the database, read-only, and the import. */
export interface Decide {
  dbFile: string;
  imp: ImportInfo;
}

/**
 * `prepareRows` of each plan in a thread of its own (./rows-thread.ts), each part handed to
 * `onPart` here as it arrives. A reader runs at most AHEAD parts ahead of the writer: it waits on
 * a counter that this side advances after writing each of its parts. The person index is built
 * here (`build`) while the readers start, and shared with them (its arrays are in shared memory).
 */
function prepareRowsInThreads(
  plans: RowsPlan[],
  build: () => PersonIndex,
  onPart: (k: number, p: Part) => boolean,
  ownShareRead: () => void = () => {},
  decide: Decide | null = null,
): Promise<(RowsEnd | null)[]> {
  return new Promise((resolve, reject) => {
    const ends: (RowsEnd | null | undefined)[] = plans.map(() => undefined);
    let settled = false;
    // With two plans, the first is read here (see stageFile); every other in a thread.
    const inline = plans.length > 1;
    const readers = plans
      .map((plan, k) => ({ plan, k }))
      .filter(({ k }) => !inline || k > 0)
      .map(({ plan, k }) => {
        // flow[0]: parts of this reader written here; flow[1]: 1 once the person index is posted on `persons`.
        const flow = new Int32Array(new SharedArrayBuffer(8));
        const persons = new MessageChannel();
        const w = spawnExchangeWorker({ role: 'rows', plan, flow, ahead: AHEAD, persons: persons.port2, decide } satisfies RowsThreadData, [
          persons.port2,
        ]);
        return { w, flow, persons, k };
      });
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
      for (const r of readers) {
        r.persons.port1.close();
        void r.w.terminate();
      }
    };
    const stopAll = () => settle(() => resolve(plans.map(() => null)));
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
      for (const r of readers) {
        r.persons.port1.postMessage(parts);
        Atomics.store(r.flow, 1, 1);
        Atomics.notify(r.flow, 1);
      }
      // The registry text the index was parsed from (~20 MB) is garbage now: free it before the writing starts.
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
          if (end === null) {
            stopAll();
            return;
          }
          ends[0] = end;
          if (ends.every((e) => e !== undefined)) {
            settle(() => resolve(ends as RowsEnd[]));
            return;
          }
          try {
            ownShareRead();
          } catch (e) {
            settle(() => reject(e));
          }
        },
        (e) => settle(() => reject(e)),
      );
    });
    for (const r of readers) {
      r.w.on('message', (m: any) => {
        if (settled) return;
        if (m.type === 'part') {
          let go: boolean;
          try {
            go = onPart(r.k, m.part);
          } catch (e) {
            settle(() => reject(e));
            return;
          }
          Atomics.add(r.flow, 0, 1);
          Atomics.notify(r.flow, 0);
          if (!go) stopAll();
        } else if (m.type === 'end') {
          ends[r.k] = m.end;
          if (ends.every((e) => e !== undefined)) settle(() => resolve(ends as RowsEnd[]));
        } else if (m.type === 'error') settle(() => reject(m.messages ? new AppError(m.code, m.messages, m.field) : new Error(m.message)));
      });
      r.w.on('error', (e) => settle(() => reject(e)));
      r.w.on('exit', (code) => {
        if (ends[r.k] === undefined) settle(() => reject(new Error(`the file reader stopped (exit code ${code})`)));
      });
    }
  });
}
