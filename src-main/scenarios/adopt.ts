/**
 * Adopting a scenario (docs/rules/assistance.md §9, docs/security.md "Roles and the two-person
 * rule"): a manager asks for a `scenario.adopt` request (auth/request-kinds.ts), another manager
 * confirms it in Settings → Requests, and only then are the scenario's values added as dated
 * parameter values from its effective date — in the confirming transaction, each audited by the
 * parameter store. The run itself is immutable; its adoption is read from its requests.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import type { Actor } from '../audit/actor';
import { appError } from '../common/errors';
import { parameterIdSchema, parameterValueSchema, type ParameterId, type ParameterValue } from '../common/parameters';
import { all, first, qb } from '../db/query';
import { addParameterValue } from '../policy/parameter-store';
import { isMoney, PARAMETER_ZH, unitOf } from './define';

export const ADOPT_KIND = 'scenario.adopt';
/** How long a request may wait (auth/requests.ts REQUEST_DAYS, repeated to keep this module free of auth). */
const REQUEST_DAYS = 7;

/** What the request stores: the run, and what it says (its name, date and changes in yuan) for the confirmer. */
export const adoptPayload = z.object({
  scenarioId: z.number().int(),
  name: z.string(),
  effectiveFrom: z.string(),
  changes: z.array(
    z.object({ parameterId: parameterIdSchema, residence: z.enum(['both', 'urban', 'rural']), value: parameterValueSchema }),
  ),
});
export type AdoptPayload = z.infer<typeof adoptPayload>;

export type AdoptionStatus = 'pending' | 'confirmed' | 'refused' | 'withdrawn' | 'expired';
export interface Adoption {
  requestId: number;
  status: AdoptionStatus;
  askedBy: string;
  askedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
}

/** The adoption requests of a run, newest first (a refused or withdrawn one may be followed by another). */
function adoptionRequests(raw: BetterSqlite3.Database, runId: number, now: Date): Adoption[] {
  const rows = all(
    raw,
    qb
      .selectFrom('requests as r')
      .innerJoin('users as a', 'a.id', 'r.asked_by')
      .leftJoin('request_decisions as d', 'd.request_id', 'r.id')
      .leftJoin('users as c', 'c.id', 'd.decided_by')
      .select(['r.id', 'r.asked_at', 'a.username as asker', 'd.outcome', 'd.decided_at', 'd.reason', 'c.username as decider'])
      .where('r.kind', '=', ADOPT_KIND)
      .where((eb) => eb(eb.fn('json_extract', ['r.payload_json', eb.val('$.scenarioId')]), '=', runId))
      .orderBy('r.id', 'desc'),
  );
  return rows.map((r) => ({
    requestId: r.id,
    status: r.outcome ?? (now.getTime() - Date.parse(r.asked_at) > REQUEST_DAYS * 86_400_000 ? 'expired' : 'pending'),
    askedBy: r.asker,
    askedAt: r.asked_at,
    decidedBy: r.decider,
    decidedAt: r.decided_at,
    reason: r.reason,
  }));
}

/** The run's adoption as the scenario page shows it: the confirmed request if any, else the latest one (null: never asked). */
export function adoptionOf(raw: BetterSqlite3.Database, runId: number, now: Date): Adoption | null {
  const reqs = adoptionRequests(raw, runId, now);
  return reqs.find((r) => r.status === 'confirmed') ?? reqs[0] ?? null;
}

interface RunRow {
  id: number;
  name: string;
  status: string;
  effective_from: string;
  changes_json: string;
  after_json: string;
}
const loadRun = (raw: BetterSqlite3.Database, id: number): RunRow => {
  const r = first(
    raw,
    qb.selectFrom('scenario_runs').select(['id', 'name', 'status', 'effective_from', 'changes_json', 'after_json']).where('id', '=', id),
  );
  if (!r) throw appError('not_found', `There is no scenario run #${id}.`, `没有第 ${id} 次测算。`, 'id');
  return r;
};

/** Whether the run may be asked for (or, at confirmation, adopted) now; `pendingToo`: a waiting request also blocks. */
function checkAdoptable(raw: BetterSqlite3.Database, r: RunRow, now: Date, pendingToo: boolean): void {
  if (r.status !== 'done') throw appError('not_done', 'Only a finished run can be adopted.', '只有完成的测算可以采纳。', 'id');
  const reqs = adoptionRequests(raw, r.id, now);
  if (reqs.some((x) => x.status === 'confirmed'))
    throw appError('already_adopted', 'This scenario has been adopted already.', '该测算已被采纳。', 'id');
  const waiting = reqs.find((x) => x.status === 'pending');
  if (pendingToo && waiting)
    throw appError(
      'already_asked',
      `Adoption was asked already (request #${waiting.requestId}, by ${waiting.askedBy}): another manager confirms it in Settings → Requests.`,
      `已申请采纳（第 ${waiting.requestId} 号申请，${waiting.askedBy} 提出），请另一位审核人员在“设置 → 待确认申请”中确认。`,
      'id',
    );
}

/** The payload of a request to adopt run `id`, after checking it may be asked for. */
export function adoptionRequestPayload(raw: BetterSqlite3.Database, id: number, now: Date): AdoptPayload {
  const r = loadRun(raw, id);
  checkAdoptable(raw, r, now, true);
  return adoptPayload.parse({ scenarioId: r.id, name: r.name, effectiveFrom: r.effective_from, changes: JSON.parse(r.changes_json) });
}

const COLUMN = { both: { en: '', zh: '' }, urban: { en: ' (urban)', zh: '（城市）' }, rural: { en: ' (rural)', zh: '（农村）' } };

/** What the confirmer reads before confirming. */
export function describeAdoption(p: AdoptPayload): { en: string; zh: string } {
  const show = (c: AdoptPayload['changes'][number], unit: string) =>
    isMoney(unitOf(c.parameterId)) && typeof c.value === 'number'
      ? `${c.value} ${unit}`
      : Array.isArray(c.value)
        ? c.value.join(',')
        : String(c.value);
  const en = p.changes.map((c) => `${c.parameterId}${COLUMN[c.residence].en} ${show(c, 'yuan')}`).join('; ');
  const zh = p.changes.map((c) => `${PARAMETER_ZH[c.parameterId] ?? c.parameterId}${COLUMN[c.residence].zh} ${show(c, '元')}`).join('；');
  return {
    en: `adopt scenario #${p.scenarioId} "${p.name}": from ${p.effectiveFrom}, ${en || 'no change'}`,
    zh: `采纳测算方案 #${p.scenarioId}“${p.name}”：自 ${p.effectiveFrom} 起，${zh || '无参数变化'}`,
  };
}

/**
 * Confirmed: the scenario's parameter values (those its run evaluated, `after_json`) are added as
 * dated county parameters from its effective date, in the caller's transaction.
 */
export function applyAdoption(raw: BetterSqlite3.Database, p: AdoptPayload, actor: Actor, now: Date): { parameterValueIds: number[] } {
  const r = loadRun(raw, p.scenarioId);
  checkAdoptable(raw, r, now, false);
  const after = JSON.parse(r.after_json) as {
    values: { urban: Record<ParameterId, ParameterValue>; rural: Record<ParameterId, ParameterValue> };
  };
  const changes = JSON.parse(r.changes_json) as AdoptPayload['changes'];
  const ids = [...new Set(changes.map((c) => c.parameterId))];
  const parameterValueIds = ids.map((pid) =>
    addParameterValue(
      raw,
      {
        parameterId: pid,
        effectiveFrom: r.effective_from,
        urban: after.values.urban[pid],
        rural: after.values.rural[pid],
        note: `scenario #${r.id} "${r.name}"`,
      },
      actor,
      now,
    ),
  );
  return { parameterValueIds };
}
