import { describe, expect, it } from 'vitest';
import { decodeReasons, encodeReasons } from '../../../src-main/scan/reasons-codec';
import type { Reason } from '../../../src-main/policy/types';

describe('stored scan reasons', () => {
  const reasons = [
    { rule: 'income.counted', figures: { members: 1, grossFen: 92499, disregardFen: 27749.7, countedFen: 64749.3 } },
    { rule: 'marginal.income', pass: true, figures: { members: 1, incomeFen: 64749.3, multiplier: 1.5 } },
    { rule: 'dibao.assets', pass: false, figures: { failed: 2, why: ['asset.vehicle', 'asset.homes'] } },
    { rule: 'asset.vehicle.ignored', pass: true, figures: { kind: 'motorcycle', note: undefined } },
    // A rule and a figure the lists do not know (added by a later release) are stored by name.
    { rule: 'tekun.newRule', pass: false, figures: { someNewFigure: 'x', age: 61, nothing: null } },
    { rule: 'rounding', figures: {} },
  ] as unknown as Reason[];

  it('read back as the reasons the engine gave, in their order, as JSON would have kept them', () => {
    const text = encodeReasons(reasons);
    expect(decodeReasons(text)).toEqual(JSON.parse(JSON.stringify(reasons)));
    // Same key order as before (rule, pass, figures; figures as the engine wrote them).
    expect(JSON.stringify(decodeReasons(text))).toBe(JSON.stringify(reasons));
    expect(text.length).toBeLessThan(JSON.stringify(reasons).length * 0.6);
    expect(text).toContain('"tekun.newRule"');
    expect(text).toContain('"someNewFigure"');
  });

  it('read back an empty list', () => {
    expect(decodeReasons(encodeReasons([]))).toEqual([]);
  });
});
