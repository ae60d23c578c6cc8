/**
 * The county's dated parameters in the database. The shipped demo-county values are the
 * first rows; an administrator adds a value with its effective date, nothing is overwritten
 * (a correction for the same date is a newer row that supersedes the older one).
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import { appError } from '../common/errors';
import { isIsoDate } from '../common/dates';
import {
  BENEFIT_MODES,
  DEMO_PARAMETERS,
  ROUNDING_MODES,
  historyFromRows,
  parameterRows,
  resolveParameters,
  ParameterError,
  type ParameterHistory,
  type ParameterId,
  type ParameterRow,
  type ParameterSet,
  type ParameterUnit,
  type ParameterValue,
} from '../common/parameters';
import type { Actor } from '../audit/actor';
import { all, first, qb, run } from '../db/query';

const UNITS = new Map<string, ParameterUnit>(DEMO_PARAMETERS.parameters.map((p) => [p.id, p.unit]));
const MODES: Record<string, readonly string[]> = { 'benefit.rounding': ROUNDING_MODES, 'benefit.mode': BENEFIT_MODES };

/** Seeds the shipped defaults into an empty table (first start, or an office created before). */
export function ensureDefaultParameters(raw: BetterSqlite3.Database, now: Date): void {
  if (first(raw, qb.selectFrom('parameter_values').select('id').limit(1))) return;
  raw.transaction(() => {
    const rows = parameterRows(DEMO_PARAMETERS);
    run(
      raw,
      qb.insertInto('parameter_values').values(
        rows.map((r) => ({
          parameter_id: r.parameterId,
          effective_from: r.effectiveFrom,
          urban_json: JSON.stringify(r.urban),
          rural_json: JSON.stringify(r.rural),
          // The note's text is stored data (shown in the parameter history): it keeps its wording.
          note: 'demo-county default (assistance rules §9)',
          created_at: now.toISOString(),
          created_by: 'system',
        })),
      ),
    );
    appendAudit(raw, {
      userId: null,
      username: 'system',
      action: 'seed',
      entity: 'parameters',
      summary: `${rows.length} default parameter values (demo county, effective 2026-01-01)`,
      at: now.toISOString(),
    });
  })();
}

export function listParameterRows(raw: BetterSqlite3.Database) {
  const rows = all(
    raw,
    qb
      .selectFrom('parameter_values')
      .selectAll()
      .orderBy('parameter_id')
      .orderBy('effective_from')
      .orderBy('id')
      // Only known ids are written: the shipped defaults and addParameterValue, which refuses any other (db/schema.ts types the column as text).
      .$narrowType<{ parameter_id: ParameterId }>(),
  );
  const latest = new Map<string, number>();
  for (const r of rows) latest.set(`${r.parameter_id}@${r.effective_from}`, r.id);
  return rows.map((r) => ({
    id: r.id,
    parameterId: r.parameter_id,
    unit: UNITS.get(r.parameter_id) ?? 'count',
    effectiveFrom: r.effective_from,
    urban: parseValue(r.urban_json),
    rural: parseValue(r.rural_json),
    note: r.note,
    createdAt: r.created_at,
    createdBy: r.created_by,
    superseded: latest.get(`${r.parameter_id}@${r.effective_from}`) !== r.id,
  }));
}

/** A stored value: JSON.stringify of a ParameterValue. */
const parseValue = (json: string): ParameterValue => JSON.parse(json);

/** The history as the engine reads it; a later row for the same parameter and date wins. */
export function loadHistory(raw: BetterSqlite3.Database): ParameterHistory {
  const rows: ParameterRow[] = [];
  for (const r of listParameterRows(raw)) {
    if (r.superseded) continue;
    rows.push({ parameterId: r.parameterId, unit: r.unit, effectiveFrom: r.effectiveFrom, urban: r.urban, rural: r.rural });
  }
  const office = first(raw, qb.selectFrom('office').select('is_demo').where('id', '=', 1));
  return historyFromRows(office && !office.is_demo ? 'county' : 'demo-county', rows);
}

export function parametersOn(raw: BetterSqlite3.Database, date: string): ParameterSet {
  try {
    return resolveParameters(loadHistory(raw), date);
  } catch (e) {
    if (e instanceof ParameterError)
      throw appError(
        'no_parameters',
        `No county parameters are in force on ${date} (${e.parameterId}).`,
        `${date} 没有生效的县级参数（${e.parameterId}）。`,
      );
    throw e;
  }
}

export function checkValue(id: string, unit: ParameterUnit, v: ParameterValue, field: string): void {
  const bad = (en: string, zh: string) => {
    throw appError('invalid_parameter', en, zh, field);
  };
  if (unit === 'percent_list') {
    if (!Array.isArray(v) || v.length < 1 || v.length > 24 || v.some((x) => !Number.isInteger(x) || x < 0 || x > 100))
      bad('A taper is 1–24 whole percentages between 0 and 100.', '渐退比例应为 1–24 个 0–100 之间的整数百分比。');
  } else if (unit === 'mode') {
    if (typeof v !== 'string' || !MODES[id]?.includes(v))
      bad(`Choose one of: ${MODES[id]?.join(', ')}.`, `请选择：${MODES[id]?.join('、')}。`);
  } else {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) bad('Enter a number that is not negative.', '请输入不小于 0 的数。');
    if (unit === 'rate' && typeof v === 'number' && v > 1)
      bad('A rate is between 0 and 1 (0.15 = 15 %).', '比例应在 0 到 1 之间（0.15 即 15%）。');
    if (unit.startsWith('fen') && !Number.isInteger(v)) bad('Money is stored in whole fen.', '金额须为整数分。');
  }
}

type NewParameterValue = { parameterId: string; effectiveFrom: string; urban: ParameterValue; rural: ParameterValue; note?: string };

/** Refuses a value the parameter cannot take, naming the field (also when the change is asked for, before it is confirmed). */
export function checkParameterValue(input: NewParameterValue): void {
  const unit = UNITS.get(input.parameterId);
  if (!unit)
    throw appError('invalid_parameter', `Unknown parameter ${input.parameterId}.`, `未知参数 ${input.parameterId}。`, 'parameterId');
  if (!isIsoDate(input.effectiveFrom))
    throw appError('invalid_parameter', 'The effective date must be a real date.', '生效日期无效。', 'effectiveFrom');
  checkValue(input.parameterId, unit, input.urban, 'urban');
  checkValue(input.parameterId, unit, input.rural, 'rural');
}

export function addParameterValue(raw: BetterSqlite3.Database, input: NewParameterValue, actor: Actor, now: Date): number {
  checkParameterValue(input);
  return raw.transaction(() => {
    const before =
      loadHistory(raw)
        .parameters.find((p) => p.id === input.parameterId)
        ?.values.find((v) => v.effectiveFrom === input.effectiveFrom) ?? null;
    const id = run(
      raw,
      qb.insertInto('parameter_values').values({
        parameter_id: input.parameterId,
        effective_from: input.effectiveFrom,
        urban_json: JSON.stringify(input.urban),
        rural_json: JSON.stringify(input.rural),
        note: input.note ?? null,
        created_at: now.toISOString(),
        created_by: actor.username,
      }),
    ).lastInsertRowid;
    appendAudit(raw, {
      ...actor,
      action: before ? 'supersede' : 'add',
      entity: 'parameter',
      entityId: input.parameterId,
      summary: `${input.parameterId} from ${input.effectiveFrom}`,
      before,
      after: { effectiveFrom: input.effectiveFrom, urban: input.urban, rural: input.rural, note: input.note ?? null },
      at: now.toISOString(),
    });
    return id;
  })();
}
