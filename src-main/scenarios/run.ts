/**
 * Running a scenario on the registry as it stands, in the scan's threads (scan/pool.ts): the
 * run is recorded with who, when, its parameters and the registry state it read (the audit
 * head and the registry's change counter), and is immutable once done. Budget mode finds the
 * highest value of one money parameter whose monthly cost fits, by cost-only passes.
 */
import os from 'node:os';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';
import { appError } from '../common/errors';
import type { ParameterId, ParameterSet } from '../common/parameters';
import { connectionKey } from '../db/connection';
import { all, first, qb, run } from '../db/query';
import { runScanJob, type RunningJob } from '../scan/pool';
import { scanPlan } from '../scan/runner';
import { emptyTally, mergeTally, type ScenarioTally } from '../scan/scenario-job';
import { isMoney, scenarioSets, unitOf, type Residence, type ScenarioChange } from './define';
import { solveBudget } from './solve';
import { summarise } from './summary';

export interface ScenarioInput {
  name: string;
  effectiveFrom: string;
  changes: ScenarioChange[];
  /** Budget mode: the monthly ceiling in fen and the money parameter to move. */
  budget?: { monthlyFen: number; parameterId: ParameterId; residence: Residence };
}

interface Live {
  jobs: RunningJob[];
  done: number[];
  total: number;
  /** Passes of the county made and expected (budget mode makes several). */
  pass: number;
  passes: number;
  cancelled: boolean;
  stop: SharedArrayBuffer;
  finished: Promise<void>;
}
const live = new Map<number, Live>();

export interface RunOptions {
  workers?: number;
  minPerWorker?: number;
}

const registryState = (raw: BetterSqlite3.Database) => ({
  auditSeq:
    first(
      raw,
      qb.selectFrom('audit_log').select((eb) => eb.fn.max('seq').as('s')),
    )?.s ?? 0,
  epoch: first(raw, qb.selectFrom('registry_epoch').select('n'))?.n ?? 0,
});

const activeHouseholds = (raw: BetterSqlite3.Database) =>
  first(
    raw,
    qb
      .selectFrom('households')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'active'),
  )?.n ?? 0;

export function startScenario(
  raw: BetterSqlite3.Database,
  dbFile: string,
  input: ScenarioInput,
  actor: Actor,
  now: Date,
  opts: RunOptions = {},
): number {
  if (dbFile === ':memory:') throw appError('scenario_unavailable', 'A scenario needs a database file.', '政策测算需要数据库文件。');
  if (live.size > 0)
    throw appError('scenario_running', 'A scenario is still running; wait for it or cancel it.', '另一项政策测算仍在运行，请等待或取消。');
  const name = input.name.trim();
  if (!name) throw appError('invalid_name', 'Name the scenario.', '请为测算命名。', 'name');
  const b = input.budget;
  if (b) {
    if (!isMoney(unitOf(b.parameterId)) || unitOf(b.parameterId) !== 'fen_per_month')
      throw appError(
        'invalid_solve',
        'Budget mode moves a monthly amount (a standard or a care subsidy).',
        '预算测算只能调整月度金额（标准或护理补贴）。',
        'budget.parameterId',
      );
    if (!Number.isInteger(b.monthlyFen) || b.monthlyFen < 0)
      throw appError('invalid_budget', 'Enter the monthly budget in yuan.', '请输入每月预算（元）。', 'budget.monthlyFen');
  }
  const { before, after } = scenarioSets(raw, input.effectiveFrom, input.changes);
  // A run left 'running' by an app that stopped is over: it keeps its record, not its rows.
  for (const r of all(raw, qb.selectFrom('scenario_runs').select('id').where('status', '=', 'running')))
    discard(raw, r.id, 'failed', 'interrupted (the app stopped)');
  const state = registryState(raw);
  const runId = raw.transaction(() => {
    const id = run(
      raw,
      qb.insertInto('scenario_runs').values({
        name,
        mode: b ? 'budget' : 'run',
        effective_from: input.effectiveFrom,
        changes_json: JSON.stringify(input.changes),
        before_set: before.id,
        after_json: JSON.stringify(after),
        budget_fen: b?.monthlyFen ?? null,
        solve_json: b ? JSON.stringify({ parameterId: b.parameterId, residence: b.residence }) : null,
        status: 'running',
        audit_seq: state.auditSeq,
        registry_epoch: state.epoch,
        started_by: actor.username,
        started_at: now.toISOString(),
      }),
    ).lastInsertRowid;
    appendAudit(raw, {
      ...actor,
      action: 'run',
      entity: 'scenario',
      entityId: id,
      summary: `scenario "${name}" from ${input.effectiveFrom}${b ? ` (budget ${b.monthlyFen / 100} yuan/month, ${b.parameterId}.${b.residence})` : ''}`,
      after: { changes: input.changes, budget: b ?? null, auditSeq: state.auditSeq, registryEpoch: state.epoch },
      at: now.toISOString(),
    });
    return id;
  })();

  const l: Live = {
    jobs: [],
    done: [],
    total: activeHouseholds(raw),
    pass: 0,
    passes: 1,
    cancelled: false,
    stop: new SharedArrayBuffer(4),
    finished: Promise.resolve(),
  };
  const county = (sets: ParameterSet[], withRows: boolean) =>
    onCounty(raw, dbFile, input.effectiveFrom, sets, withRows ? runId : null, l, opts);
  l.finished = (async () => {
    let afterSet = after;
    let evaluations = 0;
    if (b) {
      const solved = await solveBudget(before, input.effectiveFrom, b, input.changes, raw, async (set) => {
        evaluations++;
        l.passes = Math.max(l.passes, evaluations + 1);
        return (await county([set], false)).costs[0];
      });
      afterSet = solved.after;
      input = { ...input, changes: solved.changes };
    }
    l.passes = evaluations + 1;
    const { tally } = await county([before, afterSet], true);
    return { tally, afterSet, evaluations };
  })()
    .then(
      ({ tally, afterSet, evaluations }) => {
        if (l.cancelled) return discard(raw, runId, 'cancelled', null);
        run(
          raw,
          qb
            .updateTable('scenario_runs')
            .set({
              status: 'done',
              households: tally.evaluated,
              evaluations,
              changes_json: JSON.stringify(input.changes),
              after_json: JSON.stringify(afterSet),
              summary_json: JSON.stringify(summarise(raw, tally)),
              finished_at: new Date().toISOString(),
            })
            .where('id', '=', runId),
        );
      },
      (e: unknown) =>
        discard(raw, runId, l.cancelled ? 'cancelled' : 'failed', l.cancelled ? null : e instanceof Error ? e.message : String(e)),
    )
    .finally(() => live.delete(runId));
  live.set(runId, l);
  return runId;
}

/** A run that did not finish keeps its record (audited) but none of its rows. */
function discard(raw: BetterSqlite3.Database, runId: number, status: 'cancelled' | 'failed', error: string | null): void {
  raw.transaction(() => {
    run(raw, qb.deleteFrom('scenario_results').where('run_id', '=', runId));
    run(
      raw,
      qb
        .updateTable('scenario_runs')
        .set({ status, error, finished_at: new Date().toISOString() })
        .where('id', '=', runId)
        .where('status', '=', 'running'),
    );
  })();
}

/** One pass of the county in the scan's threads: the tally of a scenario, or the costs under `sets`. */
async function onCounty(
  raw: BetterSqlite3.Database,
  dbFile: string,
  referenceDate: string,
  sets: ParameterSet[],
  runId: number | null,
  l: Live,
  opts: RunOptions,
): Promise<{ tally: ScenarioTally; costs: number[] }> {
  if (l.cancelled) throw new Error('cancelled');
  const { workers, ranges } = scanPlan(raw, l.total, opts.workers ?? Math.min(4, os.availableParallelism()), opts.minPerWorker ?? 5000);
  const job = {
    kind: 'scenario' as const,
    dbFile,
    dbKey: connectionKey(raw),
    ranges,
    next: new SharedArrayBuffer(4),
    stop: l.stop,
    referenceDate,
    sets,
    runId,
    writeLock: new SharedArrayBuffer(4),
    resultBatch: 2000,
  };
  l.done = Array.from({ length: workers }, () => 0);
  l.jobs = l.done.map((_, i) => runScanJob(job, (d) => (l.done[i] = d)));
  const results = await Promise.all(l.jobs.map((j) => j.result));
  l.pass++;
  const tally = emptyTally();
  const costs = sets.map(() => 0);
  for (const r of results) {
    if (!r.ok) throw new Error(r.message);
    if (r.outcome.tally) mergeTally(tally, r.outcome.tally);
    r.outcome.costs?.forEach((c, i) => (costs[i] += c));
  }
  if (l.cancelled) throw new Error('cancelled');
  return { tally, costs };
}

export async function cancelScenario(raw: BetterSqlite3.Database, runId: number, actor: Actor, now: Date): Promise<void> {
  const l = live.get(runId);
  if (!l) throw appError('not_running', `Scenario run #${runId} is not running.`, `第 ${runId} 次测算未在运行。`);
  l.cancelled = true;
  Atomics.store(new Int32Array(l.stop), 0, 1);
  const timer = setTimeout(() => l.jobs.forEach((j) => j.terminate()), 10_000);
  await l.finished;
  clearTimeout(timer);
  appendAudit(raw, {
    ...actor,
    action: 'cancel',
    entity: 'scenario',
    entityId: runId,
    summary: `scenario run cancelled`,
    at: now.toISOString(),
  });
}

/** Resolves when the run has finished, failed or been cancelled (tests, the CLI). */
export function scenarioFinished(runId: number): Promise<void> {
  return live.get(runId)?.finished ?? Promise.resolve();
}

/** Progress of a running scenario: households done of the county, and the pass (budget mode). */
export function scenarioProgress(runId: number): { done: number; total: number; pass: number; passes: number } | null {
  const l = live.get(runId);
  if (!l) return null;
  return { done: l.done.reduce((a, b) => a + b, 0), total: l.total, pass: Math.min(l.pass + 1, l.passes), passes: l.passes };
}
