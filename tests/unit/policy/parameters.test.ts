import { describe, expect, it } from 'vitest';
import {
  DEMO_PARAMETERS,
  historyFromRows,
  parameterRows,
  resolveParameters,
  withChanges,
  ParameterError,
} from '../../../src-main/common/parameters';
import { compile } from '../../../src-main/policy/compiled';
import { roundToYuanFen } from '../../../src-main/policy/engine';

describe('dated parameters', () => {
  it('resolves the demo county on and after 2026-01-01, frozen, with the §9 figures', () => {
    const set = resolveParameters(DEMO_PARAMETERS, '2026-11-01');
    expect(set.id).toBe('demo-county@2026-01-01');
    expect(Object.isFrozen(set) && Object.isFrozen(set.values.urban)).toBe(true);
    expect(set.values.urban['dibao.standard']).toBe(75_000);
    expect(set.values.rural['dibao.standard']).toBe(60_000);
    expect(set.values.urban['marginal.multiplier']).toBe(1.5);
    expect(set.values.rural['income.lastYearPerCapita']).toBe(2_100_000);
    expect(set.values.urban['housing.floorStandard']).toBe(40);
    expect(set.values.rural['housing.floorStandard']).toBe(50);
    expect(set.values.urban['gradualExit.taper']).toEqual([100, 100, 100, 100, 100, 100]);
    expect(set.values.urban['benefit.rounding']).toBe('up');
  });

  it('has no values before the first effective date', () => {
    expect(() => resolveParameters(DEMO_PARAMETERS, '2025-12-31')).toThrow(ParameterError);
  });

  it('a new dated value takes effect on its date, and the label names the latest date used', () => {
    const h = withChanges(DEMO_PARAMETERS, [{ id: 'dibao.standard', effectiveFrom: '2027-01-01', urban: 80_000, rural: 65_000 }]);
    expect(resolveParameters(h, '2026-12-31').values.urban['dibao.standard']).toBe(75_000);
    const next = resolveParameters(h, '2027-01-01');
    expect(next.values.urban['dibao.standard']).toBe(80_000);
    expect(next.id).toBe('demo-county@2027-01-01');
    // derived thresholds move with the standard
    const c = compile(next.values.urban);
    expect((c.standardFen * c.marginalBp) / 10_000).toBe(120_000);
    expect((c.standardFen * c.tekunBasicBp) / 10_000).toBe(104_000);
  });

  it('round-trips through table rows (one per parameter and effective date)', () => {
    const rows = parameterRows(DEMO_PARAMETERS);
    expect(rows.length).toBe(DEMO_PARAMETERS.parameters.length);
    expect(rows.every((r) => r.effectiveFrom === '2026-01-01')).toBe(true);
    const back = historyFromRows('demo-county', JSON.parse(JSON.stringify(rows)));
    expect(resolveParameters(back, '2026-11-01')).toEqual(resolveParameters(DEMO_PARAMETERS, '2026-11-01'));
  });

  it('refuses rates finer than four decimals and unsupported modes', () => {
    const fine = resolveParameters(
      withChanges(DEMO_PARAMETERS, [{ id: 'addon.rate', effectiveFrom: '2026-02-01', urban: 0.123456, rural: 0.15 }]),
      '2026-03-01',
    );
    expect(() => compile(fine.values.urban)).toThrow(ParameterError);
    const band = resolveParameters(
      withChanges(DEMO_PARAMETERS, [{ id: 'benefit.mode', effectiveFrom: '2026-02-01', urban: 'band', rural: 'band' }]),
      '2026-03-01',
    );
    expect(() => compile(band.values.rural)).toThrow(/band/);
  });

  it('rounds once to the yuan by the configured mode', () => {
    const base = resolveParameters(DEMO_PARAMETERS, '2026-11-01');
    const up = compile(base.values.urban);
    expect(roundToYuanFen(131_250 * 10_000, up)).toBe(131_300);
    expect(roundToYuanFen(131_200 * 10_000, up)).toBe(131_200);
    expect(roundToYuanFen(1, up)).toBe(100);
    const mode = (m: string) =>
      compile(
        resolveParameters(
          withChanges(DEMO_PARAMETERS, [{ id: 'benefit.rounding', effectiveFrom: '2026-02-01', urban: m, rural: m }]),
          '2026-03-01',
        ).values.urban,
      );
    expect(roundToYuanFen(131_250 * 10_000, mode('nearest'))).toBe(131_300);
    expect(roundToYuanFen(131_249 * 10_000, mode('nearest'))).toBe(131_200);
    expect(roundToYuanFen(131_299 * 10_000, mode('down'))).toBe(131_200);
  });
});
