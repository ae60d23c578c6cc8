/** Migration 0004-recovery: on a database with paid months, the recovery tables arrive empty, linked to what they concern, and append-only. */
import { describe, expect, it } from 'vitest';
import { migrationStep } from '../db/step';

describe('migration 0004-recovery', () => {
  it('adds the recovery tables beside the payments, and refuses to change a case, its months or its entries', async () => {
    const step = await migrationStep('0004-recovery');
    expect(step.before).toBe('0003-services');
    const raw = step.raw;
    raw
      .prepare(`INSERT INTO areas (id, parent_id, level, name) VALUES (1, NULL, 'township', '城关镇'), (2, 1, 'village', '东街社区')`)
      .run();
    raw
      .prepare(
        `INSERT INTO households (id, residence, area_id, created_at, updated_at) VALUES (7, 'urban', 2, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
      )
      .run();
    raw
      .prepare(`INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'm', 'm', 'manager', 'x', 'x')`)
      .run();
    raw
      .prepare(
        `INSERT INTO determinations (id, household_id, reference_date, parameter_set, parameters_json, input_json, result_json, tier, monthly_benefit_fen, source, proposed_by, proposed_at)
         VALUES (3, 7, '2026-11-01', 'p', '{}', '{}', '{}', 'none', 0, 'screening', 1, 'x')`,
      )
      .run();
    raw
      .prepare(`INSERT INTO payment_months (month, recipients, total_fen, closed_at, closed_by) VALUES ('2026-10', 1, 107500, 'x', 'm')`)
      .run();
    await step.migrate();
    expect(raw.prepare(`SELECT COUNT(*) AS n FROM payment_months`).get()).toEqual({ n: 1 });
    raw
      .prepare(
        `INSERT INTO recovery_facts (id, household_id, kind, fact_date, source, evidence, recorded_by, recorded_at) VALUES (1, 7, 'death', '2026-09-05', 'manual', 'e', 'c', 'x')`,
      )
      .run();
    // The same fact twice is one fact.
    expect(() =>
      raw
        .prepare(
          `INSERT INTO recovery_facts (household_id, kind, fact_date, source, evidence, recorded_by, recorded_at) VALUES (7, 'death', '2026-09-05', 'import', 'e', 'c', 'x')`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
    raw.prepare(`INSERT INTO recovery_fact_links (determination_id, fact_id) VALUES (3, 1)`).run();
    raw
      .prepare(
        `INSERT INTO recovery_cases (id, number, year, seq, household_id, determination_id, fact_id, liable_kind, liable_name, basis, new_benefit_fen, opened_by, opened_at)
         VALUES (1, '追缴〔2026〕1号', 2026, 1, 7, 3, 1, 'estate', '赵', 'b', 0, 'm', 'x')`,
      )
      .run();
    raw
      .prepare(
        `INSERT INTO recovery_months (case_id, month, paid_fen, due_fen, overpaid_fen, added_by, added_at) VALUES (1, '2026-10', 107500, 0, 107500, 'm', 'x')`,
      )
      .run();
    raw
      .prepare(
        `INSERT INTO recovery_entries (case_id, kind, on_date, amount_fen, reason, recorded_by, recorded_at) VALUES (1, 'repayment', '2026-11-01', 100, 'r', 'c', 'x')`,
      )
      .run();
    for (const t of ['recovery_facts', 'recovery_fact_links', 'recovery_cases', 'recovery_months', 'recovery_entries']) {
      expect(() => raw.prepare(`DELETE FROM ${t}`).run()).toThrow(/append-only/);
    }
    expect(() => raw.prepare(`UPDATE recovery_months SET overpaid_fen = 1`).run()).toThrow(/append-only/);
    expect(() =>
      raw
        .prepare(
          `INSERT INTO recovery_entries (case_id, kind, on_date, amount_fen, reason, recorded_by, recorded_at) VALUES (1, 'gift', '2026-11-01', 100, 'r', 'c', 'x')`,
        )
        .run(),
    ).toThrow(/CHECK/);
    await step.close();
  });
});
