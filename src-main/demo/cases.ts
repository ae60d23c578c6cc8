/**
 * The demo county's applications (docs/rules/workstations.md, "Delegation, time limits and checks"): households not yet in a
 * tier apply, and their cases stand at every stage — some overdue, one with an objection before its appraisal, one from a
 * close relative of staff waiting for the county's visit, decisions at the county and (delegated) at townships, last month's
 * spot-check draw — so the Cases screen and its reports are not empty on first run. Dates count back from today.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Actor } from '../audit/actor';
import { addMonths, monthOf, todayIso } from '../common/dates';
import { all, first, qb } from '../db/query';
import { openCase, recordStep, type StepInput } from '../cases/cases';
import { setDelegation } from '../cases/delegation';
import { drawSpotChecks } from '../cases/spot-checks';

type Plan = { tier: 'dibao' | 'tekun'; ago: number; relative?: string; steps: [number, StepInput['kind'], Partial<StepInput>?][] };

const visit = (level: 'township' | 'county' = 'township'): Partial<StepInput> => ({
  level,
  staff: level === 'county' ? ['县局赵敏', '县局钱程'] : ['乡镇李娜', '村干部王强'],
  findings: '入户核实家庭人口、收入和住房情况，与申请一致',
});
const through = (ago: number, pubAgo: number): Plan['steps'] => [
  [ago - 1, 'investigation_started'],
  [ago - 2, 'home_visit', visit()],
  [ago - 3, 'investigated'],
  [ago - 5, 'check_started'],
  [pubAgo, 'publicity'],
];

/** The plans: days before today of the application and of each stage. */
const PLANS: Plan[] = [
  { tier: 'dibao', ago: 1, steps: [] },
  { tier: 'tekun', ago: 12, steps: [] }, // overdue: the investigation never started
  { tier: 'dibao', ago: 6, steps: [[5, 'investigation_started']] },
  {
    tier: 'dibao',
    ago: 20,
    steps: [
      [19, 'investigation_started'],
      [17, 'home_visit', visit()],
      [16, 'investigated'],
    ],
  }, // overdue: no county check
  {
    tier: 'dibao',
    ago: 14,
    relative: '申请人系东街社区会计之兄',
    steps: [
      [13, 'investigation_started'],
      [12, 'home_visit', visit()],
    ],
  },
  { tier: 'dibao', ago: 16, steps: through(16, 3) },
  {
    tier: 'tekun',
    ago: 22,
    steps: [...through(22, 9), [7, 'objection', { by: '村民', what: '反映其子在县城有稳定工作', handling: '提交民主评议核实' }]],
  },
  { tier: 'dibao', ago: 40, steps: through(40, 24) }, // overdue: publicity ended long ago, no decision
  { tier: 'dibao', ago: 30, steps: [...through(30, 20), [10, 'decided', { reason: '经调查公示无异议，符合低保条件' }]] },
  {
    tier: 'dibao',
    ago: 28,
    steps: [...through(28, 18), [8, 'refused', { reason: '家庭人均收入高于当地低保标准，不符合条件，已书面告知' }]],
  },
  { tier: 'dibao', ago: 9, steps: [[8, 'withdrawn', { reason: '申请人外出务工，自愿撤回' }]] },
];

export function seedDemoCases(raw: BetterSqlite3.Database, opts: { now: Date }): number {
  if (first(raw, qb.selectFrom('cases').select('id'))) return 0;
  const users = all(raw, qb.selectFrom('users').select(['id', 'username', 'role']).where('active', '=', 1).orderBy('id'));
  const clerk = users.find((u) => u.role === 'clerk') ?? users[0];
  const manager = users.find((u) => u.role === 'manager') ?? users[0];
  if (!clerk || !manager) return 0;
  const as = (u: { id: number; username: string }): Actor => ({ userId: u.id, username: u.username });
  const today = todayIso(opts.now);
  const back = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
  // Households outside any tier, one per township in turn, apply.
  const free = all(
    raw,
    qb
      .selectFrom('households as h')
      .innerJoin('areas as v', 'v.id', 'h.area_id')
      .select(['h.id', 'v.parent_id as township'])
      .where('h.current_tier', 'is', null)
      .where('h.status', '=', 'active')
      .orderBy('h.id')
      .limit(400),
  );
  const byTownship = new Map<number | null, number[]>();
  for (const h of free) byTownship.set(h.township, [...(byTownship.get(h.township) ?? []), h.id]);
  const queues = [...byTownship.values()];
  const picks: number[] = [];
  for (let i = 0; picks.length < PLANS.length * 2 && queues.some((q) => q.length); i++) {
    const id = queues[i % queues.length].shift();
    if (id !== undefined) picks.push(id);
  }
  const lastMonth = addMonths(monthOf(today), -1);
  // Townships decide dibao themselves since a year ago; their decisions are filed with the county.
  setDelegation(
    raw,
    {
      effectiveFrom: `${addMonths(lastMonth, -11)}-01`,
      townshipsDecideDibao: true,
      townshipsDecideTekun: false,
      temporaryBandFen: 100_000,
    },
    as(manager),
    opts.now,
  );
  let n = 0;
  const plans: Plan[] = [...PLANS];
  // Last month's township decisions, for the spot-check draw.
  const lastMonthDay = (d: number) =>
    Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${lastMonth}-${String(d).padStart(2, '0')}T00:00:00Z`)) / 86_400_000);
  for (const d of [8, 12, 16, 20]) {
    const ago = lastMonthDay(d);
    plans.push({
      tier: 'dibao',
      ago: ago + 20,
      steps: [...through(ago + 20, ago + 9), [ago, 'decided', { level: 'township', reason: '乡镇审批：符合低保条件（报县备案）' }]],
    });
  }
  for (const [i, p] of plans.entries()) {
    const householdId = picks[i];
    if (householdId === undefined) break;
    const id = openCase(
      raw,
      {
        householdId,
        tierApplied: p.tier,
        receivedOn: back(p.ago),
        relativeOfStaff: !!p.relative,
        ...(p.relative ? { relativeNote: p.relative } : {}),
      },
      as(clerk),
      opts.now,
    );
    for (const [ago, kind, extra] of p.steps) {
      const step = { ...extra, kind, on: back(ago) } as StepInput; // the plans above pair each kind with its fields
      recordStep(raw, id, step, as(kind === 'decided' || kind === 'refused' ? manager : clerk), opts.now);
    }
    n++;
  }
  try {
    drawSpotChecks(raw, { month: lastMonth, seed: 20_260_101 }, as(manager), opts.now);
  } catch {
    // A county too small for last month's township decisions has nothing to draw.
  }
  return n;
}
