/**
 * Scenario drafts (docs/rules/assistance.md §9): a scenario named and written down — its date and
 * changes, money in yuan — but not run; the Scenarios screen opens one in its form to run it. The
 * demo county seeds two (src-main/demo/scenarios.ts), so the screen is not empty on first run.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';
import { all, qb, run } from '../db/query';
import { scenarioSets, type ScenarioChange } from './define';

export interface ScenarioDraft {
  id: number;
  name: string;
  effectiveFrom: string;
  changes: ScenarioChange[];
  createdBy: string;
  createdAt: string;
}

/** Writes a draft, checked as a run's parameters are (scenarioSets), audited. */
export function addScenarioDraft(
  raw: BetterSqlite3.Database,
  input: { name: string; effectiveFrom: string; changes: ScenarioChange[] },
  actor: Actor,
  now: Date,
): number {
  scenarioSets(raw, input.effectiveFrom, input.changes);
  return raw.transaction(() => {
    const at = now.toISOString();
    const id = run(
      raw,
      qb.insertInto('scenario_drafts').values({
        name: input.name.trim(),
        effective_from: input.effectiveFrom,
        changes_json: JSON.stringify(input.changes),
        created_by: actor.username,
        created_at: at,
      }),
    ).lastInsertRowid;
    appendAudit(raw, {
      ...actor,
      action: 'add',
      entity: 'scenario',
      entityId: id,
      summary: `scenario draft "${input.name.trim()}" from ${input.effectiveFrom}`,
      after: { changes: input.changes },
      at,
    });
    return id;
  })();
}

export function scenarioDrafts(raw: BetterSqlite3.Database): ScenarioDraft[] {
  return all(raw, qb.selectFrom('scenario_drafts').selectAll().orderBy('id')).map((d) => ({
    id: d.id,
    name: d.name,
    effectiveFrom: d.effective_from,
    changes: JSON.parse(d.changes_json) as ScenarioChange[], // written by addScenarioDraft, checked then
    createdBy: d.created_by,
    createdAt: d.created_at,
  }));
}
