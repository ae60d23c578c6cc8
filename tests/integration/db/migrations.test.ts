import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, staticMigrationProvider } from '../../../migrations/index';
import { openStore, tableNames, MIGRATION_TABLE } from '../../../src-main/db/open';
import { tempDir } from '../../fixtures/builders';
import { listChain } from '../../../src-main/chain/events';
import { raiseWarning } from '../../../src-main/monitoring/warnings';
import { WorkCalendar } from '../../../src-main/monitoring/calendar';
import { WARNING_RULES as RULE_IDS } from '../../../src-main/common/codes';
import { ROOT } from '../../fixtures/paths';

const migrationFiles = () =>
  fs
    .readdirSync(path.join(ROOT, 'migrations'))
    .filter((f) => /^\d{4}-\d{2}-\d{2}-.+\.ts$/.test(f))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();

async function migrateTo(file: string, target: string | null) {
  const raw = new BetterSqlite3(file);
  raw.pragma('foreign_keys = ON');
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: raw }) });
  const m = new Migrator({ db, provider: staticMigrationProvider, migrationTableName: MIGRATION_TABLE });
  const r = target ? await m.migrateTo(target) : await m.migrateToLatest();
  if (r.error) throw r.error;
  return { db, raw };
}

describe('migrations', () => {
  it('the static provider lists every dated file in migrations/, in order', () => {
    expect(Object.keys(MIGRATIONS)).toEqual(migrationFiles());
  });

  it('2026-11-29-01-foundation: creates the registry, accounts and append-only audit log', async () => {
    const file = path.join(tempDir(), 'm.db');
    const { db, raw } = await migrateTo(file, '2026-11-29-01-foundation');
    const names = await tableNames(db as any);
    for (const t of [
      'office',
      'areas',
      'households',
      'members',
      'income_items',
      'vehicles',
      'homes',
      'businesses',
      'expenses_12m',
      'supporters_outside',
      'users',
      'sessions',
      'audit_log',
    ])
      expect(names).toContain(t);
    raw
      .prepare(`INSERT INTO audit_log (seq, at, username, action, entity, prev_hash, hash) VALUES (1, 'x', 'u', 'a', 'e', 'p', 'h')`)
      .run();
    expect(() => raw.prepare(`UPDATE audit_log SET username = 'v'`).run()).toThrow(/append-only/);
    expect(() => raw.prepare(`DELETE FROM audit_log`).run()).toThrow(/append-only/);
    raw.prepare(`INSERT INTO areas (id, parent_id, level, name) VALUES (1, NULL, 'township', 'T'), (2, 1, 'village', 'V')`).run();
    raw
      .prepare(
        `INSERT INTO households (id, residence, area_id, created_at, updated_at) VALUES (1, 'urban', 2, 'x', 'x'), (2, 'urban', 2, 'x', 'x')`,
      )
      .run();
    const ins = raw.prepare(
      `INSERT INTO members (household_id, position, id_number, name, sex, birth_date, relation, status, active) VALUES (?, 0, 'ID1', 'n', 'male', '1960-01-01', 'head', 'present', ?)`,
    );
    ins.run(1, 1);
    expect(() => ins.run(2, 1)).toThrow(/UNIQUE/);
    ins.run(2, 0); // the same person may appear inactive elsewhere (history)
    expect(() =>
      raw.prepare(`INSERT INTO households (residence, area_id, created_at, updated_at) VALUES ('urban', 99, 'x', 'x')`).run(),
    ).toThrow(/FOREIGN KEY/);
    await db.destroy();
  });

  it('2026-11-29-02-policy: adds parameters, append-only determinations and scans, keeping the registry', async () => {
    const file = path.join(tempDir(), 'p.db');
    const first = await migrateTo(file, '2026-11-29-01-foundation');
    first.raw.prepare(`INSERT INTO areas (id, parent_id, level, name) VALUES (1, NULL, 'township', 'T'), (2, 1, 'village', 'V')`).run();
    first.raw.prepare(`INSERT INTO households (id, residence, area_id, created_at, updated_at) VALUES (7, 'rural', 2, 'x', 'x')`).run();
    first.raw
      .prepare(`INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'a', 'A', 'clerk', 'h', 'x')`)
      .run();
    await first.db.destroy();
    const { db, raw } = await migrateTo(file, '2026-11-29-02-policy');
    const names = await tableNames(db as any);
    for (const t of ['parameter_values', 'determinations', 'determination_decisions', 'scans', 'scan_results']) expect(names).toContain(t);
    expect(raw.prepare('SELECT id, residence FROM households').all()).toEqual([{ id: 7, residence: 'rural' }]);
    raw
      .prepare(
        `INSERT INTO determinations (household_id, reference_date, parameter_set, parameters_json, input_json, result_json, tier, monthly_benefit_fen, source, proposed_by, proposed_at)
      VALUES (7, '2026-11-01', 'p', '{}', '{}', '{}', 'dibao', 100, 'screening', 1, 'x')`,
      )
      .run();
    expect(() => raw.prepare(`UPDATE determinations SET tier = 'none'`).run()).toThrow(/append-only/);
    expect(() => raw.prepare(`DELETE FROM determinations`).run()).toThrow(/append-only/);
    raw
      .prepare(
        `INSERT INTO parameter_values (parameter_id, effective_from, urban_json, rural_json, created_at, created_by) VALUES ('dibao.standard', '2026-01-01', '75000', '60000', 'x', 'a')`,
      )
      .run();
    expect(() => raw.prepare(`UPDATE parameter_values SET urban_json = '1'`).run()).toThrow(/append-only/);
    await db.destroy();
  });

  it('2026-11-29-03-chain: an append-only assistance chain per household and person', async () => {
    const file = path.join(tempDir(), 'c.db');
    const first = await migrateTo(file, '2026-11-29-02-policy');
    first.raw.prepare(`INSERT INTO areas (id, parent_id, level, name) VALUES (1, NULL, 'township', 'T'), (2, 1, 'village', 'V')`).run();
    first.raw.prepare(`INSERT INTO households (id, residence, area_id, created_at, updated_at) VALUES (3, 'urban', 2, 'x', 'x')`).run();
    await first.db.destroy();
    const { db, raw } = await migrateTo(file, '2026-11-29-03-chain');
    raw
      .prepare(`INSERT INTO chain_events (household_id, at, kind, summary, recorded_by) VALUES (3, '2026-11-01', 'warning', 's', 'u')`)
      .run();
    expect(() =>
      raw
        .prepare(`INSERT INTO chain_events (household_id, at, kind, summary, recorded_by) VALUES (3, '2026-11-01', 'gossip', 's', 'u')`)
        .run(),
    ).toThrow(/CHECK/);
    expect(() => raw.prepare(`UPDATE chain_events SET summary = 'x'`).run()).toThrow(/append-only/);
    expect(() => raw.prepare(`DELETE FROM chain_events`).run()).toThrow(/append-only/);
    await db.destroy();
  });

  it('2026-11-29-08-engine-input-codes: drops the packed inputs of the old layout, and their triggers stay', async () => {
    const file = path.join(tempDir(), 'e.db');
    const first = await migrateTo(file, '2026-11-29-06-engine-inputs');
    first.raw.prepare(`INSERT INTO areas (id, parent_id, level, name) VALUES (1, NULL, 'township', 'T'), (2, 1, 'village', 'V')`).run();
    first.raw
      .prepare(
        `INSERT INTO households (id, residence, area_id, created_at, updated_at) VALUES (5, 'rural', 2, 'x', 'x'), (6, 'urban', 2, 'x', 'x')`,
      )
      .run();
    first.raw
      .prepare(
        `INSERT INTO engine_inputs (household_id, input) VALUES (5, '[[],null,[],[],[],[],[2,"rural"]]'), (6, '[[],null,[],[],[],[],[2,"urban"]]')`,
      )
      .run();
    await first.db.destroy();
    const { db, raw } = await migrateTo(file, '2026-11-29-08-engine-input-codes');
    expect(raw.prepare(`SELECT COUNT(*) FROM engine_inputs`).pluck().get()).toBe(0);
    raw.prepare(`INSERT INTO engine_inputs (household_id, input) VALUES (5, '[]'), (6, '[]')`).run();
    raw.prepare(`UPDATE households SET housing_condition = 'dangerous' WHERE id = 6`).run();
    expect(raw.prepare(`SELECT household_id FROM engine_inputs`).pluck().all()).toEqual([5]);
    await db.destroy();
  });

  it("2026-11-29-14-warnings-in-chain: the chain reads a warning's raising from the warnings table, once; a warning as raised is never changed", async () => {
    const file = path.join(tempDir(), 'w.db');
    const first = await migrateTo(file, '2026-11-29-13-determination-figures');
    first.raw.prepare(`INSERT INTO areas (id, parent_id, level, name) VALUES (1, NULL, 'township', 'T'), (2, 1, 'village', 'V')`).run();
    first.raw.prepare(`INSERT INTO households (id, residence, area_id, created_at, updated_at) VALUES (7, 'urban', 2, 'x', 'x')`).run();
    // A warning raised before: its raising is a chain event of its own.
    first.raw
      .prepare(
        `INSERT INTO warnings (id, rule, severity, household_id, id_number, person_name, area_id, evidence_key, evidence, source, raised_on, due_on)
      VALUES (1, 'death', 'urgent', 7, 'ID7', '甲', 2, 'k1', 'e', 'civil_affairs', '2026-10-01', '2026-10-09')`,
      )
      .run();
    first.raw
      .prepare(
        `INSERT INTO chain_events (household_id, id_number, at, kind, department, item, status, ref_table, ref_id, summary, recorded_by)
      VALUES (7, 'ID7', '2026-10-01', 'warning', 'civil_affairs', 'death', 'open', 'warnings', 1, 'old line', 'clerk0')`,
      )
      .run();
    await first.db.destroy();
    const { db, raw } = await migrateTo(file, '2026-11-29-14-warnings-in-chain');
    const cal = WorkCalendar.load(raw);
    const draft = {
      householdId: 7,
      memberId: null,
      idNumber: 'ID7',
      personName: '甲',
      areaId: 2,
      evidence: 'e',
      source: 'medical_insurance',
      importId: null,
      department: 'medical_insurance',
      calendar: cal,
      actor: { userId: null, username: 'clerk1' },
    };
    expect(raiseWarning(raw, { ...draft, rule: 'hospital_cost', evidenceKey: 'k2', raisedOn: '2026-11-02' })).toBe(true);
    expect(raiseWarning(raw, { ...draft, rule: 'hospital_cost', evidenceKey: 'k2', raisedOn: '2026-11-03' })).toBe(false);
    expect(raw.prepare(`SELECT COUNT(*) FROM chain_events`).pluck().get()).toBe(1);
    const lines = (c: ReturnType<typeof listChain>) => c.map((e) => [e.id, e.at, e.kind, e.status, e.refId, e.recordedBy, e.summary]);
    const raised = [
      -2,
      '2026-11-02',
      'warning',
      'open',
      2,
      'clerk1',
      `预警：住院个人自付费用较高（甲），医疗救助或临时救助，刚性支出评估；核查期限 ${cal.addWorkingDays('2026-11-02', 5)}`,
    ];
    const old = [1, '2026-10-01', 'warning', 'open', 1, 'clerk0', 'old line'];
    expect(lines(listChain(raw, { householdId: 7 }))).toEqual([raised, old]);
    expect(lines(listChain(raw, { idNumber: 'ID7' }))).toEqual([raised, old]);
    expect(lines(listChain(raw, { idNumber: 'ID8' }))).toEqual([]);
    expect(lines(listChain(raw, { householdId: 7, limit: 1 }))).toEqual([raised]);
    // A person's warnings are found through the deduplication index, not by a scan of the table.
    const plan = raw
      .prepare(`EXPLAIN QUERY PLAN SELECT * FROM warnings WHERE rule IN (${RULE_IDS.map((r) => `'${r}'`).join(',')}) AND id_number = 'ID7'`)
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/SEARCH warnings USING INDEX warnings_dedup \(rule=\? AND id_number=\?\)/);
    // Assigning and closing change their own columns; what was raised, never; nothing is deleted.
    raw.prepare(`UPDATE warnings SET status = 'closed', outcome = 'no_change', assignee_id = 3 WHERE id = 2`).run();
    for (const set of [
      `due_on = '2027-01-01'`,
      `rule = 'death'`,
      `household_id = 8`,
      `evidence = 'x'`,
      `raised_by = 'x'`,
      `department = 'x'`,
      `person_name = '乙'`,
    ]) {
      expect(() => raw.prepare(`UPDATE warnings SET ${set} WHERE id = 2`).run(), set).toThrow(/append-only/);
    }
    expect(() => raw.prepare(`DELETE FROM warnings WHERE id = 1`).run()).toThrow(/append-only/);
    await db.destroy();
  });

  it('opens with WAL and foreign keys on, and refuses a database from a newer app', async () => {
    const file = path.join(tempDir(), 'n.db');
    const store = await openStore(file);
    expect(store.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    store.raw.prepare(`INSERT INTO ${MIGRATION_TABLE} (name, timestamp) VALUES ('2099-01-01-01-future', 'x')`).run();
    await store.close();
    await expect(openStore(file)).rejects.toMatchObject({ code: 'db_newer_than_app' });
  });
});
