/**
 * Budget mode: the highest value, to the yuan, of one monthly amount whose county cost fits a
 * monthly ceiling. Bracketed from the value in force (steps doubling away from it), then
 * bisected; the answer always fits and one yuan more does not, whatever the shape of the cost
 * (each step keeps a value that fits below one that does not).
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appError } from '../common/errors';
import type { ParameterId, ParameterSet } from '../common/parameters';
import { scenarioSets, type Residence, type ScenarioChange } from './define';

/** The highest value tried, in yuan: a county whose cost never reaches the ceiling stops here. */
const MAX_YUAN = 1_000_000;

export async function solveBudget(
  before: ParameterSet,
  effectiveFrom: string,
  b: { monthlyFen: number; parameterId: ParameterId; residence: Residence },
  changes: readonly ScenarioChange[],
  raw: BetterSqlite3.Database,
  cost: (set: ParameterSet) => Promise<number>,
): Promise<{ after: ParameterSet; changes: ScenarioChange[]; valueYuan: number }> {
  const others = changes.filter((c) => c.parameterId !== b.parameterId);
  const withValue = (yuan: number) => [...others, { parameterId: b.parameterId, residence: b.residence, value: yuan }];
  const fits = async (yuan: number) => (await cost(scenarioSets(raw, effectiveFrom, withValue(yuan)).after)) <= b.monthlyFen;
  const current = before.values[b.residence === 'urban' ? 'urban' : 'rural'][b.parameterId];
  const v0 = typeof current === 'number' ? Math.round(current / 100) : 0;
  let lo: number, hi: number;
  if (await fits(v0)) {
    // Upward: lo fits; grow the step until a value does not.
    lo = v0;
    let step = Math.max(8, Math.round(v0 / 8));
    for (;;) {
      hi = Math.min(MAX_YUAN, lo + step);
      if (!(await fits(hi))) break;
      lo = hi;
      if (hi === MAX_YUAN) return done(MAX_YUAN);
      step *= 2;
    }
  } else {
    hi = v0;
    let step = Math.max(8, Math.round(v0 / 8));
    for (;;) {
      lo = Math.max(0, hi - step);
      if (await fits(lo)) break;
      if (lo === 0)
        throw appError(
          'budget_too_small',
          'Even a value of 0 costs more than the budget.',
          '即使该参数为 0，支出仍超出预算。',
          'budget.monthlyFen',
        );
      hi = lo;
      step *= 2;
    }
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await fits(mid)) lo = mid;
    else hi = mid;
  }
  return done(lo);

  function done(yuan: number) {
    const c = withValue(yuan);
    return { after: scenarioSets(raw, effectiveFrom, c).after, changes: c, valueYuan: yuan };
  }
}
