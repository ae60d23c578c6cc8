/**
 * The packed matched rows of a part (src-main/exchange/packed.ts): what goes in comes out, row
 * for row — texts of every kind and length, none and empty apart, amounts of any size, ID numbers
 * of any form — and parts stored as SNP1 or JSON by earlier versions still read.
 */
import { describe, expect, it } from 'vitest';
import { PartPacker, unpackPart, type PackedRow } from '../../../src-main/exchange/packed';

const ROWS: PackedRow[] = [
  [3, '130123194109177289', '杨金凤', 41, 'hospital_stay', '2026-10-20', '2026-10-20', 1_788_862, '市第一人民医院；总费用 67000.86', 0],
  [4, '13012319470303162X', null, 7, 'hospital_stay', null, '', null, null, 1],
  // A name outside the BMP (two UTF-16 units), a text with the JSON and control characters a quoted CSV cell can hold.
  [
    900_001,
    '130189199508249419',
    '𠀀明',
    2_000_000_000,
    'vehicle',
    '2026-01-05',
    '冀A·12345',
    -12_345_678_901,
    '"a,b"\n\tc\u0000\u001f',
    0,
  ],
];

describe('packed parts', () => {
  it('give back every row as it was packed', () => {
    const p = new PartPacker();
    for (const r of ROWS) p.add(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9] === 1);
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
    p.add(
      ...(ROWS[0].slice(0, 9) as [number, string, string | null, number, string, string | null, string, number | null, string | null]),
      false,
    );
    p.finish();
    p.add(ROWS[1][0], ROWS[1][1], ROWS[1][2], ROWS[1][3], ROWS[1][4], ROWS[1][5], ROWS[1][6], ROWS[1][7], ROWS[1][8], true);
    expect(unpackPart(p.finish())).toEqual([ROWS[1]]);
  });

  it('keep an ID number of another form, a category per part, an evidence key like or unlike the event date, and texts of any length', () => {
    const long = '长'.repeat(70_000);
    const rows: PackedRow[] = [
      [1, '110101900101123', '旧证', 5, 'hospital_stay', '2026-10-01', '2026-10-01', 1, null, 0],
      [2, '130123194109177289', '', 6, 'death', '2026-10-01', '2026-10-02', 0, '', 0],
      [3, '130123194109177289', long, 6, 'death', null, '2026-10-02', null, long, 0],
      ...Array.from({ length: 300 }, (_, i): PackedRow => [
        10 + i,
        '13012319470303162X',
        null,
        i,
        `category${i % 7}`,
        null,
        'null',
        i,
        null,
        (i % 2) as 0 | 1,
      ]),
    ];
    const p = new PartPacker();
    for (const r of rows) p.add(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9] === 1);
    const wide = p.finish();
    expect(unpackPart(wide)).toEqual(rows);
    // The width of the lengths (byte 8): 4 bytes for a text of 70,000 characters, 2 without it; the largest 2-byte lengths
    // are markers (none, in the keys, the event date), so a text of 65,534 characters takes 4 again.
    expect(wide[8]).toBe(4);
    const short = rows.filter((r) => r[0] !== 3);
    for (const r of short) p.add(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9] === 1);
    const data = p.finish();
    expect(unpackPart(data)).toEqual(short);
    expect(data[8]).toBe(2);
    for (const r of short) p.add(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9] === 1);
    p.add(99, '1', 'x'.repeat(0xfffe), 1, 'c', null, 'k', null, null, false);
    const edge = p.finish();
    expect(edge[8]).toBe(4);
    expect(unpackPart(edge)).toEqual([...short, [99, '1', 'x'.repeat(0xfffe), 1, 'c', null, 'k', null, null, 0]]);
  });

  it('read parts stored as SNP1 by the previous version', () => {
    // Packed by the previous version's PartPacker from ROWS.
    const snp1 = Buffer.from(
      'U05QMQMAAAAAAAAAvks7QQAAAAAAAPh/AACo4eD+BsIDAAAABAAAAKG7DQApAAAABwAAAACUNXcSAAAAAwAAAA0AAAAKAAAACgAAABQAAAASAAAA/////w0AAAD/////AAAAAP////8SAAAAAwAAAAcAAAAKAAAACAAAAAoAAAAAAQAxMzAxMjMxOTQxMDkxNzcyODnmnajph5Hlh6Rob3NwaXRhbF9zdGF5MjAyNi0xMC0yMDIwMjYtMTAtMjDluILnrKzkuIDkurrmsJHljLvpmaLvvJvmgLvotLnnlKggNjcwMDAuODYxMzAxMjMxOTQ3MDMwMzE2Mlhob3NwaXRhbF9zdGF5MTMwMTg5MTk5NTA4MjQ5NDE58KCAgOaYjnZlaGljbGUyMDI2LTAxLTA15YaAQcK3MTIzNDUiYSxiIgoJYwAf',
      'base64',
    );
    expect(unpackPart(snp1)).toEqual(ROWS);
  });

  it('read parts stored as JSON text, and refuse data that is neither', () => {
    expect(unpackPart(JSON.stringify(ROWS))).toEqual(ROWS);
    expect(() => unpackPart(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]))).toThrow(/not a packed part/);
  });
});
