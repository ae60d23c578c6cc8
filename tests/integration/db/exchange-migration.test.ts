import { describe, expect, it } from 'vitest';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { MIGRATIONS } from '../../../migrations/index';
import { tempDir } from '../../fixtures/builders';
import { unknownPersons } from '../../../src-main/exchange/imports';

/** A new database file, and a migrator that stops at a given migration (`upTo(name)`). */
function migratable() {
  const raw = new BetterSqlite3(path.join(tempDir(), 'm.db'));
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: raw }) });
  const names = Object.keys(MIGRATIONS).sort();
  const upTo = (last: string) =>
    new Migrator({
      db,
      provider: { getMigrations: async () => Object.fromEntries(names.filter((n) => n <= last).map((n) => [n, MIGRATIONS[n]])) },
      migrationTableName: 'kysely_migration',
    });
  /** Migrates up to the migration just before `name`. */
  const upToBefore = async (name: string) =>
    expect((await upTo(names.filter((n) => n < name).at(-1)!).migrateToLatest()).error).toBeUndefined();
  /** A township (1) and its village (2), which every household of these tests lives in. */
  const areas = () =>
    raw
      .prepare(`INSERT INTO areas (id, parent_id, level, name) VALUES (1, NULL, 'township', '城关镇'), (2, 1, 'village', '东街社区')`)
      .run();
  return { raw, db, names, upTo, upToBefore, areas };
}

const M07 = '2026-11-29-07-exchange-unknown-rows';

describe(`migration ${M07}`, () => {
  it('packs the staged rows of unknown persons (not those of referral feedback), keeps the matched ones, and adds the registry epoch', async () => {
    const { raw, db, names, upTo, upToBefore, areas } = migratable();
    await upToBefore(M07);
    areas();
    raw.prepare(`INSERT INTO households (id, residence, area_id, created_at, updated_at) VALUES (1, 'urban', 2, 'x', 'x')`).run();
    raw
      .prepare(
        `INSERT INTO members (id, household_id, position, id_number, name, sex, birth_date, relation, status, active) VALUES (7, 1, 0, 'A1', '王建国', 'male', '1960-01-01', 'head', 'present', 1)`,
      )
      .run();
    const imp =
      raw.prepare(`INSERT INTO exchange_imports (id, sha256, file_name, source, format, encoding, header_row, mapping_json, file_date, bytes, status, started_by, started_at)
      VALUES (?, ?, 'f.csv', ?, 'csv', 'utf-8', 1, '{}', '2026-11-01', 1, 'applied', 'u', 'x')`);
    imp.run(1, 'h1', 'medical_insurance');
    imp.run(2, 'h2', 'referral_feedback');
    const row = raw.prepare(
      `INSERT INTO exchange_rows (import_id, row, id_number, name, member_id, household_id, category, event_date, evidence_key, amount_fen, detail, rule) VALUES (?, ?, ?, ?, ?, ?, 'hospital_stay', '2026-10-01', 'k', ?, ?, NULL)`,
    );
    row.run(1, 2, 'A1', '王建国', 7, 1, 100, '县医院');
    for (let r = 3; r < 2503; r++) row.run(1, r, `U${r % 700}`, `某${r}`, null, null, r, null);
    row.run(2, 2, 'U1', '某', null, null, 5, null);
    // What the unknown persons list read before the migration, straight from the rows (each with the name on its first row).
    const before = raw
      .prepare(
        `SELECT id_number AS idNumber, name, MIN(row) AS firstRow, COUNT(*) AS rows FROM exchange_rows
      WHERE import_id = 1 AND member_id IS NULL GROUP BY id_number ORDER BY firstRow`,
      )
      .all();

    expect((await upTo(M07).migrateToLatest()).error).toBeUndefined();
    const all = (sql: string) => raw.prepare(sql).all();
    expect(all(`SELECT import_id, row FROM exchange_rows ORDER BY import_id, row`)).toEqual([
      { import_id: 1, row: 2 },
      { import_id: 2, row: 2 },
    ]);
    expect(all(`SELECT first_row, last_row, n FROM exchange_unknown_rows WHERE import_id = 1 ORDER BY first_row`)).toEqual([
      { first_row: 3, last_row: 1002, n: 1000 },
      { first_row: 1003, last_row: 2002, n: 1000 },
      { first_row: 2003, last_row: 2502, n: 500 },
    ]);
    const first = JSON.parse(
      (raw.prepare(`SELECT data FROM exchange_unknown_rows WHERE import_id = 1 AND first_row = 3`).get() as { data: string }).data,
    );
    expect(first[0]).toEqual([3, 'U3', '某3', 'hospital_stay', '2026-10-01', 'k', 3, null, null]);
    // The unknown persons of the import read the same from the packed rows (by today's code, on today's schema).
    expect((await upTo(names.at(-1)!).migrateToLatest()).error).toBeUndefined();
    expect(unknownPersons(raw, 1, { pageSize: 1000 })).toEqual({ total: 700, page: 1, pageSize: 1000, items: before });
    expect(unknownPersons(raw, 1, { pageSize: 300, page: 3 })).toEqual({ total: 700, page: 3, pageSize: 300, items: before.slice(600) });
    expect(unknownPersons(raw, 1, { pageSize: 300, page: 4 })).toEqual({ total: 700, page: 4, pageSize: 300, items: [] });

    expect(raw.prepare(`SELECT n FROM registry_epoch`).pluck().get()).toBe(0);
    raw.prepare(`UPDATE members SET active = 0 WHERE id = 7`).run();
    expect(raw.prepare(`SELECT n FROM registry_epoch`).pluck().get()).toBe(1);
    expect(all(`SELECT staged_epoch FROM exchange_imports WHERE id = 1`)).toEqual([{ staged_epoch: null }]);
    await db.destroy();
  });
});

const M09 = '2026-11-29-09-exchange-household-rows';

describe(`migration ${M09}`, () => {
  it('finds the matches of applied imports by household through a table of their own, and the verification report reads the same', async () => {
    const { raw, db, names, upTo, upToBefore, areas } = migratable();
    await upToBefore(M09);
    areas();
    const hh = raw.prepare(`INSERT INTO households (id, residence, area_id, created_at, updated_at) VALUES (?, 'urban', 2, 'x', 'x')`);
    const mem = raw.prepare(
      `INSERT INTO members (id, household_id, position, id_number, name, sex, birth_date, relation, status, active) VALUES (?, ?, 0, ?, ?, 'male', '1960-01-01', 'head', 'present', 1)`,
    );
    for (let h = 1; h <= 3; h++) {
      hh.run(h);
      mem.run(h, h, `A${h}`, `户主${h}`);
    }
    const imp =
      raw.prepare(`INSERT INTO exchange_imports (id, sha256, file_name, source, format, encoding, header_row, mapping_json, file_date, bytes, status, started_by, started_at)
      VALUES (?, ?, ?, 'medical_insurance', 'csv', 'utf-8', 1, '{}', ?, 1, ?, 'u', 'x')`);
    imp.run(1, 'h1', 'a.csv', '2026-09-01', 'applied');
    imp.run(2, 'h2', 'b.csv', '2026-10-01', 'applied');
    imp.run(3, 'h3', 'c.csv', '2026-11-01', 'staged');
    const row = raw.prepare(
      `INSERT INTO exchange_rows (import_id, row, id_number, name, member_id, household_id, category, event_date, evidence_key, amount_fen, detail, rule) VALUES (?, ?, ?, ?, ?, ?, 'hospital_stay', ?, 'k', ?, NULL, NULL)`,
    );
    // Rows in file order, households in no order; an unmatched row and a staged import's rows have no entry.
    for (const [i, r, h, d] of [
      [1, 2, 3, '2026-08-02'],
      [1, 3, 1, '2026-08-03'],
      [1, 4, 3, '2026-08-01'],
      [2, 2, 1, '2026-09-09'],
      [2, 5, 2, '2026-09-01'],
      [3, 2, 1, '2026-10-10'],
    ] as const)
      row.run(i, r, `A${h}`, `户主${h}`, h, h, d, r * 100);
    row.run(2, 6, 'U9', '某', null, null, '2026-09-02', 1);
    const { verificationReport } = await import('../../../src-main/verification/report');
    const before = [1, 2, 3].map((h) =>
      raw
        .prepare(
          `SELECT r.import_id, r.row FROM exchange_rows r JOIN exchange_imports i ON i.id = r.import_id AND i.status = 'applied'
      WHERE r.household_id = ? ORDER BY r.event_date DESC, r.import_id DESC, r.row`,
        )
        .all(h),
    );

    expect((await upTo(M09).migrateToLatest()).error).toBeUndefined();
    expect(raw.prepare(`SELECT household_id, import_id, row FROM exchange_household_rows`).raw(true).all()).toEqual([
      [1, 1, 3],
      [1, 2, 2],
      [2, 2, 5],
      [3, 1, 2],
      [3, 1, 4],
    ]);
    expect(raw.prepare(`SELECT name FROM sqlite_master WHERE name = 'exchange_rows_household'`).all()).toEqual([]);
    // The report, by today's code on today's schema, reads these rows where they are.
    expect((await upTo(names.at(-1)!).migrateToLatest()).error).toBeUndefined();
    for (const h of [1, 2, 3]) {
      expect(verificationReport(raw, h).findings.map((f) => [f.file, f.row])).toEqual(
        before[h - 1].map((r: any) => [['a.csv', 'b.csv'][r.import_id - 1], r.row]),
      );
    }
    expect(verificationReport(raw, 3).findings.map((f) => f.date)).toEqual(['2026-08-02', '2026-08-01']);
    await db.destroy();
  });
});

const M11 = '2026-11-29-11-exchange-row-parts';

describe(`migration ${M11}`, () => {
  it('starts the staging of unapplied imports over, keeps applied ones, and counts a change of authorisation in the registry epoch', async () => {
    const { raw, db, upTo, upToBefore, areas } = migratable();
    await upToBefore(M11);
    areas();
    raw.prepare(`INSERT INTO households (id, residence, area_id, created_at, updated_at) VALUES (1, 'urban', 2, 'x', 'x')`).run();
    raw
      .prepare(
        `INSERT INTO members (id, household_id, position, id_number, name, sex, birth_date, relation, status, active) VALUES (7, 1, 0, 'A1', '王建国', 'male', '1960-01-01', 'head', 'present', 1)`,
      )
      .run();
    const imp =
      raw.prepare(`INSERT INTO exchange_imports (id, sha256, file_name, source, format, encoding, header_row, mapping_json, file_date, bytes, status, started_by, started_at, staged_rows)
      VALUES (?, ?, 'f.csv', 'medical_insurance', 'csv', 'utf-8', 1, '{}', '2026-11-01', 1, ?, 'u', 'x', 5)`);
    imp.run(1, 'h1', 'applied');
    imp.run(2, 'h2', 'staged');
    imp.run(3, 'h3', 'staging');
    const row = raw.prepare(
      `INSERT INTO exchange_rows (import_id, row, id_number, name, member_id, household_id, category, event_date, evidence_key, amount_fen, detail, rule) VALUES (?, 2, 'A1', '王建国', 7, 1, 'hospital_stay', '2026-10-01', 'k', 100, NULL, NULL)`,
    );
    const unknown = raw.prepare(
      `INSERT INTO exchange_unknown_rows (import_id, first_row, last_row, n, data) VALUES (?, 3, 3, 1, '[[3,"U1","某","hospital_stay","2026-10-01","k",1,null,null]]')`,
    );
    const reject = raw.prepare(
      `INSERT INTO exchange_rejects (import_id, row, "column", reason, reason_en) VALUES (?, 4, '身份证号码', '错', 'bad')`,
    );
    for (const i of [1, 2, 3]) {
      row.run(i);
      unknown.run(i);
      reject.run(i);
    }

    expect((await upTo(M11).migrateToLatest()).error).toBeUndefined();
    const per = (t: string) => raw.prepare(`SELECT import_id, COUNT(*) AS n FROM ${t} GROUP BY import_id`).all();
    expect(per('exchange_rows')).toEqual([{ import_id: 1, n: 1 }]);
    expect(per('exchange_unknown_rows')).toEqual([{ import_id: 1, n: 1 }]);
    expect(per('exchange_rejects')).toEqual([{ import_id: 1, n: 1 }]);
    expect(raw.prepare(`SELECT id, status, staged_rows FROM exchange_imports ORDER BY id`).all()).toEqual([
      { id: 1, status: 'applied', staged_rows: 5 },
      { id: 2, status: 'staging', staged_rows: 0 },
      { id: 3, status: 'staging', staged_rows: 0 },
    ]);
    expect(raw.prepare(`SELECT COUNT(*) FROM exchange_row_parts`).pluck().get()).toBe(0);

    const epoch = () => raw.prepare(`SELECT n FROM registry_epoch`).pluck().get() as number;
    const before = epoch();
    raw.prepare(`UPDATE members SET authorised_on = '2026-01-05' WHERE id = 7`).run();
    raw.prepare(`UPDATE members SET authorised_on = '2026-01-05', relation = 'head' WHERE id = 7`).run();
    raw.prepare(`UPDATE members SET name = '王建民' WHERE id = 7`).run();
    expect(epoch()).toBe(before + 2);
    await db.destroy();
  });
});

/**
 * A manager (user 1), and statements for dibao households ([id]), their determinations ([id, household, result JSON, benefit,
 * review class]) and decisions ([determination, decision, decided at], in force from 2026-07).
 */
function determinationRows(raw: BetterSqlite3.Database) {
  raw
    .prepare(`INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'm', 'm', 'manager', 'x', 'x')`)
    .run();
  return {
    hh: raw.prepare(
      `INSERT INTO households (id, residence, area_id, current_tier, created_at, updated_at) VALUES (?, 'urban', 2, 'dibao', '2025-01-01T00:00:00Z', 'x')`,
    ),
    det: raw.prepare(`INSERT INTO determinations (id, household_id, reference_date, parameter_set, parameters_json, input_json, result_json, tier, monthly_benefit_fen, review_class, source, proposed_by, proposed_at)
      VALUES (?, ?, '2026-06-01', 'p', '{}', '{}', ?, 'dibao', ?, ?, 'screening', 1, 'x')`),
    dec: raw.prepare(
      `INSERT INTO determination_decisions (determination_id, decision, reason, effective_month, decided_by, decided_at) VALUES (?, ?, 'r', '2026-07', 1, ?)`,
    ),
  };
}

const M12 = '2026-11-29-12-determinations-review';

describe(`migration ${M12}`, () => {
  it('indexes determinations by household with their review class and tier, and the schedule reads the same', async () => {
    const { raw, db, upTo, upToBefore, areas } = migratable();
    await upToBefore(M12);
    areas();
    const { hh, det, dec } = determinationRows(raw);
    for (let h = 1; h <= 3; h++) hh.run(h);
    // Household 1: approved C in June, then a rejected A; household 2: approved B; household 3: none.
    det.run(1, 1, '{}', 100, 'C');
    dec.run(1, 'approved', '2025-06-10T00:00:00Z');
    det.run(2, 1, '{}', 100, 'A');
    dec.run(2, 'rejected', '2025-08-10T00:00:00Z');
    det.run(3, 2, '{}', 100, 'B');
    dec.run(3, 'approved', '2025-09-10T00:00:00Z');
    const { LAST_APPROVED_SQL } = await import('../../../src-main/monitoring/reviews');
    const read = () => raw.prepare(`SELECT h.id, (${LAST_APPROVED_SQL}) AS det FROM households h ORDER BY h.id`).all();
    const before = read();
    expect(before).toEqual([
      { id: 1, det: 'C|2025-06-10' },
      { id: 2, det: 'B|2025-09-10' },
      { id: 3, det: null },
    ]);
    expect((await upTo(M12).migrateToLatest()).error).toBeUndefined();
    expect(read()).toEqual(before);
    expect(
      raw
        .prepare(`EXPLAIN QUERY PLAN SELECT h.id, (${LAST_APPROVED_SQL}) FROM households h`)
        .all()
        .map((r: any) => r.detail)
        .join('\n'),
    ).toMatch(/COVERING INDEX determinations_review/);
    await db.destroy();
  });
});

const M13 = '2026-11-29-13-determination-figures';

describe(`migration ${M13}`, () => {
  it("keeps each determination's roster figures beside it, for those before and every one after, and the roster reads them", async () => {
    const { raw, db, upTo, upToBefore, areas } = migratable();
    await upToBefore(M13);
    areas();
    const { hh, det, dec } = determinationRows(raw);
    const mem = raw.prepare(
      `INSERT INTO members (household_id, position, id_number, name, sex, birth_date, relation, status, active) VALUES (?, 0, ?, ?, 'male', '1960-01-01', 'head', 'present', 1)`,
    );
    const result = (gap: number, addon: number) =>
      JSON.stringify({
        breakdown: [
          { item: 'gap', amountFen: gap },
          { item: 'addon', amountFen: addon },
        ],
        unroundedFen: gap + addon - 0.5,
        presentMembers: 2,
        entitlements: [],
      });
    for (const h of [1, 2]) {
      hh.run(h);
      mem.run(h, `A${h}`, `户主${h}`);
    }
    det.run(1, 1, result(50_000, 9_000), 59_000, 'B');
    dec.run(1, 'approved', 'x');
    expect((await upTo(M13).migrateToLatest()).error).toBeUndefined();
    // A determination made after the migration has its figures too, from the trigger.
    det.run(2, 2, result(30_000, 0), 30_000, 'B');
    dec.run(2, 'approved', 'x');
    const figures = raw
      .prepare(
        `SELECT determination_id, household_id, reference_date, tier, monthly_benefit_fen, breakdown, gradual_exit, unrounded_fen, present_members FROM determination_figures ORDER BY 1`,
      )
      .all();
    const fromJson = raw
      .prepare(
        `SELECT id AS determination_id, household_id, reference_date, tier, monthly_benefit_fen, json_extract(result_json, '$.breakdown') AS breakdown,
      json_extract(result_json, '$.gradualExit') AS gradual_exit, json_extract(result_json, '$.unroundedFen') AS unrounded_fen, json_extract(result_json, '$.presentMembers') AS present_members FROM determinations ORDER BY 1`,
      )
      .all();
    expect(figures).toEqual(fromJson);
    expect(figures).toHaveLength(2);
    const { computeRoster } = await import('../../../src-main/payments/roster');
    expect(computeRoster(raw, '2026-11').map((l) => [l.householdId, l.tier, l.amountFen, l.baseFen, l.addonFen])).toEqual([
      [1, 'dibao', 59_000, 50_000, 9_000],
      [2, 'dibao', 30_000, 30_000, 0],
    ]);
    await db.destroy();
  });
});
