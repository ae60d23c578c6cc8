/** Migration 0003-services: on a database of the baseline with a household in it, the service tables arrive empty and append-only where the office signs. */
import { describe, expect, it } from 'vitest';
import { migrationStep } from '../db/step';

describe('migration 0003-services', () => {
  it('adds the service tables to a database with households, keeps them, and refuses changes to what is signed', async () => {
    const step = await migrationStep('0003-services');
    expect(step.before).toBe('0002-temporary-assistance');
    const raw = step.raw;
    raw
      .prepare(`INSERT INTO areas (id, parent_id, level, name) VALUES (1, NULL, 'township', '城关镇'), (2, 1, 'village', '东街社区')`)
      .run();
    raw
      .prepare(
        `INSERT INTO households (id, residence, area_id, created_at, updated_at) VALUES (7, 'urban', 2, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
      )
      .run();
    await step.migrate();
    expect(raw.prepare(`SELECT COUNT(*) AS n FROM households`).get()).toEqual({ n: 1 });
    const tables = (
      raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'service_%' ORDER BY name`).all() as { name: string }[]
    ).map((t) => t.name);
    expect(tables).toEqual([
      'service_assessments',
      'service_catalogue',
      'service_contracts',
      'service_plan_items',
      'service_plans',
      'service_provider_townships',
      'service_providers',
      'service_records',
      'service_satisfaction',
    ]);
    raw
      .prepare(
        `INSERT INTO service_catalogue (code, name_zh, name_en, area, unit_zh, unit_en, unit_price_fen, effective_from, created_by, created_at)
         VALUES ('meals', '助餐', 'Meals', 'economic', '餐', 'meal', 1200, '2026-01-01', 't', 'x')`,
      )
      .run();
    expect(() => raw.prepare(`UPDATE service_catalogue SET unit_price_fen = 1300`).run()).toThrow(/append-only/);
    expect(() => raw.prepare(`DELETE FROM service_catalogue`).run()).toThrow(/append-only/);
    expect(() =>
      raw
        .prepare(
          `INSERT INTO service_catalogue (code, name_zh, name_en, area, unit_zh, unit_en, unit_price_fen, effective_from, created_by, created_at)
           VALUES ('x', 'x', 'x', 'nowhere', '次', 'visit', 1, '2026-01-01', 't', 'x')`,
        )
        .run(),
    ).toThrow(/CHECK/);
    raw
      .prepare(
        `INSERT INTO service_providers (id, code, name, kind, created_by, created_at) VALUES (1, 'SW01', '社工站', 'social_work_station', 't', 'x')`,
      )
      .run();
    raw
      .prepare(
        `INSERT INTO service_contracts (provider_id, year, number, budget_fen, services_json, signed_on, created_by, created_at) VALUES (1, 2026, 'HT', 100, '[]', '2026-01-01', 't', 'x')`,
      )
      .run();
    expect(() =>
      raw
        .prepare(
          `INSERT INTO service_contracts (provider_id, year, number, budget_fen, services_json, signed_on, created_by, created_at) VALUES (1, 2026, 'HT2', 100, '[]', '2026-01-01', 't', 'x')`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
    await step.close();
  });
});
