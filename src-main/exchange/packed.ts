/**
 * The matched rows of one part of a file, as `exchange_row_parts.data` keeps them: each row's
 * number, person and finding, and whether it was refused for want of an authorisation. Written
 * by the reading side of an import for every matched row, read back only by a household's
 * verification report, a part at a time.
 *
 * Packed in columns (SNP2), not as JSON: numbers in typed arrays, texts joined into one string
 * with their lengths beside them (JSON of a county file's matched rows cost twice the time and a
 * third more of the bytes the import's writer writes twice, bench/README.md import).
 */
import { idForm, idOf, keyHi, keyLo } from './id-keys';

/** A matched row as a part keeps it. */
export interface MatchedRow {
  row: number;
  idNumber: string;
  /** The name on the row (the registry's may differ). */
  name: string | null;
  memberId: number;
  category: string;
  eventDate: string | null;
  evidenceKey: string;
  amountFen: number | null;
  detail: string | null;
  /** Refused for want of an authorisation covering the file (docs/rules/assistance.md §6): kept, not compared. */
  refused: boolean;
}

/** The finding of a row, as a profile made it (./profile-fields.ts Staged). */
type Finding = Pick<MatchedRow, 'category' | 'eventDate' | 'evidenceKey' | 'amountFen' | 'detail'>;

/** A packed record of `n` items and `bytes` bytes in all: its first 8 bytes the `magic` and `n`, the rest for the caller. */
export function packedRecord(magic: readonly number[], n: number, bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  out.set(magic, 0);
  new DataView(out.buffer).setUint32(4, n, true);
  return out;
}

/**
 * A packed record read back: its bytes in a buffer of their own — a Buffer from SQLite may start anywhere in its memory, and
 * typed arrays need their alignment — and its number of items; `what` names it when the data is no such record.
 */
export function openPackedRecord(data: Uint8Array, magic: readonly number[], what: string): { buf: ArrayBuffer; n: number } {
  if (data.length < 8 || magic.some((b, i) => data[i] !== b)) throw new Error(`not ${what}`);
  const buf = new Uint8Array(data).buffer;
  return { buf, n: new DataView(buf).getUint32(4, true) };
}

const MAGIC = [0x53, 0x4e, 0x50, 0x32]; // SNP2
/** Texts per row: ID number (when not kept as keys), name, event date, evidence key, detail; the category is by dictionary. */
const TEXTS = 5;
const encoder = new TextEncoder();

/**
 * Packs the matched rows of a part, as small as they go — every byte is written twice by the import's one writing thread, to
 * the WAL and by the checkpoint: an ID number of the checked form as its two int32 keys (./id-keys.ts), the category by a
 * dictionary of the part, an evidence key equal to the event date (a hospital stay's) as a marker, and text lengths in 16 bits
 * where they fit.
 *
 * Layout (little-endian): "SNP2", n (u32), the width w of lengths (u8: 2 or 4), 3 bytes unused, the dictionary's size d (u32);
 * amounts (f64 × n, NaN for none); rows, member ids, ID key hi, ID key lo (i32 × n each); text lengths (w bytes × 5n, in UTF-16
 * units; all ones for none, all ones less one for "in the keys" (ID number) or "the event date" (evidence key)); categories
 * (w bytes × n, dictionary positions); dictionary text lengths (w bytes × d); refused (u8 × n); then the texts in UTF-8: the
 * dictionary's, then each row's.
 */
export class PartPacker {
  private rows: number[] = [];
  private members: number[] = [];
  private amounts: number[] = [];
  private refused: number[] = [];
  private hi: number[] = [];
  private lo: number[] = [];
  private lengths: number[] = [];
  private categories: number[] = [];
  private dictionary = new Map<string, number>();
  private texts: string[] = [];
  private longest = 0;
  get n(): number {
    return this.rows.length;
  }
  add(row: number, idNumber: string, name: string | null, memberId: number, finding: Finding, refused: boolean): void {
    const { category, eventDate, evidenceKey, amountFen, detail } = finding;
    this.rows.push(row);
    this.members.push(memberId);
    this.amounts.push(amountFen ?? NaN);
    this.refused.push(refused ? 1 : 0);
    if (idNumber.length === 18 && idForm(idNumber, 0)) {
      this.hi.push(keyHi(idNumber, 0));
      this.lo.push(keyLo(idNumber, 0));
      this.lengths.push(-2);
    } else {
      this.hi.push(0);
      this.lo.push(0);
      this.text(idNumber);
    }
    this.text(name);
    this.text(eventDate);
    if (evidenceKey === eventDate) this.lengths.push(-2);
    else this.text(evidenceKey);
    this.text(detail);
    let c = this.dictionary.get(category);
    if (c === undefined) this.dictionary.set(category, (c = this.dictionary.size));
    this.categories.push(c);
  }
  private text(s: string | null): void {
    if (s === null) this.lengths.push(-1);
    else {
      this.lengths.push(s.length);
      this.texts.push(s);
      if (s.length > this.longest) this.longest = s.length;
    }
  }
  /** The packed part; the packer is empty again. */
  finish(): Uint8Array {
    const n = this.rows.length,
      d = this.dictionary.size;
    const names = [...this.dictionary.keys()];
    for (const x of names) if (x.length > this.longest) this.longest = x.length;
    const w = this.longest < 0xfffe && d < 0xfffe ? 2 : 4;
    const text = encoder.encode(names.join('') + this.texts.join(''));
    const head = 16,
      ints = head + 8 * n,
      widths = ints + 16 * n,
      refused = widths + w * (TEXTS * n + n + d);
    const out = packedRecord(MAGIC, n, refused + n + text.length);
    const view = new DataView(out.buffer);
    out[8] = w;
    view.setUint32(12, d, true);
    new Float64Array(out.buffer, head, n).set(this.amounts);
    const i32 = new Int32Array(out.buffer, ints, 4 * n);
    i32.set(this.rows, 0);
    i32.set(this.members, n);
    i32.set(this.hi, 2 * n);
    i32.set(this.lo, 3 * n);
    // −1 (none) and −2 (in the keys, the event date) become the two largest values of the width.
    const lens = w === 2 ? new Uint16Array(out.buffer, widths, TEXTS * n + n + d) : new Uint32Array(out.buffer, widths, TEXTS * n + n + d);
    lens.set(this.lengths, 0);
    lens.set(this.categories, TEXTS * n);
    lens.set(
      names.map((x) => x.length),
      TEXTS * n + n,
    );
    out.set(this.refused, refused);
    out.set(text, refused + n);
    this.rows = [];
    this.members = [];
    this.amounts = [];
    this.refused = [];
    this.hi = [];
    this.lo = [];
    this.lengths = [];
    this.categories = [];
    this.texts = [];
    this.dictionary = new Map();
    this.longest = 0;
    return out;
  }
}

/** The rows of a stored part (`PartPacker.finish`). */
export function unpackPart(data: Uint8Array): MatchedRow[] {
  const { buf, n } = openPackedRecord(data, MAGIC, 'a packed part of an import');
  const bytes = new Uint8Array(buf);
  const w = bytes[8],
    d = new DataView(buf).getUint32(12, true);
  const head = 16,
    ints = head + 8 * n,
    widths = ints + 16 * n,
    refusedAt = widths + w * (TEXTS * n + n + d);
  const amounts = new Float64Array(buf, head, n);
  const i32 = new Int32Array(buf, ints, 4 * n);
  const lens = w === 2 ? new Uint16Array(buf, widths, TEXTS * n + n + d) : new Uint32Array(buf, widths, TEXTS * n + n + d);
  const NONE = w === 2 ? 0xffff : 0xffffffff,
    OTHER = NONE - 1;
  const refused = new Uint8Array(buf, refusedAt, n);
  const text = new TextDecoder().decode(new Uint8Array(buf, refusedAt + n));
  let at = 0;
  const cut = (len: number) => {
    const s = text.slice(at, at + len);
    at += len;
    return s;
  };
  const dictionary: string[] = [];
  for (let k = 0; k < d; k++) dictionary.push(cut(lens[TEXTS * n + n + k]));
  const out: MatchedRow[] = [];
  for (let i = 0, l = 0; i < n; i++) {
    const idLen = lens[l++];
    const id = idLen === OTHER ? idOf(i32[2 * n + i], i32[3 * n + i]) : cut(idLen);
    const nameLen = lens[l++],
      name = nameLen === NONE ? null : cut(nameLen);
    const dateLen = lens[l++],
      eventDate = dateLen === NONE ? null : cut(dateLen);
    const keyLen = lens[l++],
      key = keyLen === OTHER ? (eventDate as string) : cut(keyLen);
    const detailLen = lens[l++],
      detail = detailLen === NONE ? null : cut(detailLen);
    out.push({
      row: i32[i],
      idNumber: id,
      name,
      memberId: i32[n + i],
      category: dictionary[lens[TEXTS * n + i]],
      eventDate,
      evidenceKey: key,
      amountFen: Number.isNaN(amounts[i]) ? null : amounts[i],
      detail,
      refused: refused[i] === 1,
    });
  }
  return out;
}
