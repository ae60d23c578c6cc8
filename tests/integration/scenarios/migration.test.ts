/** Migrations 0008 and 0009: the scenario tables arrive beside an existing registry, a finished run cannot be changed; adoption leaves for the requests, drafts arrive. */
import { describe, expect, it } from 'vitest';
import { migrationStep } from '../db/step';

describe('migration 0008-scenarios', () => {
  it('adds the scenario tables to a database that has a registry, and keeps finished runs immutable', async () => {
    const step = await migrationStep('0008-scenarios');
    expect(step.before).toBe('0007-cases');
    step.raw
      .prepare(`INSERT INTO areas (id, parent_id, level, name) VALUES (1, NULL, 'township', '城关镇'), (2, 1, 'village', '东关村')`)
      .run();
    step.raw
      .prepare(`INSERT INTO households (id, residence, area_id, created_at, updated_at) VALUES (7, 'rural', 2, '2026-01-01', '2026-01-01')`)
      .run();
    await step.migrate();
    const run = step.raw.prepare(
      `INSERT INTO scenario_runs (name, mode, effective_from, changes_json, before_set, after_json, status, audit_seq, registry_epoch, started_by, started_at)
       VALUES ('提标', 'run', '2027-01-01', '[]', 'county@2026-01-01', '{}', 'running', 0, 0, 'mgr1', '2026-12-01')`,
    );
    const id = Number(run.run().lastInsertRowid);
    step.raw
      .prepare(
        `INSERT INTO scenario_results (run_id, household_id, area_id, kind, before_tier, after_tier, before_fen, after_fen, persons, reasons_json)
         VALUES (?, 7, 2, 'newly_eligible', 'none', 'dibao', 0, 30000, 2, '[]')`,
      )
      .run(id);
    step.raw.prepare(`UPDATE scenario_runs SET status = 'done' WHERE id = ?`).run(id);
    expect(() => step.raw.prepare(`UPDATE scenario_runs SET name = 'x' WHERE id = ?`).run(id)).toThrow(/immutable/);
    expect(() => step.raw.prepare(`DELETE FROM scenario_results WHERE run_id = ?`).run(id)).toThrow(/immutable/);
    expect(() => step.raw.prepare(`UPDATE scenario_results SET after_fen = 1`).run()).toThrow(/append-only/);
    step.raw.prepare(`INSERT INTO scenario_adoptions (run_id, step, username, at) VALUES (?, 'asked', 'mgr1', '2026-12-02')`).run(id);
    expect(() => step.raw.prepare(`DELETE FROM scenario_adoptions`).run()).toThrow(/append-only/);
    expect(step.raw.prepare(`SELECT count(*) AS n FROM households`).get()).toEqual({ n: 1 });
    await step.close();
  });
});

describe('migration 0009-scenario-requests-drafts', () => {
  it('drops the scenario’s own adoption steps (adoption is a two-person request now) and adds the drafts', async () => {
    const step = await migrationStep('0009-scenario-requests-drafts');
    expect(step.before).toBe('0008-scenarios');
    step.raw
      .prepare(
        `INSERT INTO scenario_runs (name, mode, effective_from, changes_json, before_set, after_json, status, audit_seq, registry_epoch, started_by, started_at)
         VALUES ('提标', 'run', '2027-01-01', '[]', 'county@2026-01-01', '{}', 'done', 0, 0, 'mgr1', '2026-12-01')`,
      )
      .run();
    step.raw.prepare(`INSERT INTO scenario_adoptions (run_id, step, username, at) VALUES (1, 'asked', 'mgr1', '2026-12-02')`).run();
    await step.migrate();
    const tables = step.raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'scenario_%' ORDER BY name`).all();
    expect(tables).toEqual([{ name: 'scenario_drafts' }, { name: 'scenario_results' }, { name: 'scenario_runs' }]);
    expect(step.raw.prepare(`SELECT name, status FROM scenario_runs`).all()).toEqual([{ name: '提标', status: 'done' }]);
    step.raw
      .prepare(
        `INSERT INTO scenario_drafts (name, effective_from, changes_json, created_by, created_at) VALUES ('草稿', '2027-01-01', '[]', 'mgr1', '2026-12-01')`,
      )
      .run();
    expect(step.raw.prepare(`SELECT count(*) AS n FROM scenario_drafts`).get()).toEqual({ n: 1 });
    await step.close();
  });
});
