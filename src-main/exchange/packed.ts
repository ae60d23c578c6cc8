/**
 * The matched rows of one part of a file, as `exchange_row_parts.data` keeps them (migration 11):
 * each row's [row, ID number, name, member id, category, event date, evidence key, amount in fen,
 * detail, refused]. Written by the reading threads for every matched row of a large import, read
 * back only by a household's verification report, a part at a time.
 *
 * Packed in columns, not as JSON: the numbers in typed arrays, the texts joined into one string
 * with their lengths beside them. JSON.stringify of a million-row file's matched rows cost twice
 * as long, and an array per row before it (bench/README.md import). Parts stored as JSON by
 * earlier versions are read as they are.
 *
 * Layout (little-endian, as typed arrays are on every machine the office runs): "SNP1", n (u32),
 * amounts (f64 × n, NaN for none), rows, member ids (i32 × n each), text lengths (i32 × 6n, −1 for
 * none), refused (u8 × n), then the texts in UTF-8.
 */
export type PackedRow = [row: number, idNumber: string, name: string | null, memberId: number, category: string, eventDate: string | null, evidenceKey: string, amountFen: number | null, detail: string | null, refused: 0 | 1];

const MAGIC = [0x53, 0x4e, 0x50, 0x31]; // SNP1

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
/** Texts per row: ID number, name, category, event date, evidence key, detail. */
const TEXTS = 6;
const encoder = new TextEncoder();

export class PartPacker {
  private rows: number[] = [];
  private members: number[] = [];
  private amounts: number[] = [];
  private refused: number[] = [];
  private lengths: number[] = [];
  private texts: string[] = [];
  get n(): number { return this.rows.length; }
  add(row: number, idNumber: string, name: string | null, memberId: number, category: string, eventDate: string | null, evidenceKey: string, amountFen: number | null, detail: string | null, refused: boolean): void {
    this.rows.push(row); this.members.push(memberId); this.amounts.push(amountFen ?? NaN); this.refused.push(refused ? 1 : 0);
    this.text(idNumber); this.text(name); this.text(category); this.text(eventDate); this.text(evidenceKey); this.text(detail);
  }
  private text(s: string | null): void {
    if (s === null) this.lengths.push(-1);
    else { this.lengths.push(s.length); this.texts.push(s); }
  }
  /** The packed part; the packer is empty again. */
  finish(): Uint8Array {
    const n = this.rows.length;
    const text = encoder.encode(this.texts.join(''));
    const head = 8, numbers = head + 8 * n + 4 * (2 + TEXTS) * n;
    const out = packedRecord(MAGIC, n, numbers + n + text.length);
    new Float64Array(out.buffer, head, n).set(this.amounts);
    const ints = new Int32Array(out.buffer, head + 8 * n, (2 + TEXTS) * n);
    ints.set(this.rows, 0); ints.set(this.members, n); ints.set(this.lengths, 2 * n);
    out.set(this.refused, numbers);
    out.set(text, numbers + n);
    this.rows = []; this.members = []; this.amounts = []; this.refused = []; this.lengths = []; this.texts = [];
    return out;
  }
}

/** The rows of a stored part, whichever way it was stored (JSON text of earlier versions, or packed). */
export function unpackPart(data: string | Uint8Array): PackedRow[] {
  if (typeof data === 'string') return JSON.parse(data) as PackedRow[];
  const { buf, n } = openPackedRecord(data, MAGIC, 'a packed part of an import');
  const amounts = new Float64Array(buf, 8, n);
  const ints = new Int32Array(buf, 8 + 8 * n, (2 + TEXTS) * n);
  const numbers = 8 + 8 * n + 4 * (2 + TEXTS) * n;
  const refused = new Uint8Array(buf, numbers, n);
  const text = new TextDecoder().decode(new Uint8Array(buf, numbers + n));
  const out: PackedRow[] = [];
  let at = 0, l = 2 * n;
  const next = (): string | null => {
    const len = ints[l++];
    if (len < 0) return null;
    const s = text.slice(at, at + len);
    at += len;
    return s;
  };
  for (let i = 0; i < n; i++) {
    const id = next()!, name = next(), category = next()!, eventDate = next(), key = next()!, detail = next();
    out.push([ints[i], id, name, ints[n + i], category, eventDate, key, Number.isNaN(amounts[i]) ? null : amounts[i], detail, refused[i] as 0 | 1]);
  }
  return out;
}
