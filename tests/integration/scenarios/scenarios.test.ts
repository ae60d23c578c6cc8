/**
 * Scenarios (docs/rules/assistance.md §9): a run on a seeded county through the service, with
 * the properties the issue names: no change costs nothing, a higher standard removes nobody and
 * explains every lower amount, the townships add up, budget mode's answer fits by one yuan.
 */
import { describe, expect, it } from 'vitest';
import { adminService, type AccountSpec, rowCount, typedClient } from '../../fixtures/builders';
import { seedDemoCounty } from '../../../src-main/demo/seed';
import { scenarioFinished } from '../../../src-main/scenarios/run';
import { all, qb } from '../../../src-main/db/query';
import type { Input } from '../../../src-main/contract';

const DATE = '2027-01-01';
/** Two managers, made the office's way: asked, confirmed, initial password changed (docs/security.md). */
const MANAGERS: AccountSpec[] = [
  { username: 'mgr1', role: 'manager', password: 'secret33', displayName: '科长' },
  { username: 'mgr2', role: 'manager', password: 'secret44', displayName: '副局长' },
];

async function county(households: number, seed: number) {
  let t = new Date('2026-12-01T09:00:00Z');
  const s = await adminService({ now: () => t }, MANAGERS);
  seedDemoCounty(s.store, households, { seed });
  const m1 = typedClient(s.service, s.accounts.mgr1);
  const m2 = typedClient(s.service, s.accounts.mgr2);
  const runAndWait = async (input: Input<'scenarios.run'>) => {
    const { id } = await m1.value('scenarios.run', input);
    await scenarioFinished(id);
    return m1.value('scenarios.get', { id });
  };
  return { ...s, m1, m2, runAndWait, tick: () => (t = new Date(t.getTime() + 60_000)) };
}

describe('scenarios', () => {
  it('a scenario identical to the parameters in force changes nothing and costs nothing extra', async () => {
    const c = await county(600, 3);
    const same = await c.runAndWait({
      name: '不变',
      effectiveFrom: DATE,
      changes: [{ parameterId: 'dibao.standard', residence: 'rural', value: 600 }],
    });
    expect(same.status).toBe('done');
    const s = same.summary!;
    expect(s.evaluated).toBe(600);
    expect(s.households).toMatchObject({ newlyEligible: 0, leaving: 0, tierUp: 0, tierDown: 0, benefitChanged: 0, unchanged: 600 });
    expect(s.monthlyCost.delta).toBe(0);
    expect(s.monthlyCost.before).toBeGreaterThan(0);
    expect(s.deltas.every((d) => d.households === 0)).toBe(true);
    expect((await c.m1.value('scenarios.results', { id: same.id })).total).toBe(0);
    // Recorded: who, the parameters, the registry state it read; and audited.
    expect(same).toMatchObject({ startedBy: 'mgr1', registryChanged: false, beforeSet: 'county@2026-01-01' });
    expect(same.auditSeq).toBeGreaterThan(0);
    const audit = all(c.store.raw, qb.selectFrom('audit_log').selectAll().where('entity', '=', 'scenario'));
    expect(audit.map((a) => a.action)).toEqual(['run']);
  }, 60_000);

  for (const seed of [5, 8, 13]) {
    it(`raising a standard removes nobody, explains every lower amount by a tier change, and the townships add up (seed ${seed})`, async () => {
      const c = await county(800, seed);
      const r = await c.runAndWait({
        name: '农村标准提高',
        effectiveFrom: DATE,
        changes: [
          { parameterId: 'dibao.standard', residence: 'rural', value: 600 + 20 * seed },
          { parameterId: 'dibao.standard', residence: 'urban', value: 780 },
        ],
      });
      const s = r.summary!;
      expect(s.households.leaving).toBe(0);
      expect(s.households.newlyEligible + s.households.benefitChanged).toBeGreaterThan(0);
      expect(s.monthlyCost.delta).toBeGreaterThan(0);
      const kinds = s.households;
      expect(kinds.newlyEligible + kinds.leaving + kinds.tierUp + kinds.tierDown + kinds.benefitChanged + kinds.unchanged).toBe(800);
      const { rows, total } = await c.m1.value('scenarios.results', { id: r.id, pageSize: 200 });
      let all = rows;
      for (let page = 2; all.length < total; page++)
        all = all.concat((await c.m1.value('scenarios.results', { id: r.id, pageSize: 200, page })).rows);
      expect(all).toHaveLength(total);
      for (const x of all) {
        // Out of assistance altogether: no tier and no amount (a single-person inclusion has an amount without a tier, §1.3).
        expect(x.afterTier === 'none' && x.afterFen === 0).toBe(false);
        expect(x.reasons.length).toBeGreaterThan(0);
        if (x.afterFen < x.beforeFen) {
          // A tier change, or a gradual exit ending: eligible again, the household is paid its gap instead of its last amount (§10.10).
          expect(x.afterTier !== x.beforeTier || x.gradualExit === 'leaves').toBe(true);
          expect(x.reasons.length).toBeGreaterThan(0);
        }
      }
      // By township, by village and by tier, the sums are the totals.
      const sum = (xs: { before: number; after: number }[]) => xs.reduce((a, x) => [a[0] + x.before, a[1] + x.after], [0, 0]);
      expect(sum(s.byTownship)).toEqual([s.monthlyCost.before, s.monthlyCost.after]);
      expect(sum(s.byTier)).toEqual([s.monthlyCost.before, s.monthlyCost.after]);
      for (const t of s.byTownship) expect(sum(t.villages)).toEqual([t.before, t.after]);
      expect(s.byTownship.reduce((n, t) => n + t.changed, 0)).toBe(total);
      expect(s.annualCost.delta).toBe(12 * s.monthlyCost.delta);
      expect(s.deltas.reduce((n, d) => n + d.households, 0)).toBe(all.filter((x) => x.afterFen !== x.beforeFen).length);
    }, 60_000);
  }

  it('lists the households affected filtered and sorted by any column, and exports them', async () => {
    const c = await county(800, 5);
    const r = await c.runAndWait({
      name: '提标',
      effectiveFrom: DATE,
      changes: [{ parameterId: 'dibao.standard', residence: 'both', value: 800 }],
    });
    const byDelta = await c.m1.value('scenarios.results', { id: r.id, sort: 'deltaFen', desc: true, pageSize: 200 });
    const deltas = byDelta.rows.map((x) => x.afterFen - x.beforeFen);
    expect(deltas).toEqual([...deltas].sort((a, b) => b - a));
    const byVillage = await c.m1.value('scenarios.results', { id: r.id, sort: 'village', pageSize: 200 });
    const villages = byVillage.rows.map((x) => x.village);
    expect(villages).toEqual([...villages].sort());
    const newly = await c.m1.value('scenarios.results', { id: r.id, kind: 'newly_eligible' });
    expect(newly.total).toBe(r.summary!.households.newlyEligible);
    expect(newly.rows.every((x) => x.kind === 'newly_eligible' && x.beforeTier === 'none')).toBe(true);
    const town = r.summary!.byTownship[0];
    const inTown = await c.m1.value('scenarios.results', { id: r.id, townshipId: town.id });
    expect(inTown.total).toBe(town.changed);
    const dibao = await c.m1.value('scenarios.results', { id: r.id, tier: 'dibao', pageSize: 200 });
    expect(dibao.rows.every((x) => x.beforeTier === 'dibao' || x.afterTier === 'dibao')).toBe(true);
    const xlsx = await c.m1.value('scenarios.exportXlsx', { id: r.id, kind: 'newly_eligible' });
    expect(xlsx.rows).toBe(newly.total);
    expect(Buffer.from(xlsx.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
    // A clerk may not run scenarios.
    const clerk = typedClient(c.service, await c.addUser('clerk1', 'clerk', 'secret22', '经办'));
    expect((await clerk.call('scenarios.list', {})).ok).toBe(false);
    // A finished run is immutable.
    expect(() => c.store.raw.prepare(`UPDATE scenario_runs SET name = 'x' WHERE id = ?`).run(r.id)).toThrow(/immutable/);
    expect(() => c.store.raw.prepare(`DELETE FROM scenario_results WHERE run_id = ?`).run(r.id)).toThrow(/immutable/);
  }, 60_000);

  it('refuses what it cannot run: an unknown value, a rate above 1, a second run at once; and cancels', async () => {
    const c = await county(3000, 2);
    const bad = await c.m1.call('scenarios.run', {
      name: 'x',
      effectiveFrom: DATE,
      changes: [{ parameterId: 'addon.rate', residence: 'both', value: 1.5 }],
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_parameter', field: 'changes.0.value' } });
    const cents = await c.m1.call('scenarios.run', {
      name: 'x',
      effectiveFrom: DATE,
      changes: [{ parameterId: 'dibao.standard', residence: 'both', value: 600.123 }],
    });
    expect(cents).toMatchObject({ ok: false, error: { field: 'changes.0.value' } });
    const { id } = await c.m1.value('scenarios.run', {
      name: '取消',
      effectiveFrom: DATE,
      changes: [{ parameterId: 'dibao.standard', residence: 'both', value: 900 }],
    });
    expect(await c.m1.call('scenarios.run', { name: 'y', effectiveFrom: DATE, changes: [] })).toMatchObject({
      ok: false,
      error: { code: 'scenario_running' },
    });
    await c.m1.value('scenarios.cancel', { id });
    const r = await c.m1.value('scenarios.get', { id });
    expect(r.status).toBe('cancelled');
    expect(rowCount(c.store.raw, 'scenario_results')).toBe(0);
    // A run the app left running when it stopped is marked failed by the next one.
    c.store.raw
      .prepare(
        `INSERT INTO scenario_runs (name, mode, effective_from, changes_json, before_set, after_json, status, audit_seq, registry_epoch,
      started_by, started_at) VALUES ('stale', 'run', ?, '[]', 'x', '{}', 'running', 0, 0, 'mgr1', '2026-12-01')`,
      )
      .run(DATE);
    const next = await c.runAndWait({ name: '再次', effectiveFrom: DATE, changes: [] });
    expect(next.status).toBe('done');
    expect(await c.m1.value('scenarios.get', { id: next.id - 1 })).toMatchObject({
      status: 'failed',
      error: 'interrupted (the app stopped)',
    });
  }, 60_000);
});
