import { describe, expect, it } from 'vitest';
import { parseHouseholdFile } from '../../../src-main/common/household-file';
import { household, idFor } from '../../fixtures/builders';

const TODAY = '2026-11-29';
const parse = (h: unknown, extra: Record<string, unknown> = {}) =>
  parseHouseholdFile(JSON.stringify({ format: 1, household: h, ...extra }), TODAY);

describe('household file v1 validation', () => {
  it('fills the documented defaults', () => {
    const r = parse({
      residence: 'rural',
      area: { township: 'T', village: 'V' },
      members: [{ idNumber: '11010519491231002X', name: '张三', relation: 'head', status: 'present' }],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const h = r.value.household;
    expect(h.members[0]).toMatchObject({
      disability: null,
      illness: null,
      labour: 'none',
      schooling: null,
      selfCareUnmanaged: 0,
      supportMode: null,
      authorisedOn: null,
      monthlyIncome: [],
    });
    expect(h.assets).toEqual({
      vehicles: [],
      homes: [],
      financialAssets: 0,
      businesses: [],
      largeMachineryOrVessel: false,
      recentPurchase: false,
    });
    expect(h.housing).toEqual({ condition: 'sound', tenure: 'own' });
    expect(h.current).toBeNull();
  });

  it.each([
    [{ format: 2 }, 'format', /format must be 1/],
    [{ referenceDate: '2026-02-30' }, 'referenceDate', /real date/],
  ])('rejects top-level %j at %s', (extra, field, msg) => {
    const r = parse(household(), extra);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ field, message: expect.stringMatching(msg) });
  });

  it('names the path of every invalid field', () => {
    const base = household();
    const [head, spouse, child] = base.members;
    const r = parse({
      ...base,
      members: [
        { ...head, relation: 'boss' },
        { ...spouse, idNumber: '11010519491231002x' },
        { ...child, monthlyIncome: [{ type: 'wage', amount: 10.123 }] },
      ],
      assets: { vehicles: [{ kind: 'tank' }] },
      supportersOutside: [{ name: 'x', relation: 'child' }],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const fields = r.errors.map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'household.members[1].idNumber',
        'household.members[2].monthlyIncome[0].amount',
        'household.members[0].relation',
        'household.assets.vehicles[0].kind',
        'household.supportersOutside[0].age',
      ]),
    );
    expect(r.errors.find((e) => e.field === 'household.members[1].idNumber')!.message).toMatch(/uppercase/);
  });

  it('rejects unknown fields by name, duplicate persons and a missing head', () => {
    const r1 = parse({ ...household(), pets: 2 });
    expect(!r1.ok && r1.error.message).toMatch(/unknown field\(s\): pets/);
    const dup = household();
    dup.members[2].idNumber = dup.members[1].idNumber;
    const r2 = parse(dup);
    expect(!r2.ok && r2.errors.map((e) => e.field)).toContain('household.members[2].idNumber');
    const base2 = household();
    const r3 = parse({ ...base2, members: [{ ...base2.members[0], relation: 'other' }, ...base2.members.slice(1)] });
    expect(!r3.ok && r3.error.message).toMatch(/exactly one head \(found 0\)/);
    const r4 = parseHouseholdFile('not json', TODAY);
    expect(!r4.ok && r4.error.message).toMatch(/not valid JSON/);
  });

  it('converts 15-digit numbers and refuses future birth dates', () => {
    const h = household();
    h.members[0].idNumber = '110105491231002';
    const r = parse(h);
    expect(r.ok && r.value.household.members[0].idNumber).toBe('11010519491231002X');
    h.members[0].idNumber = idFor('2027-01-01', 11);
    const f = parse(h);
    expect(!f.ok && f.error.message).toMatch(/future/);
  });
});
