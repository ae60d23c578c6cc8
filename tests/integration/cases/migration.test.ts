/** Migration 0007-cases on a database of the migration before it: existing households keep; cases and their stages are append-only. */
import { describe, expect, it } from 'vitest';
import { migrationStep } from '../db/step';

describe('migration 0007-cases', () => {
  it('adds the cases tables beside existing households; stages cannot be changed or deleted', async () => {
    const step = await migrationStep('0007-cases');
    const { raw } = step;
    raw.prepare(`INSERT INTO areas (id, parent_id, level, name) VALUES (1, NULL, 'township', '城关镇'), (2, 1, 'village', '东街')`).run();
    raw
      .prepare(`INSERT INTO households (id, residence, area_id, created_at, updated_at) VALUES (7, 'rural', 2, '2026-01-01', '2026-01-01')`)
      .run();
    await step.migrate();
    raw
      .prepare(
        `INSERT INTO cases (id, household_id, township_id, tier_applied, received_on, station, level, recorded_by, recorded_at)
         VALUES (1, 7, 1, 'dibao', '2026-09-01', 'local', 'township', 'clerk1', '2026-09-01T09:00:00Z')`,
      )
      .run();
    raw
      .prepare(
        `INSERT INTO case_events (case_id, kind, on_date, level, station, recorded_by, recorded_at) VALUES (1, 'publicity', '2026-09-02', 'township', 'local', 'c', 'x')`,
      )
      .run();
    expect(raw.prepare(`SELECT household_id, relative_of_staff FROM cases`).all()).toEqual([{ household_id: 7, relative_of_staff: 0 }]);
    expect(() => raw.prepare(`UPDATE case_events SET on_date = '2026-09-01'`).run()).toThrow(/append-only/);
    expect(() => raw.prepare(`DELETE FROM cases`).run()).toThrow(/append-only/);
    expect(() =>
      raw
        .prepare(
          `INSERT INTO case_events (case_id, kind, on_date, level, station, recorded_by, recorded_at) VALUES (1, 'lost', '2026-09-02', 'township', 'l', 'c', 'x')`,
        )
        .run(),
    ).toThrow(/CHECK/);
    await step.close();
  });
});
