/**
 * The registry as an import reads it (docs/rules/assistance.md §6): every active person's ID number,
 * member, household, name and authorisation date in typed arrays, and the list of persons of
 * the file that are not in the registry. Both are built for a million rows: no Map of strings,
 * no object per person.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { openPackedRecord, packedRecord } from './packed';
import { idForm, idOf, keyHi, keyLo } from './id-keys';

/**
 * The index as its parts, to hand to the reading threads (`PersonIndex.from`). The typed arrays
 * live in shared memory: two threads read the same index without a copy, and mark in `seen`
 * the persons they matched (a byte each, only ever set to 1, so no lock is needed).
 */
export interface PersonIndexParts {
  memberIds: Int32Array;
  householdIds: Int32Array;
  authorisedOn: Int32Array;
  nameText: string;
  nameAt: Int32Array;
  table: Int32Array;
  seen: Uint8Array;
  mask: number;
  n: number;
}

const shared = <T extends Int32Array | Uint8Array>(C: new (b: SharedArrayBuffer) => T, n: number, bytes: number): T =>
  new C(new SharedArrayBuffer(Math.max(1, n) * bytes));

/**
 * Active registry persons: ID number → slot. An ID number of the form looked up (17 digits and
 * a digit or X — what checkIdCell returns) is packed into two int32 keys (first 9 digits; next
 * 8 digits × 11 + check value), kept in an open-addressing table. Registry numbers of any other
 * form can never equal a checked ID number and are left out.
 */
export class PersonIndex {
  memberIds!: Int32Array;
  householdIds!: Int32Array;
  /** The member's signed authorisation (docs/rules/assistance.md §6) as YYYYMMDD, 0 for none. */
  authorisedOn!: Int32Array;
  /** Set to 1 for each person matched by a row that was not refused. */
  seen!: Uint8Array;
  /** The registry names, all in one string (slot s from nameAt[s] to nameAt[s + 1]) rather than half a million small strings. */
  private nameText!: string;
  private nameAt!: Int32Array;
  /** Open addressing, per position [key hi, key lo, slot + 1 (0: empty)]: a lookup reads one cache line, not three. */
  private table!: Int32Array;
  private mask!: number;
  private n = 0;
  parts(): PersonIndexParts {
    return {
      memberIds: this.memberIds,
      householdIds: this.householdIds,
      authorisedOn: this.authorisedOn,
      nameText: this.nameText,
      nameAt: this.nameAt,
      table: this.table,
      seen: this.seen,
      mask: this.mask,
      n: this.n,
    };
  }
  static from(parts: PersonIndexParts): PersonIndex {
    return Object.assign(Object.create(PersonIndex.prototype) as PersonIndex, parts);
  }
  constructor(raw: BetterSqlite3.Database) {
    // One row out of SQLite: every active person packed into one text ("<id number><member id> <household id> <authorisation
    // date or nothing> <length of name>," each), parsed here without an array per person; the names beside it, in the same order.
    // NOT INDEXED: a scan in rowid order (the partial index on active ID numbers jumps at random); the ID number's form is
    // checked while parsing, cheaper than a GLOB in the scan. Every import waits for this.
    // hot path: bench/import.ts staging
    const got = raw
      .prepare(
        `SELECT group_concat(id_number || id || ' ' || household_id || ' ' || coalesce(authorised_on, '') || ' ' || length(coalesce(name, '')), ',') AS text,
        group_concat(coalesce(name, ''), '') AS names, COUNT(*) AS n
      FROM members NOT INDEXED
      WHERE active = 1 AND length(id_number) = 18`,
      )
      .get() as { text: string | null; names: string | null; n: number };
    const text = got.text ?? '';
    const cap = got.n;
    this.nameText = got.names ?? '';
    this.memberIds = shared(Int32Array, cap, 4);
    this.householdIds = shared(Int32Array, cap, 4);
    this.authorisedOn = shared(Int32Array, cap, 4);
    this.seen = shared(Uint8Array, cap, 1);
    this.nameAt = shared(Int32Array, cap + 1, 4);
    let size = 16;
    while (size < cap * 2) size *= 2;
    this.table = shared(Int32Array, size * 3, 4);
    this.mask = size - 1;
    let pos = 0,
      at = 0,
      skipped = 0;
    // Where each slot's name starts, if a person left out lies between it and the slot before.
    const starts = new Int32Array(cap);
    while (pos < text.length) {
      const form = idForm(text, pos);
      const hi = form ? keyHi(text, pos) : 0,
        lo = form ? keyLo(text, pos) : 0;
      // 18 characters for SQLite, more UTF-16 units if one is outside the BMP: then not of the form, and what is left of it is
      // read into the member id below, which such a person does not keep.
      pos += 18;
      let member = 0,
        household = 0,
        authorised = 0,
        chars = 0,
        c: number;
      while ((c = text.charCodeAt(pos++)) !== 32) member = member * 10 + (c - 48);
      while ((c = text.charCodeAt(pos++)) !== 32) household = household * 10 + (c - 48);
      // YYYY-MM-DD read as YYYYMMDD; empty for none.
      while ((c = text.charCodeAt(pos++)) !== 32) if (c !== 45) authorised = authorised * 10 + (c - 48);
      while (pos < text.length && (c = text.charCodeAt(pos++)) !== 44) chars = chars * 10 + (c - 48);
      const from = at;
      // SQLite counts a name in characters, JavaScript in UTF-16 units: a character outside the BMP (a rare given name) takes two.
      at = afterCodePoints(this.nameText, at, chars);
      // Not a number a row can match (checkIdCell returns 17 digits and a digit or X): left out.
      if (!form) {
        skipped++;
        continue;
      }
      // The registry holds one active person per ID number (a unique index), so `add` never merges two.
      const i = this.n;
      if (this.add(hi, lo, member, household) !== i) throw new Error(`ID number of member ${member} is active twice in the registry`);
      this.authorisedOn[i] = authorised;
      starts[i] = from;
      this.nameAt[i + 1] = at;
    }
    // Rare: the names of the persons left out are cut out, so that each slot's name still ends where the next one's starts.
    if (skipped > 0) {
      const names: string[] = [];
      let to = 0;
      for (let i = 0; i < this.n; i++) {
        names.push(this.nameText.slice(starts[i], this.nameAt[i + 1]));
        this.nameAt[i] = to;
        to += names[i].length;
      }
      this.nameAt[this.n] = to;
      this.nameText = names.join('');
    }
  }
  private add(hi: number, lo: number, member: number, household: number): number {
    const t = this.table,
      b = probe(t, this.mask, hi, lo) * 3;
    const s = t[b + 2] === 0 ? this.n++ : t[b + 2] - 1;
    this.memberIds[s] = member;
    this.householdIds[s] = household;
    t[b] = hi;
    t[b + 1] = lo;
    t[b + 2] = s + 1;
    return s;
  }
  /** Whether `name` is not the registry name of the person in `slot`, character for character. */
  nameDiffers(slot: number, name: string): boolean {
    const from = this.nameAt[slot];
    return name.length !== this.nameAt[slot + 1] - from || !this.nameText.startsWith(name, from);
  }
  nameOf(slot: number): string {
    return this.nameText.slice(this.nameAt[slot], this.nameAt[slot + 1]);
  }
  /** Slot of an ID number (as checkIdCell returns it), or -1. */
  find(id: string): number {
    if (id.length !== 18 || !idForm(id, 0)) return -1;
    // The slot at the key's position, −1 where it is empty.
    return this.table[probe(this.table, this.mask, keyHi(id, 0), keyLo(id, 0)) * 3 + 2] - 1;
  }
  /** Distinct persons matched (and not refused), from `seen`. */
  countSeen(): number {
    let k = 0;
    for (let s = 0; s < this.n; s++) k += this.seen[s];
    return k;
  }
}

/**
 * The distinct unknown persons of a file, in the order of their first row, with the name on that
 * row and their number of rows: the list the import's page shows, built while the
 * file is read. Keys are packed int32 pairs and names UTF-8 bytes in one buffer: an ID number or
 * name kept as a string would be a slice of its part of the file and keep it alive.
 */
export type UnknownPersonsParts = Pick<UnknownPersons, 'size'> & {
  hi: Int32Array;
  lo: Int32Array;
  firstRow: Int32Array;
  rows: Int32Array;
  nameAt: Int32Array;
  noName: Uint8Array;
  names: Uint8Array;
  table: Int32Array;
  mask: number;
};
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
  /** Per position [key hi, key lo, slot + 1 (0: empty)]: a lookup reads one cache line (`bucket`). */
  private table = new Int32Array(2048 * 3);
  private mask = 2047;
  size = 0;
  /** The list as its parts, to hand to the writer's thread (`UnknownPersons.from`); the typed arrays' buffers can be transferred. */
  parts(): UnknownPersonsParts {
    return {
      hi: this.hi,
      lo: this.lo,
      firstRow: this.firstRow,
      rows: this.rows,
      nameAt: this.nameAt,
      noName: this.noName,
      names: this.names,
      table: this.table,
      mask: this.mask,
      size: this.size,
    };
  }
  static from(parts: UnknownPersonsParts): UnknownPersons {
    return Object.assign(Object.create(UnknownPersons.prototype) as UnknownPersons, parts);
  }
  static transferables(p: UnknownPersonsParts): ArrayBuffer[] {
    return [p.hi, p.lo, p.firstRow, p.rows, p.nameAt, p.noName, p.names, p.table].map((a) => a.buffer as ArrayBuffer);
  }
  /** Counts a row of the person with this checked ID number (17 digits and a digit or X). */
  add(id: string, name: string | null, row: number): void {
    const hi = keyHi(id, 0),
      lo = keyLo(id, 0);
    const h = this.bucket(hi, lo),
      s = this.table[h * 3 + 2] - 1;
    if (s >= 0) this.rows[s]++;
    else this.append(h, hi, lo, row, 1, name);
  }
  /**
   * Adds the persons of a later part of the file (read by another thread): a person already
   * here keeps its first row and name and adds the rows; the others follow in their order.
   */
  merge(later: UnknownPersons): void {
    // Room for both lists at once: growing by doubling rehashed this list twice over (a third of the merge's time).
    const most = this.size + later.size;
    if (most > this.hi.length) this.growSlots(most);
    if (most * 4 > this.mask * 3) this.growTable(Math.ceil((most * 4) / 3));
    for (let t = 0; t < later.size; t++) {
      const h = this.bucket(later.hi[t], later.lo[t]),
        s = this.table[h * 3 + 2] - 1;
      if (s >= 0) this.rows[s] += later.rows[t];
      else
        this.append(
          h,
          later.hi[t],
          later.lo[t],
          later.firstRow[t],
          later.rows[t],
          later.noName[t] ? null : later.names.subarray(later.nameAt[t], later.nameAt[t + 1]),
        );
    }
  }
  /** The table position of the person (hi, lo): theirs, or the empty one where they would go. */
  private bucket(hi: number, lo: number): number {
    return probe(this.table, this.mask, hi, lo);
  }
  /** A new person, at the empty table position `h` (`bucket`); a name as text is encoded straight into `names` (no buffer per person). */
  private append(h: number, hi: number, lo: number, firstRow: number, rows: number, name: string | Uint8Array | null): void {
    const s = this.size++;
    if (s === this.hi.length) this.growSlots();
    this.hi[s] = hi;
    this.lo[s] = lo;
    this.firstRow[s] = firstRow;
    this.rows[s] = rows;
    const from = this.nameAt[s];
    this.noName[s] = name === null ? 1 : 0;
    let bytes = 0;
    if (typeof name === 'string') {
      if (this.names.length - from < name.length * 3) this.names = grow(this.names, from + name.length * 3);
      bytes = encoder.encodeInto(name, this.names.subarray(from)).written;
    } else if (name !== null) {
      if (this.names.length - from < name.length) this.names = grow(this.names, from + name.length);
      this.names.set(name, from);
      bytes = name.length;
    }
    this.nameAt[s + 1] = from + bytes;
    const b = h * 3;
    this.table[b] = hi;
    this.table[b + 1] = lo;
    this.table[b + 2] = s + 1;
    // Up to three quarters full: a probe rarely leaves its cache line.
    if (this.size * 4 > this.mask * 3) this.growTable();
  }
  /**
   * The persons as records of `per` each, in first-row order, for the list (`exchange_unknown_persons`): each a copy of this
   * list's own arrays for its persons, not text (JSON cost apply more time and bytes). `unpackUnknownPersons` reads them back.
   * Layout (little-endian): "SNU1", n (u32), then i32 × n each: key hi, key lo, first row, rows, name length in bytes (−1 for
   * none), then the names in UTF-8.
   */
  *chunks(per: number): Generator<Uint8Array> {
    for (let at = 0; at < this.size; at += per) {
      const n = Math.min(per, this.size - at);
      const from = this.nameAt[at],
        to = this.nameAt[at + n];
      const out = packedRecord(UNKNOWN_MAGIC, n, 8 + 20 * n + (to - from));
      const ints = new Int32Array(out.buffer, 8, 5 * n);
      ints.set(this.hi.subarray(at, at + n), 0);
      ints.set(this.lo.subarray(at, at + n), n);
      ints.set(this.firstRow.subarray(at, at + n), 2 * n);
      ints.set(this.rows.subarray(at, at + n), 3 * n);
      for (let i = 0; i < n; i++) ints[4 * n + i] = this.noName[at + i] ? -1 : this.nameAt[at + i + 1] - this.nameAt[at + i];
      out.set(this.names.subarray(from, to), 8 + 20 * n);
      yield out;
    }
  }
  private growSlots(atLeast = 0) {
    const n = Math.max(this.hi.length * 2, atLeast);
    this.hi = grow(this.hi, n);
    this.lo = grow(this.lo, n);
    this.firstRow = grow(this.firstRow, n);
    this.rows = grow(this.rows, n);
    this.nameAt = grow(this.nameAt, n + 1);
    this.noName = grow(this.noName, n);
  }
  private growTable(atLeast = 0) {
    let size = (this.mask + 1) * 2;
    while (size <= atLeast) size *= 2;
    const t = (this.table = new Int32Array(size * 3));
    this.mask = size - 1;
    for (let s = 0; s < this.size; s++) {
      const hi = this.hi[s],
        lo = this.lo[s],
        b = probe(t, this.mask, hi, lo) * 3;
      t[b] = hi;
      t[b + 1] = lo;
      t[b + 2] = s + 1;
    }
  }
}
const UNKNOWN_MAGIC = [0x53, 0x4e, 0x55, 0x31]; // SNU1

/** A person of a file not in the registry, as the import's page lists them. */
export interface UnknownPerson {
  idNumber: string;
  /** The name on the person's first row. */
  name: string | null;
  firstRow: number;
  rows: number;
}

/** A record of the unknown persons' list (`UnknownPersons.chunks`) read back. */
export function unpackUnknownPersons(data: Uint8Array): UnknownPerson[] {
  const { buf, n } = openPackedRecord(data, UNKNOWN_MAGIC, 'a record of unknown persons');
  const ints = new Int32Array(buf, 8, 5 * n);
  const names = new Uint8Array(buf, 8 + 20 * n);
  const decoder = new TextDecoder();
  const out: UnknownPerson[] = [];
  for (let i = 0, at = 0; i < n; i++) {
    const len = ints[4 * n + i];
    const name = len < 0 ? null : decoder.decode(names.subarray(at, at + len));
    if (len > 0) at += len;
    out.push({ idNumber: idOf(ints[i], ints[n + i]), name, firstRow: ints[2 * n + i], rows: ints[3 * n + i] });
  }
  return out;
}

function grow<T extends Int32Array | Uint8Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(size, a.length * 2));
  b.set(a);
  return b;
}
/** The position in s after `n` characters (code points) from `at`. */
function afterCodePoints(s: string, at: number, n: number): number {
  for (let k = 0; k < n; k++) {
    const u = s.charCodeAt(at++);
    if (u >= 0xd800 && u <= 0xdbff) at++;
  }
  return at;
}
/**
 * The position of the keys (hi, lo) in an open-addressing table of [key hi, key lo, slot + 1] triples (linear probing, `mask`
 * one less than its positions): theirs, or the empty one where they would go. Both tables here use it.
 */
function probe(t: Int32Array, mask: number, hi: number, lo: number): number {
  let h = hash(hi, lo) & mask;
  while (t[h * 3 + 2] !== 0 && (t[h * 3] !== hi || t[h * 3 + 1] !== lo)) h = (h + 1) & mask;
  return h;
}
function hash(hi: number, lo: number): number {
  let h = Math.imul(hi, 0x9e3779b1) ^ Math.imul(lo ^ (lo >>> 13), 0x85ebca6b);
  h ^= h >>> 16;
  return Math.imul(h, 0x7feb352d) ^ (h >>> 15);
}
