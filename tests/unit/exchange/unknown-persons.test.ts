/**
 * The list of an import's unknown persons (src-main/exchange/persons.ts): built row by row,
 * merged with a later part of the file, stored as packed records and read back in first-row
 * order, each with the name on its first row and its number of rows.
 */
import { describe, expect, it } from 'vitest';
import { UnknownPersons, unpackUnknownPersons } from '../../../src-main/exchange/persons';
import { idFor } from '../../fixtures/builders';

const person = (idNumber: string, name: string | null, firstRow: number, rows: number) => ({ idNumber, name, firstRow, rows });
const A = idFor('1970-01-01', 5),
  B = idFor('1980-02-02', 7),
  C = idFor('1990-03-03', 9),
  X = '11010519491231002X';

describe('the unknown persons list', () => {
  it('gives back each person once, first row, name on it and rows, across records and a merged later part', () => {
    const first = new UnknownPersons();
    first.add(A, '张三', 3);
    first.add(B, null, 4);
    first.add(A, '张叁', 9);
    const later = new UnknownPersons();
    later.add(C, '𠀀明', 20);
    later.add(B, '李四', 21);
    later.add(X, '', 22);
    first.merge(later);
    const records = [...first.chunks(2)];
    expect(records).toHaveLength(2);
    expect(records.flatMap((r) => unpackUnknownPersons(r))).toEqual([
      person(A, '张三', 3, 2),
      person(B, null, 4, 2),
      person(C, '𠀀明', 20, 1),
      person(X, '', 22, 1),
    ]);
    // As SQLite hands a BLOB back: a Buffer at any offset of its memory.
    const odd = Buffer.concat([Buffer.from([0]), Buffer.from(records[1])]).subarray(1);
    expect(unpackUnknownPersons(odd)).toEqual([person(C, '𠀀明', 20, 1), person(X, '', 22, 1)]);
  });

  it('refuses data that is no record of the list', () => {
    expect(() => unpackUnknownPersons(new Uint8Array(12))).toThrow(/not a record/);
    expect(() => unpackUnknownPersons(Buffer.from(JSON.stringify([[A, '张三', 3, 2]])))).toThrow(/not a record/);
  });
});
