/**
 * Staging (ASSISTANCE-RULES §6, all-or-nothing): every data row of the file is validated and
 * written in batches — a matched row to `exchange_rows`, rows of persons not in the registry
 * packed many to a record in `exchange_unknown_rows` (migration 07), a row's problem to
 * `exchange_rejects` — each batch in its own transaction together with the resume marker
 * `staged_rows`. A killed process leaves staged rows only — nothing in the registry or the
 * warnings — and the next run skips the rows already staged. Matching to registry persons is
 * done against an in-memory index of active ID numbers (one query, then O(1) per row), so that
 * a million rows need no million look-ups; apply checks every match again by primary key when
 * a member changed since staging began (migration 07's `registry_epoch`).
 *
 * Reading, validating and matching (`prepareRows`) need no write access: for a large file they
 * run in a thread of their own (./rows-thread.ts) while this thread writes, so a county-sized
 * file costs about the longer of the two instead of their sum (bench/README.md, import).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { readTable, type Encoding, type Format } from './read-table';
import { checkIdCell, halfWidth } from './normalize';
import { profileOf, type RowValues, type Staged } from './profiles';
import { MessageChannel } from 'node:worker_threads';
import { spawnExchangeWorker } from './spawn';
import { AppError } from '../shared/errors';
import { collectGarbage } from '../shared/gc';

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

/**
 * What apply would count in SQL (accepted rows, distinct matched members, distinct unknown ID
 * numbers), counted while staging. Valid only when this run staged every row of the import
 * (`complete`): a resumed import or one re-staged from an earlier run is counted by apply in SQL.
 */
export interface StageTally { complete: boolean; accepted: number; matched: number; unknown: number; /** The file was read in a thread of its own. */ threaded?: boolean }

export interface StageProgress { rowsRead: number; staged: number; rejected: number; estimatedTotal: number }

/**
 * Active registry persons: ID number → slot, in typed arrays only (≈14 MB for 500k people).
 * An ID number of the form looked up (17 digits and a digit or X — what checkIdCell returns)
 * is packed into two int32 keys (first 9 digits; next 8 digits × 11 + check value), kept in an
 * open-addressing table: no string Map of half a million entries to build and hash. Registry
 * numbers of any other form can never equal a checked ID number and are left out.
 */
export interface PersonIndexParts {
  memberIds: Int32Array; householdIds: Int32Array; nameText: string; nameAt: Int32Array; hi: Int32Array; lo: Int32Array; table: Int32Array; mask: number; n: number;
}

export class PersonIndex {
  memberIds: Int32Array;
  householdIds: Int32Array;
  /**
   * The registry name of each slot, all names in one string (slot s from nameAt[s] to nameAt[s + 1]) rather than
   * half a million small strings: staging flags a row whose name differs, so that apply need not read every matched row back.
   */
  private nameText: string;
  private nameAt: Int32Array;
  private hi: Int32Array;
  private lo: Int32Array;
  private table: Int32Array;
  private mask: number;
  private n = 0;
  /** The index as its parts, to hand to another thread (`PersonIndex.from`); the typed arrays' buffers can be transferred. */
  parts(): PersonIndexParts {
    return { memberIds: this.memberIds, householdIds: this.householdIds, nameText: this.nameText, nameAt: this.nameAt, hi: this.hi, lo: this.lo, table: this.table, mask: this.mask, n: this.n };
  }
  static from(parts: PersonIndexParts): PersonIndex {
    return Object.assign(Object.create(PersonIndex.prototype) as PersonIndex, parts);
  }
  constructor(raw: BetterSqlite3.Database) {
    // One row out of SQLite: every active person packed by SQLite into one text ("<id number><member id> <household id> <length
    // of name>," per person) and parsed here, instead of a JS array per person (the scan alone cost 0.7 s for 500k people); the
    // names beside it in one text, aggregated in the same scan and so in the same order.
    // NOT INDEXED: a table scan in rowid order; the partial index on active ID numbers jumps to each row at random.
    const got = raw.prepare(`SELECT group_concat(id_number || id || ' ' || household_id || ' ' || length(coalesce(name, '')), ',') AS text,
        group_concat(coalesce(name, ''), '') AS names, COUNT(*) AS n
      FROM members NOT INDEXED
      WHERE active = 1 AND id_number GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9X]'`).get() as { text: string | null; names: string | null; n: number };
    const text = got.text ?? '';
    const cap = got.n;
    this.nameText = got.names ?? '';
    this.memberIds = new Int32Array(cap);
    this.householdIds = new Int32Array(cap);
    this.nameAt = new Int32Array(cap + 1);
    this.hi = new Int32Array(cap);
    this.lo = new Int32Array(cap);
    let size = 16;
    while (size < cap * 2) size *= 2;
    this.table = new Int32Array(size);
    this.mask = size - 1;
    let pos = 0, at = 0;
    for (let i = 0; pos < text.length; i++) {
      const hi = keyHi(text, pos), lo = keyLo(text, pos);
      pos += 18;
      let member = 0, household = 0, chars = 0, c: number;
      while ((c = text.charCodeAt(pos++)) !== 32) member = member * 10 + (c - 48);
      while ((c = text.charCodeAt(pos++)) !== 32) household = household * 10 + (c - 48);
      while (pos < text.length && (c = text.charCodeAt(pos++)) !== 44) chars = chars * 10 + (c - 48);
      // Slot i is person i: the registry holds one active person per ID number (a unique index), so `add` never merges two.
      if (this.add(hi, lo, member, household) !== i) throw new Error(`ID number of member ${member} is active twice in the registry`);
      // SQLite counts a name in characters, JavaScript in UTF-16 units: a character outside the BMP (a rare given name) takes two.
      for (let k = 0; k < chars; k++) { const u = this.nameText.charCodeAt(at++); if (u >= 0xd800 && u <= 0xdbff) at++; }
      this.nameAt[i + 1] = at;
    }
  }
  private add(hi: number, lo: number, member: number, household: number): number {
    let h = hash(hi, lo) & this.mask;
    for (;;) {
      const s = this.table[h] - 1;
      if (s < 0) break;
      if (this.hi[s] === hi && this.lo[s] === lo) { this.memberIds[s] = member; this.householdIds[s] = household; return s; } // as Map.set: the last wins
      h = (h + 1) & this.mask;
    }
    const s = this.n++;
    this.hi[s] = hi; this.lo[s] = lo; this.memberIds[s] = member; this.householdIds[s] = household;
    this.table[h] = s + 1;
    return s;
  }
  /** Whether `name` is not the registry name of the person in `slot`. */
  nameDiffers(slot: number, name: string): boolean {
    const from = this.nameAt[slot];
    return name.length !== this.nameAt[slot + 1] - from || !this.nameText.startsWith(name, from);
  }
  /** Slot of an ID number (as checkIdCell returns it), or -1. */
  find(id: string): number {
    if (id.length !== 18 || !ID_FORM.test(id)) return -1;
    const hi = keyHi(id, 0), lo = keyLo(id, 0);
    let h = hash(hi, lo) & this.mask;
    for (;;) {
      const s = this.table[h] - 1;
      if (s < 0) return -1;
      if (this.hi[s] === hi && this.lo[s] === lo) return s;
      h = (h + 1) & this.mask;
    }
  }
}

const ID_FORM = /^\d{17}[\dX]$/;

/**
 * The distinct unknown persons of a file, in the order of their first row, with the name on that
 * row and their number of rows: the list the import's page shows (migration 10), built while the
 * file is read instead of grouped out of the packed rows for every page (1.2 s a page for a
 * million-row file). Keys are packed int32 pairs and names UTF-8 bytes in one buffer: an ID
 * number or name kept as a string would be a slice of its part of the file and keep it alive.
 */
export type UnknownPersonsParts = Pick<UnknownPersons, 'size'> & { hi: Int32Array; lo: Int32Array; firstRow: Int32Array; rows: Int32Array; nameAt: Int32Array; noName: Uint8Array; names: Uint8Array; table: Int32Array; mask: number };
const encoder = new TextEncoder();

export class UnknownPersons {
  private hi = new Int32Array(1024);
  private lo = new Int32Array(1024);
  private firstRow = new Int32Array(1024);
  private rows = new Int32Array(1024);
  /** Name of slot s: bytes nameAt[s] to nameAt[s + 1] of `names` (none when `noName[s]`). */
  private nameAt = new Int32Array(1025);
  private noName = new Uint8Array(1024);
  private names = new Uint8Array(1 << 16);
  private table = new Int32Array(2048);
  private mask = 2047;
  size = 0;
  /** The list as its parts, to hand to the writer's thread (`UnknownPersons.from`); the typed arrays' buffers can be transferred. */
  parts(): UnknownPersonsParts {
    return { hi: this.hi, lo: this.lo, firstRow: this.firstRow, rows: this.rows, nameAt: this.nameAt, noName: this.noName, names: this.names, table: this.table, mask: this.mask, size: this.size };
  }
  static from(parts: UnknownPersonsParts): UnknownPersons {
    return Object.assign(Object.create(UnknownPersons.prototype) as UnknownPersons, parts);
  }
  static transferables(p: UnknownPersonsParts): ArrayBuffer[] {
    return [p.hi, p.lo, p.firstRow, p.rows, p.nameAt, p.noName, p.names, p.table].map((a) => a.buffer as ArrayBuffer);
  }
  /** Counts a row of the person with this checked ID number (17 digits and a digit or X). */
  add(id: string, name: string | null, row: number): void {
    const hi = keyHi(id, 0), lo = keyLo(id, 0);
    let h = hash(hi, lo) & this.mask;
    for (let s = this.table[h] - 1; s >= 0; s = this.table[h] - 1) {
      if (this.hi[s] === hi && this.lo[s] === lo) { this.rows[s]++; return; }
      h = (h + 1) & this.mask;
    }
    const s = this.size++;
    if (s === this.hi.length) this.growSlots();
    this.hi[s] = hi; this.lo[s] = lo; this.firstRow[s] = row; this.rows[s] = 1;
    this.table[h] = s + 1;
    const from = this.nameAt[s];
    this.noName[s] = name === null ? 1 : 0;
    if (name !== null && this.names.length - from < name.length * 3) this.names = grow(this.names, from + name.length * 3);
    this.nameAt[s + 1] = name === null ? from : from + encoder.encodeInto(name, this.names.subarray(from)).written;
    if (this.size * 2 > this.mask) this.growTable();
  }
  /** The persons as JSON texts of `per` each, one at a time: [ID number, name, first row, rows][], in first-row order. */
  *chunks(per: number): Generator<string> {
    const decoder = new TextDecoder();
    for (let at = 0; at < this.size; at += per) {
      const part: [string, string | null, number, number][] = [];
      for (let s = at; s < Math.min(this.size, at + per); s++) {
        const name = this.noName[s] ? null : decoder.decode(this.names.subarray(this.nameAt[s], this.nameAt[s + 1]));
        part.push([idOf(this.hi[s], this.lo[s]), name, this.firstRow[s], this.rows[s]]);
      }
      yield JSON.stringify(part);
    }
  }
  private growSlots() {
    const n = this.hi.length * 2;
    this.hi = grow(this.hi, n); this.lo = grow(this.lo, n); this.firstRow = grow(this.firstRow, n); this.rows = grow(this.rows, n);
    this.nameAt = grow(this.nameAt, n + 1); this.noName = grow(this.noName, n);
  }
  private growTable() {
    const size = (this.mask + 1) * 2;
    this.table = new Int32Array(size);
    this.mask = size - 1;
    for (let s = 0; s < this.size; s++) {
      let h = hash(this.hi[s], this.lo[s]) & this.mask;
      while (this.table[h] !== 0) h = (h + 1) & this.mask;
      this.table[h] = s + 1;
    }
  }
}
function grow<T extends Int32Array | Uint8Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(size, a.length * 2));
  b.set(a);
  return b;
}
/** The ID number whose key is (hi, lo): keyHi and keyLo undone. */
function idOf(hi: number, lo: number): string {
  const check = lo % 11;
  return String(hi).padStart(9, '0') + String((lo - check) / 11).padStart(8, '0') + (check === 10 ? 'X' : String(check));
}
function keyHi(s: string, at: number): number {
  let v = 0;
  for (let i = at; i < at + 9; i++) v = v * 10 + (s.charCodeAt(i) - 48);
  return v;
}
function keyLo(s: string, at: number): number {
  let v = 0;
  for (let i = at + 9; i < at + 17; i++) v = v * 10 + (s.charCodeAt(i) - 48);
  const c = s.charCodeAt(at + 17);
  return v * 11 + (c === 88 ? 10 : c - 48);
}
function hash(hi: number, lo: number): number {
  let h = Math.imul(hi, 0x9e3779b1) ^ Math.imul(lo ^ (lo >>> 13), 0x85ebca6b);
  h ^= h >>> 16;
  return Math.imul(h, 0x7feb352d) ^ (h >>> 15);
}

/** Rows per transaction: each commit rewrites the household index pages it touched, so fewer commits cost less; a kill loses at most one. */
const BATCH = 100_000;
/** Rows per multi-row INSERT (13 parameters each). */
const GROUP = 64;
/** Files from this size on are read in a thread of their own; below it a thread costs more to start than it saves. */
const THREAD_MIN_BYTES = 4 << 20;
/** Parts read ahead of the writer at most (about 256 KB of file each): bounds the memory between the threads. */
const AHEAD = 8;

/**
 * Staged rows into `exchange_rows`, GROUP at a time through one multi-row INSERT (one call into SQLite per GROUP rows).
 * A row's values are pushed onto `pending` by the caller, then `rowDone()`: no array per row.
 */
class RowInserter {
  readonly pending: unknown[] = [];
  private one: BetterSqlite3.Statement;
  private group: BetterSqlite3.Statement;
  private full: number;
  constructor(raw: BetterSqlite3.Database, private columns: string[]) {
    const sql = (rows: number) => `INSERT OR REPLACE INTO exchange_rows (${columns.join(', ')}) VALUES ${Array(rows).fill(`(${columns.map(() => '?').join(', ')})`).join(', ')}`;
    this.one = raw.prepare(sql(1));
    this.group = raw.prepare(sql(GROUP));
    this.full = GROUP * columns.length;
  }
  rowDone(): void {
    if (this.pending.length === this.full) { this.group.run(this.pending); this.pending.length = 0; }
  }
  flush(): void {
    const n = this.columns.length;
    for (let k = 0; k < this.pending.length; k += n) this.one.run(this.pending.slice(k, k + n));
    this.pending.length = 0;
  }
  drop(): void {
    this.pending.length = 0;
  }
}

/** An empty record (papaparse gives [''] for a blank line) or one of blank cells. */
function blank(cells: string[]): boolean {
  for (let i = 0; i < cells.length; i++) if (cells[i].trim() !== '') return false;
  return true;
}

/**
 * A staged row: [row, id number, name, member id, household id, category, event date, evidence key, amount in fen, detail, rule,
 * name differs from the registry's (1) or not (null)]; no member for an unknown person.
 */
export type StagedRow = [number, string, string | null, number | null, number | null, string, string | null, string, number | null, string | null, string | null, 1 | null];

/** What reading one part of the file (about 256 KB) gives the writer. */
export interface RowsBatch {
  /** Rows for `exchange_rows`. */
  rows: StagedRow[];
  /** The part's rows of unknown persons, packed (migration 07): JSON of [row, id number, name, category, event date, evidence key, amount, detail, rule][]. */
  unknown: { first: number; last: number; n: number; data: string } | null;
  rejects: [row: number, column: string, zh: string, en: string][];
  /** Counted from the file's start, including rows skipped on resume. */
  rowsRead: number;
  lastRow: number;
  bytesPerRow: number;
}

export interface RowsPlan {
  job: StageJob;
  /** Rows up to this one were staged by an earlier run. */
  resumeAfter: number;
  /** Unknown persons' rows packed (every source but referral feedback, whose rows apply reads back one by one). */
  packUnknown: boolean;
  /** Count distinct matched and unknown persons (only meaningful when this run stages every row). */
  countPersons: boolean;
}

interface RowsEnd {
  rowsRead: number; lastRow: number; matched: number; unknown: number;
  /** The distinct unknown persons (UnknownPersons.parts), when this run read every row. */
  unknownList: UnknownPersonsParts | null;
}
/** Unknown persons per stored chunk of the list (migration 10). */
export const UNKNOWN_PER_CHUNK = 1000;

/** A validated row waiting for the person index: [row, ID number, name, what it stages]. */
type Checked = [number, string, string | null, Staged];
/** A part validated before the person index came: matched and handed on when it comes. */
type Where = Pick<RowsBatch, 'rowsRead' | 'lastRow' | 'bytesPerRow'>;
interface Waiting extends Where { checked: Checked[]; rejects: RowsBatch['rejects'] }

/** The person index, when it may still be in the making (built by the writer while the reader starts): `now` if it is there, or `wait` for it. */
export interface PersonSource { now(): PersonIndex | null; wait(): PersonIndex }
/** Parts validated ahead of the person index at most (about 256 KB of file each): then the reader waits for it. */
const WAITING = 8;

/**
 * Reads, validates and matches the file's rows, handing each part to `emit` (false = stop).
 * Writes nothing: it runs in the writer's thread or in a thread of its own. With a
 * `PersonSource`, parts validated before the index comes wait, in order — WAITING at most,
 * then the reader waits too — and are matched and handed on as soon as it is there.
 */
export async function prepareRows(plan: RowsPlan, persons: PersonIndex | PersonSource, emit: (b: RowsBatch) => boolean): Promise<RowsEnd | null> {
  const { job, resumeAfter } = plan;
  const p = profileOf(job.source);
  const source: PersonSource = persons instanceof PersonIndex ? { now: () => persons, wait: () => persons } : persons;
  let index: PersonIndex | null = null;
  let seenMember: Uint8Array | null = null;
  const unknownPersons = new UnknownPersons();
  let matchedPersons = 0;
  const idCol = job.index.idNumber;
  const nameCol = job.index.name;
  const fields = Object.entries(job.index).filter(([k]) => k !== 'idNumber');
  const fieldKeys = fields.map(([k]) => k), fieldCols = fields.map(([, c]) => c);
  const colName = (key: string) => job.header[job.index[key]] ?? key;
  const idHeader = colName('idNumber');
  let rowsRead = 0, lastRow = resumeAfter, bytesPerRow = 0, stopped = false;
  // One values object for every row, its keys set once: a profile reads it and keeps nothing of it.
  const v: RowValues = {};
  for (const k of fieldKeys) v[k] = '';

  /** The part being built: matched rows (or all rows, unpacked) and the packed rows of unknown persons. */
  let rows: StagedRow[] = [], unknown: unknown[][] = [], first = 0, last = 0;
  const match = (persons: PersonIndex, rowNo: number, id: string, name: string | null, s: Staged) => {
    const slot = persons.find(id);
    if (slot >= 0) {
      if (plan.countPersons && (seenMember ??= new Uint8Array(persons.memberIds.length))[slot] === 0) { seenMember[slot] = 1; matchedPersons++; }
      rows.push([rowNo, id, name, persons.memberIds[slot], persons.householdIds[slot], s.category, s.eventDate, s.evidenceKey, s.amountFen, s.detail, s.rule, name !== null && persons.nameDiffers(slot, name) ? 1 : null]);
      return;
    }
    if (plan.countPersons) unknownPersons.add(id, name, rowNo);
    if (!plan.packUnknown) { rows.push([rowNo, id, name, null, null, s.category, s.eventDate, s.evidenceKey, s.amountFen, s.detail, s.rule, null]); return; }
    if (unknown.length === 0) first = rowNo;
    last = rowNo;
    unknown.push([rowNo, id, name, s.category, s.eventDate, s.evidenceKey, s.amountFen, s.detail, s.rule]);
  };
  const hand = (rejects: RowsBatch['rejects'], at: Where): boolean => {
    const b: RowsBatch = { rows, unknown: unknown.length ? { first, last, n: unknown.length, data: JSON.stringify(unknown) } : null, rejects, rowsRead: at.rowsRead, lastRow: at.lastRow, bytesPerRow: at.bytesPerRow };
    rows = []; unknown = [];
    return emit(b);
  };
  const waiting: Waiting[] = [];
  const drain = (persons: PersonIndex): boolean => {
    while (waiting.length > 0) {
      const w = waiting.shift()!;
      for (const c of w.checked) match(persons, c[0], c[1], c[2], c[3]);
      if (!hand(w.rejects, w)) return false;
    }
    return true;
  };

  await readTable(job.file, job.format, job.encoding, (b) => {
    if (bytesPerRow === 0 && b.rows.length > 10) bytesPerRow = b.rows.slice(0, 200).reduce((s, r) => s + r.join(',').length * 1.6 + 1, 0) / Math.min(200, b.rows.length);
    const persons = (index ??= waiting.length >= WAITING ? source.wait() : source.now());
    if (persons && !drain(persons)) { stopped = true; return false; }
    const rejects: RowsBatch['rejects'] = [], checked: Checked[] = [];
    for (let i = 0; i < b.rows.length; i++) {
      const rowNo = b.rowNumbers ? b.rowNumbers[i] : b.firstRow + i;
      if (rowNo <= job.headerRow) continue;
      const cells = b.rows[i];
      if (blank(cells)) continue;
      rowsRead++;
      if (rowNo <= resumeAfter) continue;
      lastRow = rowNo;
      const id = checkIdCell(cells[idCol] ?? '', job.today, b.numeric?.[i]?.[idCol] === true);
      if (!id.ok) { rejects.push([rowNo, idHeader, id.problem.zh, id.problem.en]); continue; }
      for (let f = 0; f < fieldKeys.length; f++) { const c = cells[fieldCols[f]]; v[fieldKeys[f]] = c === undefined ? '' : halfWidth(c); }
      const s = p.stage(v);
      if ('field' in s) { rejects.push([rowNo, colName(s.field), s.zh, s.en]); continue; }
      // The name cell is among the mapped fields, already half-width and trimmed in v.
      const name = nameCol === undefined ? null : v.name || null;
      if (persons) match(persons, rowNo, id.id, name, s);
      else checked.push([rowNo, id.id, name, s]);
    }
    const at: Where = { rowsRead, lastRow, bytesPerRow };
    if (!persons) { waiting.push({ checked, rejects, ...at }); return true; }
    const go = hand(rejects, at);
    if (!go) stopped = true;
    return go;
  });
  if (!stopped && waiting.length > 0 && !drain(index ?? (index = source.wait()))) stopped = true;
  if (stopped) return null;
  return { rowsRead, lastRow, matched: matchedPersons, unknown: unknownPersons.size, unknownList: plan.countPersons ? unknownPersons.parts() : null };
}

/**
 * `prepareRows` in a thread of its own (./rows-thread.ts), each part handed to `onBatch` here
 * as it arrives. The reader runs at most AHEAD parts ahead of the writer: it waits on a shared
 * counter that this side advances after writing each part.
 */
function prepareRowsInThread(raw: BetterSqlite3.Database, plan: RowsPlan, onBatch: (b: RowsBatch) => boolean): Promise<RowsEnd | null> {
  // flow[0]: parts written by this side; flow[1]: 1 once the person index is posted on `persons`.
  const flow = new Int32Array(new SharedArrayBuffer(8));
  const persons = new MessageChannel();
  const w = spawnExchangeWorker({ role: 'rows', plan, flow, ahead: AHEAD, persons: persons.port2 }, [persons.port2]);
  let settled = false;
  const settle = (f: () => void) => { if (!settled) { settled = true; f(); persons.port1.close(); void w.terminate(); } };
  return new Promise((resolve, reject) => {
    // Built here while the reader starts and validates its first parts, then moved to it (its buffers transferred, not copied).
    setImmediate(() => {
      if (settled) return;
      let parts: PersonIndexParts;
      try { parts = new PersonIndex(raw).parts(); } catch (e) { settle(() => reject(e)); return; }
      persons.port1.postMessage(parts, [parts.memberIds.buffer, parts.householdIds.buffer, parts.nameAt.buffer, parts.hi.buffer, parts.lo.buffer, parts.table.buffer] as ArrayBuffer[]);
      Atomics.store(flow, 1, 1);
      Atomics.notify(flow, 1);
      // The registry text the index was parsed from (~20 MB) is garbage now: free it before the writing starts.
      collectGarbage();
    });
    w.on('message', (m: any) => {
      if (settled) return;
      if (m.type === 'batch') {
        let go: boolean;
        try { go = onBatch(m.batch); } catch (e) { settle(() => reject(e)); return; }
        Atomics.add(flow, 0, 1);
        Atomics.notify(flow, 0);
        if (!go) settle(() => resolve(null));
      } else if (m.type === 'end') settle(() => resolve(m.end));
      else if (m.type === 'error') settle(() => reject(m.messages ? new AppError(m.code, m.messages, m.field) : new Error(m.message)));
    });
    w.on('error', (e) => settle(() => reject(e)));
    w.on('exit', (code) => settle(() => reject(new Error(`the file reader stopped (exit code ${code})`))));
  });
}

/**
 * Stages the file; returns when every row is read (status → 'staged') or `cancelled()` says
 * stop (status stays 'staging', resumable). Progress is reported after each batch. With
 * `inThread`, a large file is read in a second thread (see the module comment).
 */
export async function stageFile(raw: BetterSqlite3.Database, job: StageJob, onProgress: (p: StageProgress) => void, cancelled: () => boolean = () => false, tally?: StageTally, inThread = false): Promise<'staged' | 'cancelled'> {
  const imp = raw.prepare(`SELECT staged_rows, rows_read, bytes FROM exchange_imports WHERE id = ?`).get(job.importId) as { staged_rows: number; rows_read: number; bytes: number };
  const resumeAfter = imp.staged_rows;
  const matchedRows = new RowInserter(raw, ['import_id', 'row', 'id_number', 'name', 'member_id', 'household_id', 'category', 'event_date', 'evidence_key', 'amount_fen', 'detail', 'rule', 'name_differs']);
  // Rows of unknown persons that are not packed (referral feedback) carry no match, detail or rule.
  const unknownRows = new RowInserter(raw, ['import_id', 'row', 'id_number', 'name', 'category', 'event_date', 'evidence_key', 'amount_fen']);
  const flushRows = () => { matchedRows.flush(); unknownRows.flush(); };
  const dropRows = () => { matchedRows.drop(); unknownRows.drop(); };
  const insChunk = raw.prepare(`INSERT OR REPLACE INTO exchange_unknown_rows (import_id, first_row, last_row, n, data) VALUES (?, ?, ?, ?, ?)`);
  const insReject = raw.prepare(`INSERT INTO exchange_rejects (import_id, row, "column", reason, reason_en) VALUES (?, ?, ?, ?, ?)`);
  const mark = raw.prepare(`UPDATE exchange_imports SET staged_rows = ?, rows_read = ? WHERE id = ?`);
  const counts = raw.prepare(`SELECT (SELECT COUNT(*) FROM exchange_rows WHERE import_id = ?) + (SELECT COALESCE(SUM(n), 0) FROM exchange_unknown_rows WHERE import_id = ?) AS staged,
    (SELECT COUNT(*) FROM exchange_rejects WHERE import_id = ?) AS rejected`).get(job.importId, job.importId, job.importId) as { staged: number; rejected: number };

  // Every row of the import is staged by this run: nothing was there before it.
  const complete = resumeAfter === 0 && counts.staged === 0;
  // Read before the person index is built: any change to members after it makes apply check every match again (migration 07).
  if (complete) raw.prepare(`UPDATE exchange_imports SET staged_epoch = (SELECT n FROM registry_epoch) WHERE id = ?`).run(job.importId);
  const plan: RowsPlan = { job, resumeAfter, packUnknown: job.source !== 'referral_feedback', countPersons: complete };

  // Writes go straight into an open transaction, committed every BATCH rows with the resume
  // marker: a kill mid-batch rolls that batch back and the marker still points before it.
  let inTx = false, sinceCommit = 0;
  let rowsRead = 0, lastRow = resumeAfter, staged = counts.staged, rejected = counts.rejected;
  let bytesPerRow = 0;
  const begin = () => { if (!inTx) { raw.exec('BEGIN'); inTx = true; } };
  const commit = () => {
    if (!inTx) return;
    flushRows();
    mark.run(Math.max(lastRow, resumeAfter), rowsRead, job.importId);
    raw.exec('COMMIT');
    inTx = false;
    // The committed rows' values and the parts they came in are garbage that only a full collection frees (see rows-thread.ts).
    collectGarbage();
    sinceCommit = 0;
    report();
  };
  // Progress after every 10,000 rows, not only at commits (100,000 rows apart): the bar moves while a county-sized file is staged.
  let reported = 0;
  const report = () => {
    reported = rowsRead;
    onProgress({ rowsRead, staged, rejected, estimatedTotal: bytesPerRow > 0 ? Math.max(rowsRead, Math.round(imp.bytes / bytesPerRow)) : rowsRead });
  };
  const write = (b: RowsBatch): boolean => {
    begin();
    const rows = b.rows, id = job.importId, m = matchedRows.pending, u = unknownRows.pending;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (r[3] !== null) { m.push(id, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11]); matchedRows.rowDone(); }
      else { u.push(id, r[0], r[1], r[2], r[5], r[6], r[7], r[8]); unknownRows.rowDone(); }
    }
    if (b.unknown) insChunk.run(id, b.unknown.first, b.unknown.last, b.unknown.n, b.unknown.data);
    for (const x of b.rejects) insReject.run(id, x[0], x[1], x[2], x[3]);
    const n = rows.length + (b.unknown?.n ?? 0);
    staged += n; rejected += b.rejects.length; sinceCommit += n + b.rejects.length;
    rowsRead = b.rowsRead; lastRow = b.lastRow; bytesPerRow = b.bytesPerRow;
    if (sinceCommit >= BATCH) commit();
    else if (rowsRead - reported >= 10_000) report();
    return !cancelled();
  };

  let end: RowsEnd | null;
  const threaded = inThread && imp.bytes >= THREAD_MIN_BYTES;
  try {
    end = threaded ? await prepareRowsInThread(raw, plan, write) : await prepareRows(plan, new PersonIndex(raw), write);
  } catch (e) {
    dropRows();
    if (inTx) raw.exec('ROLLBACK');
    throw e;
  }
  if (end === null) { dropRows(); if (inTx) raw.exec('ROLLBACK'); return 'cancelled'; }
  rowsRead = end.rowsRead; lastRow = end.lastRow;
  begin();
  const insPersons = raw.prepare(`INSERT OR REPLACE INTO exchange_unknown_persons (import_id, chunk, n, data) VALUES (?, ?, ?, ?)`);
  // Built a chunk at a time: the whole list as text would be tens of MB at the import's peak.
  if (end.unknownList) {
    let i = 0;
    for (const data of UnknownPersons.from(end.unknownList).chunks(UNKNOWN_PER_CHUNK)) insPersons.run(job.importId, i, Math.min(UNKNOWN_PER_CHUNK, end.unknown - i++ * UNKNOWN_PER_CHUNK), data);
  }
  commit();
  raw.prepare(`UPDATE exchange_imports SET status = 'staged', rows_read = ? WHERE id = ?`).run(rowsRead, job.importId);
  onProgress({ rowsRead, staged, rejected, estimatedTotal: rowsRead });
  if (tally) Object.assign(tally, { complete, accepted: staged, matched: end.matched, unknown: end.unknown, threaded });
  return 'staged';
}
