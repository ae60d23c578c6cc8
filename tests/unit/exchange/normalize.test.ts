import { describe, expect, it } from 'vitest';
import { checkIdCell, halfWidth, moneyToFen, toIsoDate } from '../../../src-main/exchange/normalize';
import { idFor } from '../../fixtures/builders';

const TODAY = '2026-11-30';

describe('cell clean-up', () => {
  it('turns full-width digits, letters and spaces into ASCII', () => {
    expect(halfWidth('　１３０１２３１９６０Ｘ　')).toBe('1301231960X');
    expect(halfWidth(' 王建国 ')).toBe('王建国');
  });

  it('accepts valid ID numbers, full-width included, and converts 15-digit ones', () => {
    const id = idFor('1960-03-01', 11);
    expect(checkIdCell(id, TODAY)).toEqual({ ok: true, id });
    const wide = id.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect(checkIdCell(wide, TODAY)).toEqual({ ok: true, id });
    expect(checkIdCell('130123600301011', TODAY)).toMatchObject({ ok: true });
  });

  it('rejects ID numbers a spreadsheet mangled, saying so, instead of repairing them', () => {
    const sci = checkIdCell('1.30123E+17', TODAY);
    expect(sci.ok).toBe(false);
    expect(!sci.ok && sci.problem.en).toMatch(/scientific notation/);
    const dec = checkIdCell('130123196003010000.0', TODAY);
    expect(!dec.ok && dec.problem.en).toMatch(/stored as a number/);
    const numericCell = checkIdCell(idFor('1960-03-01', 11), TODAY, true);
    expect(!numericCell.ok && numericCell.problem.zh).toMatch(/存成了数字/);
    const bad = idFor('1960-03-01', 11).slice(0, 17) + (idFor('1960-03-01', 11)[17] === '1' ? '2' : '1');
    expect(checkIdCell(bad, TODAY)).toMatchObject({ ok: false, problem: { en: expect.stringMatching(/check character/) } });
    expect(checkIdCell('', TODAY)).toMatchObject({ ok: false });
  });

  it('reads money into fen and dates into ISO', () => {
    expect(moneyToFen('1,234.56')).toBe(123456);
    expect(moneyToFen('１２０００')).toBe(1200000);
    expect(moneyToFen('8000元')).toBe(800000);
    expect(moneyToFen('0.1')).toBe(10);
    expect(moneyToFen('')).toBeNull();
    expect(moneyToFen('abc')).toBeNaN();
    expect(toIsoDate('2026/1/5')).toBe('2026-01-05');
    expect(toIsoDate('2026年1月5日')).toBe('2026-01-05');
    expect(toIsoDate('20260105')).toBe('2026-01-05');
    expect(toIsoDate('2026-02-30')).toBeNull();
    expect(toIsoDate('2026-03')).toBe('2026-03-01');
  });

  it('reads the usual forms on a fast path with the same answers as the full rules', () => {
    // Plain money: 1 to 13 digits, a point and two decimals; anything near it goes the long way.
    expect(moneyToFen('1450.32')).toBe(145032);
    expect(moneyToFen('0.05')).toBe(5);
    expect(moneyToFen('9999999999999.99')).toBe(999999999999999);
    expect(moneyToFen(' 12.34')).toBe(1234);
    expect(moneyToFen('1.234')).toBe(123);
    expect(moneyToFen('-12.34')).toBe(-1234);
    for (const odd of ['.56', '12a4.56', '1.2.34', '+12.34', '12.3x']) expect(moneyToFen(odd)).toBeNaN();
    // ISO dates: digits where digits belong, a real day.
    expect(toIsoDate('2024-02-29')).toBe('2024-02-29');
    expect(toIsoDate('2026-02-29')).toBeNull();
    for (const odd of ['2026-1a-05', '2026-01-0x', '20x6-01-05', '2026-13-01', '2026-00-10']) expect(toIsoDate(odd)).toBeNull();
    // ID numbers: a letter among the digits, an X and a lower-case x, a birth date after today.
    const id = idFor('1960-03-01', 11);
    expect(checkIdCell(id.slice(0, 5) + 'A' + id.slice(6), TODAY)).toMatchObject({ ok: false });
    const x = ['1960-03-01', '1960-03-02', '1960-03-03', '1960-03-04', '1960-03-05']
      .flatMap((d) => Array.from({ length: 20 }, (_, k) => idFor(d, k + 10)))
      .find((v) => v.endsWith('X'))!;
    expect(checkIdCell(x, TODAY)).toEqual({ ok: true, id: x });
    // docs/rules/assistance.md §8: the X is uppercase; a lower-case one is its own problem, not a wrong check character.
    expect(checkIdCell(x.slice(0, 17) + 'x', TODAY)).toMatchObject({ ok: false, problem: { en: expect.stringMatching(/uppercase/) } });
    expect(checkIdCell(idFor('2099-01-01', 11), TODAY)).toMatchObject({ ok: false });
  });
});
