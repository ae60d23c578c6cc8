/**
 * The dated figures of temporary assistance (docs/rules/temporary-service-recovery.md §11.2–§11.4):
 * the band multiples, the expenditure thresholds and rates, the paperwork and decision deadlines
 * and the townships' yearly standby fund. Shipped defaults take effect on 2026-01-01; a
 * manager or administrator asks for a dated value, a second manager confirms it, (`temporary_parameter_values`), never overwrites one. The 10 × S
 * cap itself is the county parameter `temporary.maxMultiple` (docs/rules/assistance.md §5, §9).
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';
import { isIsoDate } from '../common/dates';
import { appError } from '../common/errors';
import { TEMPORARY_PARAMETER_IDS, type TemporaryParameterId } from '../common/codes';
import { all, qb, run } from '../db/query';

export { TEMPORARY_PARAMETER_IDS, type TemporaryParameterId };
export type TemporaryUnit = 'multiplier' | 'rate' | 'working_days' | 'days' | 'fen_per_year';

export const TEMPORARY_UNITS: Readonly<Record<TemporaryParameterId, TemporaryUnit>> = {
  'temporary.quickMultiple': 'multiplier', // ≤ 1 × S 小额快救 (§11.1, §11.3)
  'temporary.townshipMultiple': 'multiplier', // ≤ 3 × S township band; 先行救助 at most (§11.1, §11.3)
  'temporary.caseByCaseMultiple': 'multiplier', // ≤ 30 × S 一事一议 (§11.2 step 8)
  'temporary.thresholdRate': 'rate', // T = 20% × I (§11.2 step 4)
  'temporary.rateInTier': 'rate', // r = 50% for 特困 / 低保 / 低保边缘 (§11.2 step 6)
  'temporary.rateOther': 'rate', // r = 40% for others
  'temporary.paperworkDays': 'working_days', // 先行救助 paperwork within 10 working days (§11.1)
  'temporary.quickDecisionDays': 'days', // 小额快救 decided within 3 days of the request (§11.1)
  'temporary.standbyFund': 'fen_per_year', // 20,000 yuan per township per year (§11.4)
};

export type TemporaryRules = Readonly<Record<TemporaryParameterId, number>>;

const SHIPPED_FROM = '2026-01-01';
export const TEMPORARY_DEFAULTS: TemporaryRules = Object.freeze({
  'temporary.quickMultiple': 1,
  'temporary.townshipMultiple': 3,
  'temporary.caseByCaseMultiple': 30,
  'temporary.thresholdRate': 0.2,
  'temporary.rateInTier': 0.5,
  'temporary.rateOther': 0.4,
  'temporary.paperworkDays': 10,
  'temporary.quickDecisionDays': 3,
  'temporary.standbyFund': 2_000_000,
});

export interface TemporaryParameterRow {
  id: number | null;
  parameterId: TemporaryParameterId;
  unit: TemporaryUnit;
  effectiveFrom: string;
  value: number;
  note: string | null;
  createdAt: string | null;
  createdBy: string | null;
}

const isParameterId = (s: string): s is TemporaryParameterId => TEMPORARY_PARAMETER_IDS.some((p) => p === s);

/** The shipped defaults, as rows (what the command line uses without an office database). */
export function shippedTemporaryParameters(): TemporaryParameterRow[] {
  return TEMPORARY_PARAMETER_IDS.map((p) => ({
    id: null,
    parameterId: p,
    unit: TEMPORARY_UNITS[p],
    effectiveFrom: SHIPPED_FROM,
    value: TEMPORARY_DEFAULTS[p],
    note: null,
    createdAt: null,
    createdBy: null,
  }));
}

/** The shipped defaults, then every stored value, oldest first (a later row for the same date supersedes). */
export function listTemporaryParameters(raw: BetterSqlite3.Database): TemporaryParameterRow[] {
  const stored = all(raw, qb.selectFrom('temporary_parameter_values').selectAll().orderBy('effective_from').orderBy('id'));
  const rows: TemporaryParameterRow[] = [];
  for (const r of stored) {
    if (!isParameterId(r.parameter_id)) continue; // only addTemporaryParameter writes here, and it refuses unknown ids
    rows.push({
      id: r.id,
      parameterId: r.parameter_id,
      unit: TEMPORARY_UNITS[r.parameter_id],
      effectiveFrom: r.effective_from,
      value: r.value,
      note: r.note,
      createdAt: r.created_at,
      createdBy: r.created_by,
    });
  }
  return [...shippedTemporaryParameters(), ...rows];
}

/** The values in force on `date`: per parameter, the latest effective date ≤ `date` (the latest row of that date). */
export function resolveTemporaryRules(rows: readonly TemporaryParameterRow[], date: string): TemporaryRules {
  const out: Record<string, number> = {};
  const from: Record<string, string> = {};
  for (const r of rows) {
    if (r.effectiveFrom > date) continue;
    if (from[r.parameterId] === undefined || r.effectiveFrom >= from[r.parameterId]) {
      out[r.parameterId] = r.value;
      from[r.parameterId] = r.effectiveFrom;
    }
  }
  const rules: Record<TemporaryParameterId, number> = { ...TEMPORARY_DEFAULTS };
  for (const p of TEMPORARY_PARAMETER_IDS) {
    const v = out[p];
    if (v === undefined)
      throw appError(
        'no_parameters',
        `No temporary-assistance parameter ${p} is in force on ${date}.`,
        `${date} 没有生效的临时救助参数 ${p}。`,
        'eventDate',
      );
    rules[p] = v;
  }
  return Object.freeze(rules);
}

export function temporaryRulesOn(raw: BetterSqlite3.Database, date: string): TemporaryRules {
  return resolveTemporaryRules(listTemporaryParameters(raw), date);
}

export const addTemporaryParameterInput = z.object({
  parameterId: z.enum(TEMPORARY_PARAMETER_IDS),
  effectiveFrom: z.string(),
  value: z.number(),
  note: z.string().trim().max(300).optional(),
});

/** Checks a dated value by its unit (rates 0–1, multiples and fen as whole or four-decimal numbers): when asked, and again when confirmed. */
export function checkTemporaryParameter(input: z.infer<typeof addTemporaryParameterInput>): void {
  const unit = TEMPORARY_UNITS[input.parameterId];
  if (!isIsoDate(input.effectiveFrom))
    throw appError('invalid_parameter', 'The effective date must be a real date.', '生效日期无效。', 'effectiveFrom');
  const v = input.value;
  const bad = (en: string, zh: string) => appError('invalid_parameter', en, zh, 'value');
  if (!Number.isFinite(v) || v < 0) throw bad('Enter a number that is not negative.', '请输入不小于 0 的数。');
  if (unit === 'rate' && v > 1) throw bad('A rate is between 0 and 1 (0.2 = 20 %).', '比例应在 0 到 1 之间（0.2 即 20%）。');
  if ((unit === 'fen_per_year' || unit === 'working_days' || unit === 'days') && !Number.isInteger(v))
    throw bad('Enter a whole number (money in fen).', '请输入整数（金额以分计）。');
  // The computation is exact in basis points of 1/10,000 (./assess.ts): finer figures are refused.
  if (Math.abs(Math.round(v * 10_000) - v * 10_000) > 1e-6) throw bad('At most four decimals.', '最多四位小数。');
}

/**
 * Adds a dated value. Through the service it is a two-person request (`temporary.parameter`,
 * auth/request-kinds.ts; docs/security.md "Roles and the two-person rule"): this runs when it is confirmed.
 */
export function addTemporaryParameter(
  raw: BetterSqlite3.Database,
  input: z.infer<typeof addTemporaryParameterInput>,
  actor: Actor,
  now: Date,
): number {
  checkTemporaryParameter(input);
  const v = input.value;
  return raw.transaction(() => {
    const id = run(
      raw,
      qb.insertInto('temporary_parameter_values').values({
        parameter_id: input.parameterId,
        effective_from: input.effectiveFrom,
        value: v,
        note: input.note ?? null,
        created_at: now.toISOString(),
        created_by: actor.username,
      }),
    ).lastInsertRowid;
    appendAudit(raw, {
      ...actor,
      action: 'add',
      entity: 'temporary_parameter',
      entityId: input.parameterId,
      summary: `${input.parameterId} = ${v} from ${input.effectiveFrom}`,
      after: { effectiveFrom: input.effectiveFrom, value: v, note: input.note ?? null },
      at: now.toISOString(),
    });
    return id;
  })();
}
