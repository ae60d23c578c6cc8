import { describe, expect, it } from 'vitest';
import { yuanToFen, fenToYuan, formatFen, isYuanAmount } from '../../../src-main/common/money';
import { ageOn, addMonths, monthsBetween, isIsoDate, numberAt } from '../../../src-main/common/dates';

describe('money in fen', () => {
  it('parses yuan without float drift', () => {
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
    expect(yuanToFen(1800.5)).toBe(180050);
    expect(yuanToFen('1523.07')).toBe(152307);
    expect(yuanToFen(19.99)).toBe(1999);
    expect(() => yuanToFen('1.234')).toThrow(/two decimals/);
    expect(() => yuanToFen('abc')).toThrow(/not an amount/);
  });
  it('formats the office way', () => {
    expect(formatFen(152300)).toBe('1,523.00');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(123456789)).toBe('1,234,567.89');
    expect(formatFen(-1050)).toBe('-10.50');
    expect(fenToYuan(11250)).toBe(112.5);
  });
  it('accepts at most two decimals', () => {
    expect(isYuanAmount(12.34)).toBe(true);
    expect(isYuanAmount(12.345)).toBe(false);
    expect(isYuanAmount(Number.NaN)).toBe(false);
  });
});

describe('dates', () => {
  it('validates real ISO dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
  });
  it('counts ages and months', () => {
    expect(ageOn('1966-11-01', '2026-11-01')).toBe(60);
    expect(ageOn('1966-11-02', '2026-11-01')).toBe(59);
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(monthsBetween('2026-09', '2027-02')).toBe(5);
  });
  it('reads a number in place exactly as `+` reads the slice, digits or not', () => {
    for (const s of ['2026-11-01', '0007', '1999', '  12', '12ab', '1e3', '-1', '0x1f', '', '7', '１２３４']) {
      for (let from = 0; from <= 4; from++) for (const n of [1, 2, 4]) expect(numberAt(s, from, n)).toBe(+s.slice(from, from + n));
    }
  });
});
