/**
 * Migration 0002-temporary-assistance: a database of the baseline with a household and a closed month,
 * migrated, keeps its data and gains the temporary-assistance tables, append-only, with the month
 * lock and the standby-fund balance enforced by the database itself.
 */
import { describe, expect, it } from 'vitest';
import { migrationStep } from '../db/step';

describe('migration 0002-temporary-assistance', () => {
  it('migrate to the baseline, seed, migrate, assert', async () => {
    const step = await migrationStep('0002-temporary-assistance');
    expect(step.before).toBe('0001-baseline');
    const raw = step.raw;
    raw
      .prepare(`INSERT INTO areas (id, parent_id, level, name) VALUES (1, NULL, 'township', '城关镇'), (2, 1, 'village', '东街社区')`)
      .run();
    raw
      .prepare(
        `INSERT INTO households (id, residence, area_id, created_at, updated_at, current_tier) VALUES (7, 'urban', 2, '2026-01-01', '2026-01-01', 'dibao')`,
      )
      .run();
    raw
      .prepare(`INSERT INTO payment_months (month, recipients, total_fen, closed_at, closed_by) VALUES ('2026-10', 1, 100, 'x', 'm')`)
      .run();
    await step.migrate();
    expect(raw.prepare(`SELECT id, current_tier FROM households`).all()).toEqual([{ id: 7, current_tier: 'dibao' }]);
    const tables = (
      raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'temporary_%' ORDER BY name`).all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    expect(tables).toEqual([
      'temporary_cases',
      'temporary_decisions',
      'temporary_fund_entries',
      'temporary_paperwork',
      'temporary_parameter_values',
      'temporary_payments',
    ]);
    const insertCase =
      raw.prepare(`INSERT INTO temporary_cases (number, year, seq, kind, track, reason, event_id, event_date, requested_on, household_id,
      id_number, person_name, residence, township_id, area_id, standard_fen, cap_fen, proposed_fen, band, case_by_case, paid_from, assessment_json,
      created_by, created_at) VALUES (?, 2026, ?, 'emergency', 'quick', 'fire', 'e', '2026-11-01', '2026-11-01', 7, 'X', '王', 'urban', 1, 2, 75000,
      750000, 50000, 'quick', 0, 'standby_fund', '{}', 'c', 'x')`);
    const id = Number(insertCase.run('LS-2026-000001', 1).lastInsertRowid);
    expect(() => insertCase.run('LS-2026-000001', 2)).toThrow(/UNIQUE/);
    expect(() => raw.prepare(`UPDATE temporary_cases SET proposed_fen = 1`).run()).toThrow(/append-only/);
    expect(() => raw.prepare(`DELETE FROM temporary_cases`).run()).toThrow(/append-only/);
    // A household case carries no hukou place; a non-local one has no household.
    expect(() =>
      raw
        .prepare(
          `INSERT INTO temporary_cases (number, year, seq, kind, track, reason, event_id, event_date, requested_on, id_number, person_name, residence,
      township_id, standard_fen, cap_fen, proposed_fen, band, case_by_case, paid_from, assessment_json, created_by, created_at) VALUES ('LS-2026-000009',
      2026, 9, 'emergency', 'quick', 'fire', 'e', '2026-11-01', '2026-11-01', 'X', '陈', 'urban', 1, 75000, 750000, 100, 'quick', 0, 'county', '{}', 'c', 'x')`,
        )
        .run(),
    ).toThrow(/CHECK/);
    const pay =
      raw.prepare(`INSERT INTO temporary_payments (case_id, stage, paid_on, month, amount_fen, paid_from, township_id, recorded_by, recorded_at)
      VALUES (?, ?, ?, ?, 100, 'county', 1, 'c', 'x')`);
    expect(() => pay.run(id, 1, '2026-10-31', '2026-10')).toThrow(/month of this payment is closed/);
    expect(() => pay.run(id, 1, '2026-11-02', '2026-11')).not.toThrow();
    const fund = raw.prepare(
      `INSERT INTO temporary_fund_entries (township_id, year, kind, amount_fen, on_date, recorded_by, recorded_at) VALUES (1, 2026, ?, ?, '2026-11-02', 'c', 'x')`,
    );
    expect(() => fund.run('payment', -1)).toThrow(/standby fund cannot cover/);
    fund.run('allocation', 2_000_000);
    expect(() => fund.run('allocation', 1)).toThrow(/UNIQUE/);
    expect(() => fund.run('payment', 5)).toThrow(/CHECK/);
    expect(() => fund.run('payment', -2_000_000)).not.toThrow();
    expect(() => fund.run('payment', -1)).toThrow(/standby fund cannot cover/);
    await step.close();
  });
});
