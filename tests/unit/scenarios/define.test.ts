import { describe, expect, it } from 'vitest';
import { parseSet } from '../../../src-main/scenarios/define';
import { DELTA_EDGES_FEN, deltaBand } from '../../../src-main/scan/scenario-job';

describe('scenario changes as the command line writes them', () => {
  it('reads a parameter, its column and its value', () => {
    expect(parseSet('dibao.standard.rural=650')).toEqual({ parameterId: 'dibao.standard', residence: 'rural', value: 650 });
    expect(parseSet('dibao.standard=700.5')).toEqual({ parameterId: 'dibao.standard', residence: 'both', value: 700.5 });
    expect(parseSet('addon.rate.urban=0.2')).toEqual({ parameterId: 'addon.rate', residence: 'urban', value: 0.2 });
    expect(parseSet('benefit.rounding=nearest')).toEqual({ parameterId: 'benefit.rounding', residence: 'both', value: 'nearest' });
    expect(parseSet('gradualExit.taper=100,80,50')).toEqual({ parameterId: 'gradualExit.taper', residence: 'both', value: [100, 80, 50] });
  });
  it('refuses what it cannot read, naming the option', () => {
    expect(() => parseSet('dibao.standard.rural')).toThrow(expect.objectContaining({ code: 'invalid_set', field: 'set' }));
    expect(() => parseSet('dibao.standrd=650')).toThrow(expect.objectContaining({ code: 'invalid_parameter' }));
    expect(() => parseSet('dibao.standard=6x')).toThrow(expect.objectContaining({ code: 'invalid_set' }));
  });
});

describe('bands of a benefit change', () => {
  it('put each change in one band, edges included below', () => {
    expect(deltaBand(-50_000)).toBe(0);
    expect(deltaBand(-20_000)).toBe(0);
    expect(deltaBand(-19_999)).toBe(1);
    expect(deltaBand(-1)).toBe(3);
    expect(deltaBand(1)).toBe(4);
    expect(deltaBand(5_000)).toBe(4);
    expect(deltaBand(20_001)).toBe(DELTA_EDGES_FEN.length);
  });
});
