/** The bands of docs/rules/temporary-service-recovery.md §11.3 at their edges, exact money text, and dated temporary figures. */
import { describe, expect, it } from 'vitest';
import { DEMO_PARAMETERS, resolveParameters } from '../../../src-main/common/parameters';
import { bandOf, exactYuan, multipleFen } from '../../../src-main/temporary/assess';
import { resolveTemporaryRules, shippedTemporaryParameters, TEMPORARY_DEFAULTS } from '../../../src-main/temporary/parameters';

const p = (residence: 'urban' | 'rural') => ({
  values: resolveParameters(DEMO_PARAMETERS, '2026-06-01').values[residence],
  rules: TEMPORARY_DEFAULTS,
});

describe('bands', () => {
  it('urban S = 750: ≤ 750 quick (emergency only), ≤ 2,250 township, ≤ 7,500 county, above case by case', () => {
    const S = 75_000;
    const cases: [number, string, string][] = [
      [1, 'quick', 'township'],
      [75_000, 'quick', 'township'],
      [75_001, 'township', 'township'],
      [225_000, 'township', 'township'],
      [225_001, 'county', 'county'],
      [750_000, 'county', 'county'],
      [750_001, 'case_by_case', 'case_by_case'],
      [2_250_000, 'case_by_case', 'case_by_case'],
    ];
    for (const [fen, emergency, expenditure] of cases) {
      expect(bandOf('emergency', fen, S, p('urban')), `${fen} emergency`).toBe(emergency);
      expect(bandOf('expenditure', fen, S, p('urban')), `${fen} expenditure`).toBe(expenditure);
    }
  });

  it('rural S = 600: the limits move with the standard', () => {
    expect(bandOf('emergency', 60_000, 60_000, p('rural'))).toBe('quick');
    expect(bandOf('emergency', 60_001, 60_000, p('rural'))).toBe('township');
    expect(bandOf('emergency', 180_001, 60_000, p('rural'))).toBe('county');
    expect(bandOf('emergency', 600_001, 60_000, p('rural'))).toBe('case_by_case');
    expect(multipleFen(60_000, 30)).toBe(1_800_000);
  });
});

describe('exact money text', () => {
  it('writes whole fen, the decimals below the fen, and marks what does not end', () => {
    expect(exactYuan(152_300n, 1n)).toBe('1,523.00');
    expect(exactYuan(617_285n, 10n)).toBe('617.285');
    expect(exactYuan(123_456_789_012n, 1_000n)).toBe('1,234,567.89012');
    expect(exactYuan(1n, 3n)).toBe('≈0.00');
    expect(exactYuan(400_000n, 3n)).toBe('≈1,333.33');
    expect(exactYuan(-5n, 10n)).toBe('-0.005');
  });
});

describe('dated temporary figures', () => {
  it('a later value applies from its date; the shipped one before', () => {
    const rows = [
      ...shippedTemporaryParameters(),
      {
        id: 1,
        parameterId: 'temporary.standbyFund' as const,
        unit: 'fen_per_year' as const,
        effectiveFrom: '2027-01-01',
        value: 3_000_000,
        note: null,
        createdAt: null,
        createdBy: null,
      },
    ];
    expect(resolveTemporaryRules(rows, '2026-12-31')['temporary.standbyFund']).toBe(2_000_000);
    expect(resolveTemporaryRules(rows, '2027-01-01')['temporary.standbyFund']).toBe(3_000_000);
    expect(() => resolveTemporaryRules(rows, '2025-12-31')).toThrow(/No temporary-assistance parameter/);
  });
});
