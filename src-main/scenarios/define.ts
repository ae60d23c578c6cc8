/**
 * A scenario's parameters: the values in force on its date with its changes laid over them
 * (docs/rules/assistance.md §9). Money is given in yuan, as the office writes it, and stored in
 * fen; the values are checked as a parameter change is (policy/parameter-store.ts).
 */
import { PARAMETER_NAME } from '../common/parameters';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appError } from '../common/errors';
import { isIsoDate } from '../common/dates';
import { yuanToFen } from '../common/money';
import {
  DEMO_PARAMETERS,
  ParameterError,
  resolveParameters,
  withChanges,
  type ParameterId,
  type ParameterSet,
  type ParameterUnit,
  type ParameterValue,
} from '../common/parameters';
import { checkValue, loadHistory, parametersOn } from '../policy/parameter-store';
import { compile } from '../policy/compiled';

export type Residence = 'both' | 'urban' | 'rural';

/** One change of a scenario, money in yuan. */
export interface ScenarioChange {
  parameterId: ParameterId;
  residence: Residence;
  value: ParameterValue;
}

const UNITS = new Map<string, ParameterUnit>(DEMO_PARAMETERS.parameters.map((p) => [p.id, p.unit]));
export const unitOf = (id: string): ParameterUnit | undefined => UNITS.get(id);
export const isMoney = (unit: ParameterUnit | undefined): boolean => unit !== undefined && unit.startsWith('fen');

/** The parameters' Chinese names, as the printed summary and the adoption request say them. */
export const PARAMETER_ZH: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(PARAMETER_NAME).map(([k, v]) => [k, v.zh]));

/** A value as the store keeps it: yuan to fen for money. */
function stored(c: ScenarioChange, i: number): ParameterValue {
  const unit = UNITS.get(c.parameterId);
  const field = `changes.${i}.value`;
  if (!unit)
    throw appError('invalid_parameter', `Unknown parameter ${c.parameterId}.`, `未知参数 ${c.parameterId}。`, `changes.${i}.parameterId`);
  let v = c.value;
  if (isMoney(unit)) {
    try {
      if (typeof v !== 'number') throw new RangeError('not a number');
      v = yuanToFen(v);
    } catch {
      throw appError(
        'invalid_parameter',
        'Enter an amount in yuan with at most two decimals.',
        '请输入元为单位、最多两位小数的金额。',
        field,
      );
    }
  }
  checkValue(c.parameterId, unit, v, field);
  return v;
}

/** The parameters in force on `date` and those of the scenario: both checked, both usable by the engine. */
export function scenarioSets(
  raw: BetterSqlite3.Database,
  effectiveFrom: string,
  changes: readonly ScenarioChange[],
): { before: ParameterSet; after: ParameterSet } {
  if (!isIsoDate(effectiveFrom))
    throw appError('invalid_date', 'The effective date must be a real date.', '生效日期无效。', 'effectiveFrom');
  const before = parametersOn(raw, effectiveFrom);
  const dated = new Map<ParameterId, { urban: ParameterValue; rural: ParameterValue }>();
  changes.forEach((c, i) => {
    const v = stored(c, i);
    const cur = dated.get(c.parameterId) ?? { urban: before.values.urban[c.parameterId], rural: before.values.rural[c.parameterId] };
    dated.set(c.parameterId, { urban: c.residence === 'rural' ? cur.urban : v, rural: c.residence === 'urban' ? cur.rural : v });
  });
  const history = withChanges(
    loadHistory(raw),
    [...dated].map(([id, v]) => ({ id, effectiveFrom, ...v })),
  );
  try {
    const after = resolveParameters(history, effectiveFrom);
    // The engine's own checks (four decimals, the benefit mode), before any thread starts.
    compile(after.values.urban);
    compile(after.values.rural);
    return { before, after: { ...after, id: `scenario@${effectiveFrom}` } };
  } catch (e) {
    if (e instanceof ParameterError)
      throw appError(
        'invalid_parameter',
        `The engine cannot use ${e.parameterId}: ${e.message}.`,
        `测算无法使用参数 ${e.parameterId}：${e.message}。`,
        'changes',
      );
    throw e;
  }
}

/**
 * Reads `dibao.standard.rural=650` (the CLI's --set): the parameter, the column (both when left
 * out) and the value — a number, a mode, or a taper written 100,80,50.
 */
export function parseSet(text: string): ScenarioChange {
  const m = /^([a-zA-Z.]+?)(?:\.(urban|rural))?=(.+)$/.exec(text.trim());
  const bad = () =>
    appError(
      'invalid_set',
      `Write --set <parameter>[.urban|.rural]=<value>, not "${text}".`,
      `请写作 --set 参数[.urban|.rural]=值，而不是“${text}”。`,
      'set',
    );
  if (!m) throw bad();
  const [, id, col, rawValue] = m;
  if (!UNITS.has(id)) throw appError('invalid_parameter', `Unknown parameter ${id}.`, `未知参数 ${id}。`, 'set');
  const unit = UNITS.get(id);
  const value: ParameterValue =
    unit === 'mode'
      ? rawValue
      : unit === 'percent_list'
        ? rawValue.split(',').map(Number)
        : /^-?\d+(\.\d+)?$/.test(rawValue)
          ? Number(rawValue)
          : NaN;
  if (typeof value === 'number' && Number.isNaN(value)) throw bad();
  return { parameterId: id as ParameterId, residence: (col as Residence | undefined) ?? 'both', value }; // id checked against UNITS above
}

/** Every parameter in force on `date`, money in yuan (the CLI's `scenario params`). */
export function paramsInForce(raw: BetterSqlite3.Database, date: string) {
  const set = parametersOn(raw, date);
  const yuan = (id: ParameterId, v: ParameterValue) => (isMoney(UNITS.get(id)) && typeof v === 'number' ? v / 100 : v);
  return {
    id: set.id,
    date,
    parameters: DEMO_PARAMETERS.parameters.map((p) => ({
      id: p.id,
      unit: p.unit,
      money: isMoney(p.unit),
      urban: yuan(p.id, set.values.urban[p.id]),
      rural: yuan(p.id, set.values.rural[p.id]),
    })),
  };
}
