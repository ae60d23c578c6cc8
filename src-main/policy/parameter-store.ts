/**
 * The county's dated parameters in the database. The shipped demo-county values are the
 * first rows; an administrator adds a value with its effective date, nothing is overwritten
 * (a correction for the same date is a newer row that supersedes the older one).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { appendAudit } from '../audit/audit';
import { appError } from '../common/errors';
import { isIsoDate } from '../common/dates';
import {
  DEMO_PARAMETERS,
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

const UNITS = new Map<string, ParameterUnit>(DEMO_PARAMETERS.parameters.map((p) => [p.id, p.unit]));
const MODES: Record<string, readonly string[]> = { 'benefit.rounding': ['up', 'nearest', 'down'], 'benefit.mode': ['gap', 'band'] };

interface DbRow {
  id: number;
  parameter_id: string;
  effective_from: string;
  urban_json: string;
  rural_json: string;
  note: string | null;
  created_at: string;
  created_by: string;
}

/** Seeds the shipped defaults into an empty table (first start, or an office created before). */
export function ensureDefaultParameters(raw: BetterSqlite3.Database, now: Date): void {
  const n = (raw.prepare(`SELECT COUNT(*) AS n FROM parameter_values`).get() as { n: number }).n;
  if (n > 0) return;
  raw.transaction(() => {
    const ins = raw.prepare(
      `INSERT INTO parameter_values (parameter_id, effective_from, urban_json, rural_json, note, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, 'system')`,
    );
    const rows = parameterRows(DEMO_PARAMETERS);
    for (const r of rows)
      ins.run(
        r.parameterId,
        r.effectiveFrom,
        JSON.stringify(r.urban),
        JSON.stringify(r.rural),
        'demo-county default (ASSISTANCE-RULES §9)',
        now.toISOString(),
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
  const rows = raw.prepare(`SELECT * FROM parameter_values ORDER BY parameter_id, effective_from, id`).all() as DbRow[];
  const latest = new Map<string, number>();
  for (const r of rows) latest.set(`${r.parameter_id}@${r.effective_from}`, r.id);
  return rows.map((r) => ({
    id: r.id,
    parameterId: r.parameter_id,
    unit: UNITS.get(r.parameter_id) ?? 'count',
    effectiveFrom: r.effective_from,
    urban: JSON.parse(r.urban_json),
    rural: JSON.parse(r.rural_json),
    note: r.note,
    createdAt: r.created_at,
    createdBy: r.created_by,
    superseded: latest.get(`${r.parameter_id}@${r.effective_from}`) !== r.id,
  }));
}

/** The history as the engine reads it; a later row for the same parameter and date wins. */
export function loadHistory(raw: BetterSqlite3.Database): ParameterHistory {
  const rows: ParameterRow[] = [];
  for (const r of listParameterRows(raw)) {
    if (r.superseded) continue;
    rows.push({ parameterId: r.parameterId as ParameterId, unit: r.unit, effectiveFrom: r.effectiveFrom, urban: r.urban, rural: r.rural });
  }
  const office = raw.prepare(`SELECT is_demo FROM office WHERE id = 1`).get() as { is_demo: number } | undefined;
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

function checkValue(id: string, unit: ParameterUnit, v: ParameterValue, field: string): void {
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
    if (unit === 'rate' && (v as number) > 1) bad('A rate is between 0 and 1 (0.15 = 15 %).', '比例应在 0 到 1 之间（0.15 即 15%）。');
    if (unit.startsWith('fen') && !Number.isInteger(v)) bad('Money is stored in whole fen.', '金额须为整数分。');
  }
}

export function addParameterValue(
  raw: BetterSqlite3.Database,
  input: { parameterId: string; effectiveFrom: string; urban: ParameterValue; rural: ParameterValue; note?: string },
  actor: Actor,
  now: Date,
): number {
  const unit = UNITS.get(input.parameterId);
  if (!unit)
    throw appError('invalid_parameter', `Unknown parameter ${input.parameterId}.`, `未知参数 ${input.parameterId}。`, 'parameterId');
  if (!isIsoDate(input.effectiveFrom))
    throw appError('invalid_parameter', 'The effective date must be a real date.', '生效日期无效。', 'effectiveFrom');
  checkValue(input.parameterId, unit, input.urban, 'urban');
  checkValue(input.parameterId, unit, input.rural, 'rural');
  return raw.transaction(() => {
    const before =
      loadHistory(raw)
        .parameters.find((p) => p.id === input.parameterId)
        ?.values.find((v) => v.effectiveFrom === input.effectiveFrom) ?? null;
    const id = Number(
      raw
        .prepare(
          `INSERT INTO parameter_values (parameter_id, effective_from, urban_json, rural_json, note, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.parameterId,
          input.effectiveFrom,
          JSON.stringify(input.urban),
          JSON.stringify(input.rural),
          input.note ?? null,
          now.toISOString(),
          actor.username,
        ).lastInsertRowid,
    );
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
