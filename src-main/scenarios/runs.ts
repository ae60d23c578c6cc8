/**
 * Stored scenario runs as the screens, the CLI and the printed summary read them, and their
 * adoption: the scenario's changes become dated parameter values through the parameter
 * store, asked by one manager and confirmed by another (docs/security.md).
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';
import { appError } from '../common/errors';
import type { ParameterId, ParameterValue } from '../common/parameters';
import { all, first, qb, run } from '../db/query';
import { addParameterValue } from '../policy/parameter-store';
import type { Selectable } from 'kysely';
import type { ScenarioRunsTable } from '../db/schema';
import { type Residence, type ScenarioChange } from './define';
import { scenarioProgress } from './run';
import type { ScenarioSummary } from './summary';

/** What startScenario wrote (changes_json, solve_json, summary_json). */
const parseChanges = (json: string): ScenarioChange[] => JSON.parse(json);
const parseSolve = (json: string): { parameterId: ParameterId; residence: Residence } => JSON.parse(json);
const parseSummary = (json: string): ScenarioSummary => JSON.parse(json);
const parseAfter = (json: string): { values: { urban: Record<ParameterId, ParameterValue>; rural: Record<ParameterId, ParameterValue> } } =>
  JSON.parse(json);

const REGISTRY_ENTITIES = ['household', 'exchange_import', 'database', 'demo_history'];

function view(raw: BetterSqlite3.Database, r: Selectable<ScenarioRunsTable>, withSummary: boolean) {
  const changes = parseChanges(r.changes_json);
  const solve = r.solve_json ? parseSolve(r.solve_json) : null;
  const solvedValue = solve && r.status === 'done' ? changes.find((c) => c.parameterId === solve.parameterId)?.value : undefined;
  const steps = all(raw, qb.selectFrom('scenario_adoptions').selectAll().where('run_id', '=', r.id).orderBy('id'));
  const asked = steps.find((s) => s.step === 'asked');
  const confirmed = steps.find((s) => s.step === 'confirmed');
  const epoch = first(raw, qb.selectFrom('registry_epoch').select('n'))?.n ?? 0;
  // What changes the households the engine reads: their edits, imports, a restore (the audit entities of those writes).
  const moved = first(
    raw,
    qb.selectFrom('audit_log').select('seq').where('seq', '>', r.audit_seq).where('entity', 'in', REGISTRY_ENTITIES).limit(1),
  );
  return {
    id: r.id,
    name: r.name,
    mode: r.mode,
    effectiveFrom: r.effective_from,
    changes,
    beforeSet: r.before_set,
    budgetFen: r.budget_fen,
    solved: solve && typeof solvedValue === 'number' ? { ...solve, valueYuan: solvedValue } : null,
    evaluations: r.evaluations,
    status: r.status,
    progress: r.status === 'running' ? scenarioProgress(r.id) : null,
    households: r.households,
    summary: withSummary && r.summary_json ? parseSummary(r.summary_json) : null,
    error: r.error,
    auditSeq: r.audit_seq,
    registryEpoch: r.registry_epoch,
    registryChanged: epoch !== r.registry_epoch || moved !== undefined,
    startedBy: r.started_by,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    adoption: {
      askedBy: asked?.username ?? null,
      askedAt: asked?.at ?? null,
      confirmedBy: confirmed?.username ?? null,
      confirmedAt: confirmed?.at ?? null,
    },
  };
}

export function scenarioRun(raw: BetterSqlite3.Database, id: number) {
  const r = first(raw, qb.selectFrom('scenario_runs').selectAll().where('id', '=', id));
  if (!r) throw appError('not_found', `There is no scenario run #${id}.`, `没有第 ${id} 次测算。`, 'id');
  return view(raw, r, true);
}

export function scenarioRuns(raw: BetterSqlite3.Database) {
  return all(raw, qb.selectFrom('scenario_runs').selectAll().orderBy('id', 'desc').limit(200)).map((r) => {
    const { summary: _summary, ...rest } = view(raw, r, false);
    return rest;
  });
}

/**
 * Adoption in two steps: the first manager asks, a second confirms, and only then are the
 * scenario's values added as dated parameter values from its effective date (each audited by
 * the parameter store, in the same transaction as the confirmation).
 */
export function adoptScenario(
  raw: BetterSqlite3.Database,
  id: number,
  actor: Actor,
  now: Date,
): { step: 'asked' | 'confirmed'; parameterValueIds: number[] } {
  const r = scenarioRun(raw, id);
  if (r.status !== 'done') throw appError('not_done', 'Only a finished run can be adopted.', '只有完成的测算可以采纳。', 'id');
  if (r.adoption.confirmedBy) throw appError('already_adopted', 'This scenario has been adopted already.', '该测算已被采纳。', 'id');
  // two-person: requests mechanism (docs/security.md) — this split moves there when it lands on main.
  if (!r.adoption.askedBy) {
    raw.transaction(() => {
      run(
        raw,
        qb
          .insertInto('scenario_adoptions')
          .values({ run_id: id, step: 'asked', username: actor.username, at: now.toISOString(), note: null }),
      );
      appendAudit(raw, {
        ...actor,
        action: 'adopt_ask',
        entity: 'scenario',
        entityId: id,
        summary: `adoption of scenario "${r.name}" asked`,
        at: now.toISOString(),
      });
    })();
    return { step: 'asked', parameterValueIds: [] };
  }
  if (r.adoption.askedBy === actor.username)
    throw appError('same_person', 'Another manager must confirm the adoption you asked for.', '您提出的采纳须由另一位管理人员确认。', 'id');
  const raw0 = first(raw, qb.selectFrom('scenario_runs').select('after_json').where('id', '=', id));
  const after = parseAfter(raw0?.after_json ?? '{}');
  const ids = new Set(r.changes.map((c) => c.parameterId));
  return raw.transaction(() => {
    const added = [...ids].map((pid) =>
      addParameterValue(
        raw,
        {
          parameterId: pid,
          effectiveFrom: r.effectiveFrom,
          urban: after.values.urban[pid],
          rural: after.values.rural[pid],
          note: `scenario #${id} "${r.name}"`,
        },
        actor,
        now,
      ),
    );
    run(
      raw,
      qb
        .insertInto('scenario_adoptions')
        .values({ run_id: id, step: 'confirmed', username: actor.username, at: now.toISOString(), note: null }),
    );
    appendAudit(raw, {
      ...actor,
      action: 'adopt_confirm',
      entity: 'scenario',
      entityId: id,
      summary: `scenario "${r.name}" adopted from ${r.effectiveFrom} (asked by ${r.adoption.askedBy})`,
      after: { parameterValueIds: added },
      at: now.toISOString(),
    });
    return { step: 'confirmed' as const, parameterValueIds: added };
  })();
}
