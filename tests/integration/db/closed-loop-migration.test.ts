import { describe, expect, it } from 'vitest';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { MIGRATIONS } from '../../../migrations/index';
import { tempDir } from '../../fixtures/builders';

describe('migration 2026-11-29-05-closed-loop', () => {
  it('adds the closed-loop tables on a database that has households and determinations, and is append-only where it says so', async () => {
    const raw = new BetterSqlite3(path.join(tempDir(), 'm.db'));
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: raw }) });
    const names = Object.keys(MIGRATIONS).sort();
    const before = names.filter((n) => n < '2026-11-29-05-closed-loop');
    const upTo = (last: string) =>
      new Migrator({
        db,
        provider: { getMigrations: async () => Object.fromEntries(names.filter((n) => n <= last).map((n) => [n, MIGRATIONS[n]])) },
        migrationTableName: 'kysely_migration',
      });
    expect((await upTo(before.at(-1)!).migrateToLatest()).error).toBeUndefined();
    raw
      .prepare(`INSERT INTO areas (id, parent_id, level, name) VALUES (1, NULL, 'township', '城关镇'), (2, 1, 'village', '东街社区')`)
      .run();
    raw.prepare(`INSERT INTO households (id, residence, area_id, created_at, updated_at) VALUES (1, 'urban', 2, 'x', 'x')`).run();
    expect((await upTo('2026-11-29-05-closed-loop').migrateToLatest()).error).toBeUndefined();
    raw
      .prepare(
        `INSERT INTO referrals (number, year, seq, household_id, assistance, department, reason, source, status, created_at, created_by, updated_at) VALUES ('ZJ-2026-000001', 2026, 1, 1, 'housing', 'housing', 'r', 'manual', 'drafted', 'x', 'u', 'x')`,
      )
      .run();
    raw.prepare(`INSERT INTO payment_months (month, recipients, total_fen, closed_at, closed_by) VALUES ('2026-10', 0, 0, 'x', 'u')`).run();
    expect(() => raw.prepare(`UPDATE payment_months SET total_fen = 1`).run()).toThrow(/append-only/);
    expect(() =>
      raw
        .prepare(
          `INSERT INTO referrals (number, year, seq, household_id, assistance, department, reason, source, status, created_at, created_by, updated_at) VALUES ('ZJ-2026-000002', 2026, 1, 1, 'housing', 'housing', 'r', 'manual', 'drafted', 'x', 'u', 'x')`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
    const plan = raw
      .prepare(`EXPLAIN QUERY PLAN SELECT * FROM referrals WHERE department = ? AND status = ?`)
      .all('housing', 'drafted') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('referrals_dept_status');
    await db.destroy();
  });
});
