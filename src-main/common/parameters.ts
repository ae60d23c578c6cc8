/**
 * County parameters (docs/rules/assistance.md §9 and every threshold named elsewhere), as dated data.
 *
 * The history is plain JSON-able data: one row per (parameter id, effectiveFrom) so that the
 * settings table can store exactly these rows (see `parameterRows` / `historyFromRows`).
 * Money is in fen; rates and multipliers are stored as such (0.15, 1.5) so that a new
 * dibao standard moves every derived amount — nothing derived is stored.
 */
import type { Bilingual } from './errors';
import { z } from 'zod';

export const PARAMETER_UNITS = [
  'fen_per_month', // per person per month unless the description says otherwise
  'fen_per_year',
  'fen',
  'rate', // 0.15 = 15 %
  'multiplier', // × the dibao standard (or × an area standard)
  'years',
  'months', // months of the dibao standard
  'count',
  'm2_per_person',
  'percent_list', // gradual-exit taper, one integer percentage per month
  'mode',
] as const;
export type ParameterUnit = (typeof PARAMETER_UNITS)[number];

/** One dated value of one residence column: a figure, a mode, or the taper's list. */
export const parameterValueSchema = z.union([z.number(), z.string(), z.array(z.number()).readonly()]);
export type ParameterValue = z.infer<typeof parameterValueSchema>;

export interface DatedValue {
  effectiveFrom: string; // YYYY-MM-DD
  urban: ParameterValue;
  rural: ParameterValue;
}

export interface ParameterDefinition {
  id: ParameterId;
  unit: ParameterUnit;
  values: readonly DatedValue[];
}

export interface ParameterHistory {
  name: string;
  parameters: readonly ParameterDefinition[];
}

export const ROUNDING_MODES = ['up', 'nearest', 'down'] as const;
export const BENEFIT_MODES = ['gap', 'band'] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];

/** The resolved figures of one residence column. */
export const parameterValuesSchema = z.object({
  'dibao.standard': z.number(),
  'marginal.multiplier': z.number(),
  'tekun.basicMultiplier': z.number(),
  'tekun.care.selfCare': z.number(),
  'tekun.care.partialCare': z.number(),
  'tekun.care.fullCare': z.number(),
  'addon.rate': z.number(),
  'addon.elderlyAge': z.number(),
  'age.elderly': z.number(),
  'age.adult': z.number(),
  'age.supporterOld': z.number(),
  'gradualExit.taper': z.array(z.number()).readonly(),
  'rigid.threshold': z.number(),
  'rigid.medicalThreshold': z.number(),
  'income.lastYearPerCapita': z.number(),
  'income.employmentDisregard': z.number(),
  'warning.hospitalInTier': z.number(),
  'warning.hospitalOther': z.number(),
  'housing.floorStandard': z.number(),
  'assets.homes.count': z.number(),
  'assets.homes.areaMultiplier': z.number(),
  'assets.homes.resettlementCount': z.number(),
  'assets.homes.resettlementAreaMultiplier': z.number(),
  'assets.financial.months': z.number(),
  'assets.financial.rigidMonths': z.number(),
  'temporary.maxMultiple': z.number(),
  'benefit.rounding': z.enum(ROUNDING_MODES),
  'benefit.mode': z.enum(BENEFIT_MODES),
});
export type ParameterValues = z.infer<typeof parameterValuesSchema>;
/** Every parameter's id, as a schema (the contract's `parameterId`). */
export const parameterIdSchema = parameterValuesSchema.keyof();
export type ParameterId = keyof ParameterValues;

/** The values in force on a date, as a determination stores them (`parameters_json`). */
export const parameterSetSchema = z.object({
  id: z.string(),
  referenceDate: z.string(),
  values: z.object({ urban: parameterValuesSchema, rural: parameterValuesSchema }),
});

export interface ParameterSet {
  /** `demo-county@2026-01-01`: the history's name @ the latest effective date actually used. */
  readonly id: string;
  readonly referenceDate: string;
  readonly values: { readonly urban: Readonly<ParameterValues>; readonly rural: Readonly<ParameterValues> };
}

const D = '2026-01-01';
const same = (id: ParameterId, unit: ParameterUnit, v: ParameterValue): ParameterDefinition => ({
  id,
  unit,
  values: [{ effectiveFrom: D, urban: v, rural: v }],
});
const split = (id: ParameterId, unit: ParameterUnit, urban: ParameterValue, rural: ParameterValue): ParameterDefinition => ({
  id,
  unit,
  values: [{ effectiveFrom: D, urban, rural }],
});

/** Demo county defaults (docs/rules/assistance.md §9), all effective 2026-01-01. */
export const DEMO_PARAMETERS: ParameterHistory = deepFreeze({
  name: 'demo-county',
  parameters: [
    split('dibao.standard', 'fen_per_month', 75_000, 60_000),
    same('marginal.multiplier', 'multiplier', 1.5), // §1.3 (county may set 2)
    same('tekun.basicMultiplier', 'multiplier', 1.3), // §3.3
    same('tekun.care.selfCare', 'fen_per_month', 10_000),
    same('tekun.care.partialCare', 'fen_per_month', 40_000),
    same('tekun.care.fullCare', 'fen_per_month', 100_000),
    same('addon.rate', 'rate', 0.15), // §3.2
    same('addon.elderlyAge', 'years', 60), // §3.2 "configurable"
    // National ages (§1.1, §10.5–6, §4.1) kept as parameters so no threshold hides in code.
    same('age.elderly', 'years', 60),
    same('age.adult', 'years', 18),
    same('age.supporterOld', 'years', 70),
    same('gradualExit.taper', 'percent_list', [100, 100, 100, 100, 100, 100]), // §1.2
    same('rigid.threshold', 'rate', 0.7), // §1.4
    same('rigid.medicalThreshold', 'rate', 0.6),
    split('income.lastYearPerCapita', 'fen_per_year', 4_800_000, 2_100_000),
    same('income.employmentDisregard', 'rate', 0.3), // §2.3
    same('warning.hospitalInTier', 'fen', 600_000), // §4.2, per stay
    same('warning.hospitalOther', 'fen', 1_000_000),
    split('housing.floorStandard', 'm2_per_person', 40, 50), // §2.4
    same('assets.homes.count', 'count', 2),
    same('assets.homes.areaMultiplier', 'multiplier', 2),
    same('assets.homes.resettlementCount', 'count', 3),
    same('assets.homes.resettlementAreaMultiplier', 'multiplier', 4),
    same('assets.financial.months', 'months', 24),
    same('assets.financial.rigidMonths', 'months', 36),
    same('temporary.maxMultiple', 'multiplier', 10), // §5
    same('benefit.rounding', 'mode', 'up'), // §3.1, §10.11
    same('benefit.mode', 'mode', 'gap'),
  ],
});

export class ParameterError extends Error {
  constructor(
    message: string,
    readonly parameterId: string | null,
  ) {
    super(message);
    this.name = 'ParameterError';
  }
}

/**
 * The values in force on `referenceDate` (the latest `effectiveFrom` ≤ the date, per parameter).
 * Throws ParameterError when a parameter has no value yet in force.
 */
export function resolveParameters(history: ParameterHistory, referenceDate: string): ParameterSet {
  const urban: Record<string, ParameterValue> = {};
  const rural: Record<string, ParameterValue> = {};
  let latest = '';
  for (const p of history.parameters) {
    let best: DatedValue | null = null;
    // `>=`: of two values with the same date the later one in the list wins (a correction).
    for (const v of p.values) {
      if (v.effectiveFrom <= referenceDate && (best === null || v.effectiveFrom >= best.effectiveFrom)) best = v;
    }
    if (best === null) throw new ParameterError(`parameter ${p.id} has no value in force on ${referenceDate}`, p.id);
    urban[p.id] = best.urban;
    rural[p.id] = best.rural;
    if (best.effectiveFrom > latest) latest = best.effectiveFrom;
  }
  for (const id of PARAMETER_IDS) {
    if (!(id in urban)) throw new ParameterError(`parameter ${id} is missing from ${history.name}`, id);
  }
  return deepFreeze({
    id: `${history.name}@${latest}`,
    referenceDate,
    values: { urban: urban as unknown as ParameterValues, rural: rural as unknown as ParameterValues }, // every id checked just above
  });
}

export const PARAMETER_IDS: readonly ParameterId[] = DEMO_PARAMETERS.parameters.map((p) => p.id);

/** One row per (parameter, effectiveFrom): the shape of the future settings table. */
export interface ParameterRow {
  parameterId: ParameterId;
  unit: ParameterUnit;
  effectiveFrom: string;
  urban: ParameterValue;
  rural: ParameterValue;
}

export function parameterRows(history: ParameterHistory): ParameterRow[] {
  const rows: ParameterRow[] = [];
  for (const p of history.parameters) {
    for (const v of p.values)
      rows.push({ parameterId: p.id, unit: p.unit, effectiveFrom: v.effectiveFrom, urban: v.urban, rural: v.rural });
  }
  return rows;
}

export function historyFromRows(name: string, rows: readonly ParameterRow[]): ParameterHistory {
  const byId = new Map<ParameterId, { unit: ParameterUnit; values: DatedValue[] }>();
  for (const r of rows) {
    let p = byId.get(r.parameterId);
    if (!p) byId.set(r.parameterId, (p = { unit: r.unit, values: [] }));
    p.values.push({ effectiveFrom: r.effectiveFrom, urban: r.urban, rural: r.rural });
  }
  return { name, parameters: [...byId].map(([id, p]) => ({ id, unit: p.unit, values: p.values })) };
}

/** A history with extra dated values added (e.g. next year's standard). */
export function withChanges(history: ParameterHistory, changes: readonly (DatedValue & { id: ParameterId })[]): ParameterHistory {
  return {
    name: history.name,
    parameters: history.parameters.map((p) => {
      const extra = changes.filter((c) => c.id === p.id).map((c) => ({ effectiveFrom: c.effectiveFrom, urban: c.urban, rural: c.rural }));
      return extra.length ? { ...p, values: [...p.values, ...extra] } : p;
    }),
  };
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/** Each parameter's name in both languages: the Settings screen, the printed scenario summary and the two-person requests say it so. */
export const PARAMETER_NAME: Readonly<Record<ParameterId, Bilingual>> = {
  'dibao.standard': { zh: '低保标准', en: 'Dibao standard' },
  'marginal.multiplier': { zh: '低保边缘倍数', en: 'Marginal household multiplier' },
  'tekun.basicMultiplier': { zh: '特困基本生活标准倍数', en: 'Extremely poor: basic living multiplier' },
  'tekun.care.selfCare': { zh: '护理补贴：全自理', en: 'Care subsidy: self-care' },
  'tekun.care.partialCare': { zh: '护理补贴：半护理', en: 'Care subsidy: partial care' },
  'tekun.care.fullCare': { zh: '护理补贴：全护理', en: 'Care subsidy: full care' },
  'addon.rate': { zh: '分类施保比例', en: 'Classified add-on rate' },
  'addon.elderlyAge': { zh: '分类施保：老年年龄', en: 'Classified add-on: elderly age' },
  'age.elderly': { zh: '老年年龄', en: 'Elderly age' },
  'age.adult': { zh: '成年年龄', en: 'Adult age' },
  'age.supporterOld': { zh: '义务人无赡养能力年龄', en: 'Supporter too old to support' },
  'gradualExit.taper': { zh: '渐退期比例', en: 'Gradual exit taper' },
  'rigid.threshold': { zh: '刚性支出比例', en: 'Rigid expenditure threshold' },
  'rigid.medicalThreshold': { zh: '刚性医疗支出比例', en: 'Rigid medical expenditure threshold' },
  'income.lastYearPerCapita': { zh: '上年度人均可支配收入', en: "Last year's per-capita disposable income" },
  'income.employmentDisregard': { zh: '就业收入扣减比例', en: 'Employment income disregard' },
  'warning.hospitalInTier': { zh: '预警：住院费用（已纳入救助）', en: 'Warning: hospital stay (in a tier)' },
  'warning.hospitalOther': { zh: '预警：住院费用（其他）', en: 'Warning: hospital stay (others)' },
  'housing.floorStandard': { zh: '人均住房面积标准', en: 'Housing floor-area standard' },
  'assets.homes.count': { zh: '住房套数上限', en: 'Homes allowed' },
  'assets.homes.areaMultiplier': { zh: '住房面积倍数', en: 'Homes: floor-area multiplier' },
  'assets.homes.resettlementCount': { zh: '含安置房的住房套数上限', en: 'Homes allowed with resettlement housing' },
  'assets.homes.resettlementAreaMultiplier': { zh: '安置房面积倍数', en: 'Resettlement: floor-area multiplier' },
  'assets.financial.months': { zh: '金融资产：低保标准月数', en: 'Financial assets: months of the standard' },
  'assets.financial.rigidMonths': { zh: '金融资产（刚性支出）：低保标准月数', en: 'Financial assets (rigid): months of the standard' },
  'temporary.maxMultiple': { zh: '临时救助最高倍数', en: 'Temporary assistance: maximum multiple' },
  'benefit.rounding': { zh: '救助金取整方式', en: 'Benefit rounding' },
  'benefit.mode': { zh: '救助金计算方式', en: 'Benefit mode' },
};
