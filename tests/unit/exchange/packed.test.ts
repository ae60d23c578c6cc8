/**
 * The packed matched rows of a part (src-main/exchange/packed.ts): what goes in comes out, row
 * for row — texts of every kind and length, none and empty apart, amounts of any size, ID numbers
 * of any form — and data that is no packed part is refused.
 */
import { describe, expect, it } from 'vitest';
import { PartPacker, unpackPart, type MatchedRow } from '../../../src-main/exchange/packed';

const row = (
  r: number,
  idNumber: string,
  name: string | null,
  memberId: number,
  category: string,
  eventDate: string | null,
  evidenceKey: string,
  amountFen: number | null,
  detail: string | null,
  refused = false,
): MatchedRow => ({ row: r, idNumber, name, memberId, category, eventDate, evidenceKey, amountFen, detail, refused });

const ROWS: MatchedRow[] = [
  row(3, '130123194109177289', '杨金凤', 41, 'hospital_stay', '2026-10-20', '2026-10-20', 1_788_862, '市第一人民医院；总费用 67000.86'),
  row(4, '13012319470303162X', null, 7, 'hospital_stay', null, '', null, null, true),
  // A name outside the BMP (two UTF-16 units), a text with the JSON and control characters a quoted CSV cell can hold.
  row(
    900_001,
    '130189199508249419',
    '𠀀明',
    2_000_000_000,
    'vehicle',
    '2026-01-05',
    '冀A·12345',
    -12_345_678_901,
    '"a,b"\n\tc\u0000\u001f',
  ),
];

const add = (p: PartPacker, r: MatchedRow) => p.add(r.row, r.idNumber, r.name, r.memberId, r, r.refused);

describe('packed parts', () => {
  it('give back every row as it was packed', () => {
    const p = new PartPacker();
    for (const r of ROWS) add(p, r);
    expect(p.n).toBe(3);
    const data = p.finish();
    expect(p.n).toBe(0);
    expect(unpackPart(data)).toEqual(ROWS);
    // As SQLite hands a BLOB back: a Buffer at any offset of its memory.
    const copy = Buffer.concat([Buffer.from([1, 2, 3]), Buffer.from(data)]).subarray(3);
    expect(copy.byteOffset % 8).not.toBe(0);
    expect(unpackPart(copy)).toEqual(ROWS);
  });

  it('pack an empty part, and the packer starts afresh after each part', () => {
    const p = new PartPacker();
    expect(unpackPart(p.finish())).toEqual([]);
    add(p, ROWS[0]);
    p.finish();
    add(p, ROWS[1]);
    expect(unpackPart(p.finish())).toEqual([ROWS[1]]);
  });

  it('keep an ID number of another form, a category per part, an evidence key like or unlike the event date, and texts of any length', () => {
    const long = '长'.repeat(70_000);
    const rows: MatchedRow[] = [
      row(1, '110101900101123', '旧证', 5, 'hospital_stay', '2026-10-01', '2026-10-01', 1, null),
      row(2, '130123194109177289', '', 6, 'death', '2026-10-01', '2026-10-02', 0, ''),
      row(3, '130123194109177289', long, 6, 'death', null, '2026-10-02', null, long),
      ...Array.from({ length: 300 }, (_, i) =>
        row(10 + i, '13012319470303162X', null, i, `category${i % 7}`, null, 'null', i, null, i % 2 === 1),
      ),
    ];
    const p = new PartPacker();
    for (const r of rows) add(p, r);
    const wide = p.finish();
    expect(unpackPart(wide)).toEqual(rows);
    // The width of the lengths (byte 8): 4 bytes for a text of 70,000 characters, 2 without it; the largest 2-byte lengths
    // are markers (none, in the keys, the event date), so a text of 65,534 characters takes 4 again.
    expect(wide[8]).toBe(4);
    const short = rows.filter((r) => r.row !== 3);
    for (const r of short) add(p, r);
    const data = p.finish();
    expect(unpackPart(data)).toEqual(short);
    expect(data[8]).toBe(2);
    for (const r of short) add(p, r);
    const edge = row(99, '1', 'x'.repeat(0xfffe), 1, 'c', null, 'k', null, null);
    add(p, edge);
    const last = p.finish();
    expect(last[8]).toBe(4);
    expect(unpackPart(last)).toEqual([...short, edge]);
  });

  it('refuse data that is no packed part (the SNP1 and JSON forms of development builds included)', () => {
    expect(() => unpackPart(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]))).toThrow(/not a packed part/);
    expect(() => unpackPart(Buffer.from('U05QMQMAAAAAAAAA', 'base64'))).toThrow(/not a packed part/);
    expect(() => unpackPart(Buffer.from(JSON.stringify([[3, 'x']])))).toThrow(/not a packed part/);
  });
});
