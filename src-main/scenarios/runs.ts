/**
 * Stored scenario runs as the screens, the CLI and the printed summary read them, with the state
 * of their adoption — a two-person request (./adopt.ts, docs/security.md).
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appError } from '../common/errors';
import type { ParameterId } from '../common/parameters';
import { all, first, qb } from '../db/query';
import type { Selectable } from 'kysely';
import type { ScenarioRunsTable } from '../db/schema';
import { adoptionOf } from './adopt';
import { type Residence, type ScenarioChange } from './define';
import { scenarioProgress } from './run';
import type { ScenarioSummary } from './summary';

/** What startScenario wrote (changes_json, solve_json, summary_json). */
const parseChanges = (json: string): ScenarioChange[] => JSON.parse(json);
const parseSolve = (json: string): { parameterId: ParameterId; residence: Residence } => JSON.parse(json);
const parseSummary = (json: string): ScenarioSummary => JSON.parse(json);

const REGISTRY_ENTITIES = ['household', 'exchange_import', 'database', 'demo_history'];

function view(raw: BetterSqlite3.Database, r: Selectable<ScenarioRunsTable>, withSummary: boolean, now: Date) {
  const changes = parseChanges(r.changes_json);
  const solve = r.solve_json ? parseSolve(r.solve_json) : null;
  const solvedValue = solve && r.status === 'done' ? changes.find((c) => c.parameterId === solve.parameterId)?.value : undefined;
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
    adoption: adoptionOf(raw, r.id, now),
  };
}

/** `now` tells a waiting adoption request from an expired one. */
export function scenarioRun(raw: BetterSqlite3.Database, id: number, now = new Date()) {
  const r = first(raw, qb.selectFrom('scenario_runs').selectAll().where('id', '=', id));
  if (!r) throw appError('not_found', `There is no scenario run #${id}.`, `没有第 ${id} 次测算。`, 'id');
  return view(raw, r, true, now);
}

export function scenarioRuns(raw: BetterSqlite3.Database, now = new Date()) {
  return all(raw, qb.selectFrom('scenario_runs').selectAll().orderBy('id', 'desc').limit(200)).map((r) => {
    const { summary: _summary, ...rest } = view(raw, r, false, now);
    return rest;
  });
}
