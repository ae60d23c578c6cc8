/**
 * Parameters turned into the integers the engine computes with.
 *
 * Amounts are carried in "sub-fen" (1 fen = SUB units) and rates in basis points of 1/SUB,
 * so that every product the rules need (standard × rate, wage × (1 − disregard)) is an exact
 * integer and nothing is rounded before §10.11. Rates must therefore have at most four
 * decimals — a county figure like 0.15 or 1.3 always does; anything finer is refused.
 */
import type { CareLevel } from '../common/determination';
import { ParameterError, type ParameterValues, type RoundingMode } from '../common/parameters';

export const SUB = 10_000;

export interface Compiled {
  readonly values: Readonly<ParameterValues>;
  readonly standardFen: number;
  readonly standardSub: number;
  readonly marginalBp: number;
  readonly tekunBasicBp: number;
  /** Care subsidy in sub-fen, indexed by selfCareUnmanaged (0–6). */
  readonly careSub: readonly number[];
  readonly addonBp: number;
  readonly addonElderlyAge: number;
  readonly elderlyAge: number;
  readonly adultAge: number;
  readonly supporterOldAge: number;
  readonly taper: readonly number[];
  readonly rigidBp: number;
  readonly rigidMedicalBp: number;
  /** Last year's per-capita disposable income, fen per YEAR. */
  readonly lastYearFen: number;
  readonly disregardBp: number;
  /** Housing floor standard in hundredths of a square metre. */
  readonly floorCenti: number;
  readonly homesCount: number;
  readonly homesMultBp: number;
  readonly resettlementCount: number;
  readonly resettlementMultBp: number;
  readonly financialMonths: number;
  readonly rigidMonths: number;
  readonly temporaryMultBp: number;
  readonly rounding: RoundingMode;
}

const cache = new WeakMap<object, Compiled>();

/** Compiled once per resolved residence column (ParameterSets are frozen, so caching is safe). */
export function compile(values: Readonly<ParameterValues>): Compiled {
  let c = cache.get(values);
  if (!c) {
    c = build(values);
    cache.set(values, c);
  }
  return c;
}

function bp(values: Readonly<ParameterValues>, id: keyof ParameterValues): number {
  const v = values[id];
  const scaled = typeof v === 'number' ? Math.round(v * SUB) : NaN;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || Math.abs(scaled - v * SUB) > 1e-6) {
    throw new ParameterError(`parameter ${id} must be a non-negative number with at most four decimals`, id);
  }
  return scaled;
}

function int(values: Readonly<ParameterValues>, id: keyof ParameterValues): number {
  const v = values[id];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    throw new ParameterError(`parameter ${id} must be a non-negative integer`, id);
  return v;
}

function build(v: Readonly<ParameterValues>): Compiled {
  if (v['benefit.mode'] !== 'gap') {
    // §3.1 names a `band` mode but not how a household falls into a band; until the county
    // supplies that table, refusing is safer than guessing an amount.
    throw new ParameterError(`benefit mode ${String(v['benefit.mode'])} is not supported (only 'gap')`, 'benefit.mode');
  }
  const rounding = v['benefit.rounding'];
  if (rounding !== 'up' && rounding !== 'nearest' && rounding !== 'down')
    throw new ParameterError(`unknown rounding mode ${String(rounding)}`, 'benefit.rounding');
  const taper = v['gradualExit.taper'];
  if (!Array.isArray(taper) || taper.some((p) => !Number.isInteger(p) || p < 0 || p > 100)) {
    throw new ParameterError('gradualExit.taper must list whole percentages 0–100', 'gradualExit.taper');
  }
  const standardFen = int(v, 'dibao.standard');
  const self = int(v, 'tekun.care.selfCare') * SUB;
  const partial = int(v, 'tekun.care.partialCare') * SUB;
  const full = int(v, 'tekun.care.fullCare') * SUB;
  return Object.freeze({
    values: v,
    standardFen,
    standardSub: standardFen * SUB,
    marginalBp: bp(v, 'marginal.multiplier'),
    tekunBasicBp: bp(v, 'tekun.basicMultiplier'),
    // §1.1: all six managed → self-care; 1–3 not managed → partial; 4–6 → full.
    careSub: Object.freeze([self, partial, partial, partial, full, full, full]),
    addonBp: bp(v, 'addon.rate'),
    addonElderlyAge: int(v, 'addon.elderlyAge'),
    elderlyAge: int(v, 'age.elderly'),
    adultAge: int(v, 'age.adult'),
    supporterOldAge: int(v, 'age.supporterOld'),
    taper: Object.freeze([...taper]),
    rigidBp: bp(v, 'rigid.threshold'),
    rigidMedicalBp: bp(v, 'rigid.medicalThreshold'),
    lastYearFen: int(v, 'income.lastYearPerCapita'),
    disregardBp: bp(v, 'income.employmentDisregard'),
    floorCenti: Math.round(bp(v, 'housing.floorStandard') / 100),
    homesCount: int(v, 'assets.homes.count'),
    homesMultBp: bp(v, 'assets.homes.areaMultiplier'),
    resettlementCount: int(v, 'assets.homes.resettlementCount'),
    resettlementMultBp: bp(v, 'assets.homes.resettlementAreaMultiplier'),
    financialMonths: int(v, 'assets.financial.months'),
    rigidMonths: int(v, 'assets.financial.rigidMonths'),
    temporaryMultBp: bp(v, 'temporary.maxMultiple'),
    rounding,
  });
}

/** The care level of a 特困 person by the number of daily activities not managed (0–6, §1.1). */
export const CARE_LEVEL_BY_UNMANAGED: readonly CareLevel[] = [
  'self_care',
  'partial_care',
  'partial_care',
  'partial_care',
  'full_care',
  'full_care',
  'full_care',
];
