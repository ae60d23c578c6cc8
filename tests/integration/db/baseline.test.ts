/**
 * What the baseline schema guarantees beside its columns (tests/integration/db/schema.test.ts):
 * append-only history, uniqueness and foreign keys of the registry, the caches and counters its
 * triggers keep (engine inputs, the registry epoch, the roster's figures), and warnings as raised.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { emptyDatabase } from '../../fixtures/builders';
import { listChain } from '../../../src-main/chain/events';
import { raiseWarning } from '../../../src-main/monitoring/warnings';
import { WorkCalendar } from '../../../src-main/monitoring/calendar';
import { WARNING_RULES as RULE_IDS } from '../../../src-main/common/codes';
import { computeRoster } from '../../../src-main/payments/roster';

async function database() {
  const { store } = await emptyDatabase();
  const raw = store.raw;
  raw.prepare(`INSERT INTO areas (id, parent_id, level, name) VALUES (1, NULL, 'township', '城关镇'), (2, 1, 'village', '东街社区')`).run();
  raw
    .prepare(`INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'm', 'm', 'manager', 'x', 'x')`)
    .run();
  return { store, raw };
}
const household = (raw: BetterSqlite3.Database, id: number, tier: string | null = null) =>
  raw
    .prepare(`INSERT INTO households (id, residence, area_id, current_tier, created_at, updated_at) VALUES (?, 'urban', 2, ?, 'x', 'x')`)
    .run(id, tier);
const member = (raw: BetterSqlite3.Database, id: number, householdId: number, idNumber: string, active = 1) =>
  raw
    .prepare(
      `INSERT INTO members (id, household_id, position, id_number, name, sex, birth_date, relation, status, active) VALUES (?, ?, 0, ?, '王建国', 'male', '1960-01-01', 'head', 'present', ?)`,
    )
    .run(id, householdId, idNumber, active);

describe('the baseline schema', () => {
  it('keeps history append-only: the audit log, parameters, determinations and decisions, the chain, referrals and payments', async () => {
    const { store, raw } = await database();
    household(raw, 7);
    const rows: [string, string][] = [
      ['audit_log', `(seq, at, username, action, entity, prev_hash, hash) VALUES (100000, 'x', 'u', 'a', 'e', 'p', 'h')`],
      [
        'parameter_values',
        `(parameter_id, effective_from, urban_json, rural_json, created_at, created_by) VALUES ('dibao.standard', '2026-01-01', '1', '1', 'x', 'a')`,
      ],
      [
        'determinations',
        `(id, household_id, reference_date, parameter_set, parameters_json, input_json, result_json, tier, monthly_benefit_fen, source, proposed_by, proposed_at)
        VALUES (1, 7, '2026-11-01', 'p', '{}', '{}', '{}', 'dibao', 100, 'screening', 1, 'x')`,
      ],
      [
        'determination_decisions',
        `(determination_id, decision, reason, effective_month, decided_by, decided_at) VALUES (1, 'approved', 'r', '2026-11', 1, 'x')`,
      ],
      ['chain_events', `(household_id, at, kind, summary, recorded_by) VALUES (7, '2026-11-01', 'warning', 's', 'u')`],
      ['referral_batches', `(kind, file_name, sha256, rows, created_at, created_by) VALUES ('push', 'f', 'h', 0, 'x', 'u')`],
      ['payment_months', `(month, recipients, total_fen, closed_at, closed_by) VALUES ('2026-10', 0, 0, 'x', 'u')`],
      [
        'payment_adjustments',
        `(household_id, for_month, applied_month, amount_fen, reason, created_at, created_by) VALUES (7, '2026-10', '2026-11', 1, 'r', 'x', 'u')`,
      ],
    ];
    for (const [table, values] of rows) {
      raw.prepare(`INSERT INTO ${table} ${values}`).run();
      expect(() => raw.prepare(`UPDATE ${table} SET rowid = rowid`).run(), table).toThrow(/append-only/);
      expect(() => raw.prepare(`DELETE FROM ${table}`).run(), table).toThrow(/append-only/);
    }
    expect(() =>
      raw.prepare(`INSERT INTO chain_events (household_id, at, kind, summary, recorded_by) VALUES (7, 'x', 'gossip', 's', 'u')`).run(),
    ).toThrow(/CHECK/);
    await store.close();
  });

  it('holds one active person per ID number and the registry to its areas; referral numbers are unique per year', async () => {
    const { store, raw } = await database();
    household(raw, 1);
    household(raw, 2);
    member(raw, 1, 1, 'ID1');
    expect(() => member(raw, 2, 2, 'ID1')).toThrow(/UNIQUE/);
    member(raw, 3, 2, 'ID1', 0); // the same person inactive elsewhere (history)
    expect(() =>
      raw.prepare(`INSERT INTO households (residence, area_id, created_at, updated_at) VALUES ('urban', 99, 'x', 'x')`).run(),
    ).toThrow(/FOREIGN KEY/);
    const referral = raw.prepare(
      `INSERT INTO referrals (number, year, seq, household_id, assistance, department, reason, source, status, created_at, created_by, updated_at)
      VALUES (?, 2026, 1, 1, 'housing', 'housing', 'r', 'manual', 'drafted', 'x', 'u', 'x')`,
    );
    referral.run('ZJ-2026-000001');
    expect(() => referral.run('ZJ-2026-000002')).toThrow(/UNIQUE/);
    const plan = raw.prepare(`EXPLAIN QUERY PLAN SELECT * FROM referrals WHERE department = ? AND status = ?`).all('housing', 'drafted');
    expect((plan as { detail: string }[]).map((p) => p.detail).join(' ')).toContain('referrals_dept_status');
    await store.close();
  });

  it("counts in the registry epoch each change that makes an import's match stale, and no other", async () => {
    const { store, raw } = await database();
    household(raw, 1);
    household(raw, 2);
    const epoch = () => raw.prepare(`SELECT n FROM registry_epoch`).pluck().get() as number;
    member(raw, 7, 1, 'A1');
    expect(epoch()).toBe(0); // a new member cannot make a staged match stale
    raw.prepare(`UPDATE members SET authorised_on = '2026-01-05' WHERE id = 7`).run();
    raw.prepare(`UPDATE members SET authorised_on = '2026-01-05', relation = 'head', labour = 'employed' WHERE id = 7`).run();
    expect(epoch()).toBe(1);
    for (const set of [`name = '王建民'`, `id_number = 'A2'`, `household_id = 2`, `active = 0`])
      raw.prepare(`UPDATE members SET ${set} WHERE id = 7`).run();
    expect(epoch()).toBe(5);
    raw.prepare(`DELETE FROM members WHERE id = 7`).run();
    expect(epoch()).toBe(6);
    await store.close();
  });

  it("empties a household's packed engine input on any write to what it is built from", async () => {
    const { store, raw } = await database();
    household(raw, 5);
    household(raw, 6);
    raw.prepare(`INSERT INTO engine_inputs (household_id, input) VALUES (5, '[]'), (6, '[]')`).run();
    raw.prepare(`UPDATE households SET housing_condition = 'dangerous' WHERE id = 6`).run();
    expect(raw.prepare(`SELECT household_id FROM engine_inputs`).pluck().all()).toEqual([5]);
    member(raw, 1, 5, 'ID5');
    expect(raw.prepare(`SELECT COUNT(*) FROM engine_inputs`).pluck().get()).toBe(0);
    await store.close();
  });

  it("keeps each determination's roster figures beside it, and the roster reads them", async () => {
    const { store, raw } = await database();
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
    const det =
      raw.prepare(`INSERT INTO determinations (id, household_id, reference_date, parameter_set, parameters_json, input_json, result_json,
      tier, monthly_benefit_fen, review_class, source, proposed_by, proposed_at)
      VALUES (?, ?, '2026-06-01', 'p', '{}', '{}', ?, 'dibao', ?, 'B', 'screening', 1, 'x')`);
    const dec = raw.prepare(
      `INSERT INTO determination_decisions (determination_id, decision, reason, effective_month, decided_by, decided_at) VALUES (?, 'approved', 'r', '2026-07', 1, 'x')`,
    );
    for (const [h, gap, addon] of [
      [1, 50_000, 9_000],
      [2, 30_000, 0],
    ]) {
      household(raw, h, 'dibao');
      member(raw, h, h, `A${h}`);
      det.run(h, h, result(gap, addon), gap + addon);
      dec.run(h);
    }
    const figures = raw
      .prepare(
        `SELECT determination_id, tier, monthly_benefit_fen, breakdown, unrounded_fen, present_members FROM determination_figures ORDER BY 1`,
      )
      .all();
    const fromJson = raw
      .prepare(
        `SELECT id AS determination_id, tier, monthly_benefit_fen, json_extract(result_json, '$.breakdown') AS breakdown,
        json_extract(result_json, '$.unroundedFen') AS unrounded_fen, json_extract(result_json, '$.presentMembers') AS present_members FROM determinations ORDER BY 1`,
      )
      .all();
    expect(figures).toEqual(fromJson);
    expect(computeRoster(raw, '2026-11').map((l) => [l.householdId, l.tier, l.amountFen, l.baseFen, l.addonFen])).toEqual([
      [1, 'dibao', 59_000, 50_000, 9_000],
      [2, 'dibao', 30_000, 30_000, 0],
    ]);
    await store.close();
  });

  it("shows a warning's raising in the chain from the warnings table, once; a warning as raised is never changed or deleted", async () => {
    const { store, raw } = await database();
    household(raw, 7);
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
    expect(raw.prepare(`SELECT COUNT(*) FROM chain_events`).pluck().get()).toBe(0);
    const lines = (c: ReturnType<typeof listChain>) => c.map((e) => [e.at, e.kind, e.status, e.refId, e.recordedBy, e.summary]);
    const raised = [
      '2026-11-02',
      'warning',
      'open',
      1,
      'clerk1',
      `预警：住院个人自付费用较高（甲），医疗救助或临时救助，刚性支出评估；核查期限 ${cal.addWorkingDays('2026-11-02', 5)}`,
    ];
    expect(lines(listChain(raw, { householdId: 7 }))).toEqual([raised]);
    expect(lines(listChain(raw, { idNumber: 'ID7' }))).toEqual([raised]);
    expect(lines(listChain(raw, { idNumber: 'ID8' }))).toEqual([]);
    // A person's warnings are found through the deduplication index, not by a scan of the table.
    const plan = raw
      .prepare(`EXPLAIN QUERY PLAN SELECT * FROM warnings WHERE rule IN (${RULE_IDS.map((r) => `'${r}'`).join(',')}) AND id_number = 'ID7'`)
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/SEARCH warnings USING INDEX warnings_dedup \(rule=\? AND id_number=\?\)/);
    // Assigning and closing change their own columns; what was raised, never; nothing is deleted.
    raw.prepare(`UPDATE warnings SET status = 'closed', outcome = 'no_change', assignee_id = 3 WHERE id = 1`).run();
    for (const set of [
      `due_on = '2027-01-01'`,
      `rule = 'death'`,
      `household_id = 8`,
      `evidence = 'x'`,
      `raised_by = 'x'`,
      `department = 'x'`,
      `person_name = '乙'`,
    ]) {
      expect(() => raw.prepare(`UPDATE warnings SET ${set} WHERE id = 1`).run(), set).toThrow(/append-only/);
    }
    expect(() => raw.prepare(`DELETE FROM warnings WHERE id = 1`).run()).toThrow(/append-only/);
    await store.close();
  });
});
