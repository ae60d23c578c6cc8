/**
 * A provider's service-record file as the exchange reads it (source `service_records`): only the
 * form of a row is checked here; the §12.4 refusals are decided at apply. And the 1.5 × rule's
 * arithmetic, in whole numbers.
 */
import { describe, expect, it } from 'vitest';
import { profileOf } from '../../../src-main/exchange/profiles';
import { monthsOfQuarter, quarterOf, withinPlan } from '../../../src-main/services/months';

const row = (v: Record<string, string>) =>
  profileOf('service_records').stage({
    recordId: 'R1',
    provider: 'SW01',
    serviceCode: 'meals',
    date: '2026-09-03',
    quantity: '2',
    staff: '',
    note: '',
    ...v,
  });

describe('the service_records profile', () => {
  it('reads a row: record id as its key, the service with its quantity, provider, staff and note', () => {
    expect(row({ staff: '张丽', note: '午餐' })).toEqual({
      category: 'service_record',
      eventDate: '2026-09-03',
      evidenceKey: 'R1',
      amountFen: null,
      detail: '午餐',
      service: { provider: 'SW01', serviceCode: 'meals', quantity: 2, staff: '张丽', note: '午餐' },
    });
    expect(profileOf('service_records').needsAuthorisation).toBe(false);
  });

  it('refuses a row without its record id, provider or service, with a date that is none, or a quantity not a whole number above 0', () => {
    expect(row({ recordId: '' })).toMatchObject({ field: 'recordId', zh: '记录编号为空' });
    expect(row({ provider: '' })).toMatchObject({ field: 'provider' });
    expect(row({ serviceCode: '' })).toMatchObject({ field: 'serviceCode' });
    expect(row({ date: '2026-02-30' })).toMatchObject({ field: 'date' });
    for (const q of ['0', '1.5', '-1', 'two', '']) expect(row({ quantity: q })).toMatchObject({ field: 'quantity' });
  });
});

describe('months of service assistance', () => {
  it('allows a month’s delivery up to exactly 1.5 × its plan, not a unit more', () => {
    expect(withinPlan(6, 4)).toBe(true);
    expect(withinPlan(7, 4)).toBe(false);
    expect(withinPlan(4, 3)).toBe(true); // 4 ≤ 4.5
    expect(withinPlan(5, 3)).toBe(false);
    expect(withinPlan(1, 1)).toBe(true);
    expect(withinPlan(2, 1)).toBe(false);
  });
  it('names quarters', () => {
    expect(['2026-01', '2026-03', '2026-04', '2026-09', '2026-10', '2026-12'].map(quarterOf)).toEqual([
      '2026-Q1',
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
      '2026-Q4',
    ]);
    expect(monthsOfQuarter('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
  });
});
