/**
 * The demo county's history, so that a newcomer's first start shows a living office:
 * approved determinations for the households the generator put in a tier (evaluated by the
 * engine with the county parameters), twelve closed months of payments ending last month,
 * a few corrections paid as adjustments, gradual exits running out, some households stopping
 * after their income rose, referrals to departments and a charity with their results, and
 * the assistance chain of all of it. Deterministic for a seed and a `now`.
 *
 * Notes:
 * - The demo parameters take effect on 2026-01-01 (docs/rules/assistance.md §9). History months
 *   before that date are computed with the earliest parameters in force (a demo back-fill).
 * - Warnings are not generated yet (the monitoring module's tables and rules arrived late);
 *   `warnings` in the result stays 0.
 * - Idempotent: a database that already has closed months is left as it is.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';

import { evaluate, type Determination } from '../policy/engine';
import type { ParameterSet } from '../common/parameters';
import type { HouseholdData } from '../common/household-file';
import { streamHouseholds } from '../registry/stream';
import { ensureDefaultParameters, parametersOn } from '../policy/parameter-store';
import { addMonths, monthOf, todayIso } from '../common/dates';
import { mulberry32 } from './generator';
import { createReferral, recordResult } from '../referrals/records';
import { markPushed } from '../referrals/referrals';
import { DEPARTMENT_OF } from '../referrals/codes';
import { addAdjustment, closeMonth } from '../payments/months';
import { createOrganisation, createProgramme } from '../charity/charity';
import { at, recordDetermination, setInForce } from './history-records';
import { all, first as firstRow, qb, run } from '../db/query';

export interface HistoryOptions {
  seed?: number;
  now: Date;
  /** Closed months ending last month (default 12). */
  months?: number;
  /** Referrals and their results (default true). */
  referrals?: boolean;
  /** Payment events on the chain per household and month (default true). */
  paymentEvents?: boolean;
}

export interface HistoryResult {
  determinations: number;
  months: number;
  paymentLines: number;
  referrals: number;
  adjustments: number;
  warnings: number;
}

const BATCH = 2000;

export function seedDemoHistory(raw: BetterSqlite3.Database, opts: HistoryOptions): HistoryResult {
  const u = mulberry32(((opts.seed ?? 1) ^ 0x5eed1e55) >>> 0);
  const nMonths = opts.months ?? 12;
  const result: HistoryResult = { determinations: 0, months: 0, paymentLines: 0, referrals: 0, adjustments: 0, warnings: 0 };
  if (firstRow(raw, qb.selectFrom('payment_months').select('month').limit(1))) return result;
  ensureDefaultParameters(raw, opts.now);
  const users = all(raw, qb.selectFrom('users').select(['id', 'username', 'role']).where('active', '=', 1).orderBy('id'));
  if (users.length === 0) throw new Error('the demo history needs the office users (clerk, manager)');
  const clerk = users.find((x) => x.role === 'clerk') ?? users[0];
  const manager = users.find((x) => x.role === 'manager' && x.id !== clerk.id) ?? users.find((x) => x.id !== clerk.id) ?? users[0];
  const clerkActor = { userId: clerk.id, username: clerk.username };
  const managerActor = { userId: manager.id, username: manager.username };

  const last = addMonths(monthOf(todayIso(opts.now)), -1);
  const first = addMonths(last, -(nMonths - 1));
  const refDate = `${addMonths(first, -1)}-15`;
  let params: ParameterSet;
  try {
    params = parametersOn(raw, refDate);
  } catch {
    // The first date on which every parameter has a value.
    const earliest = firstRow(
      raw,
      qb
        .selectFrom((eb) =>
          eb
            .selectFrom('parameter_values')
            .select((e) => ['parameter_id', e.fn.min('effective_from').as('effective_from')])
            .groupBy('parameter_id')
            .as('p'),
        )
        .select((eb) => eb.fn.max('p.effective_from').as('d')),
    )?.d;
    params = parametersOn(raw, earliest ?? refDate);
  }
  const paramsJson = JSON.stringify(params);
  const referralCount = () =>
    firstRow(
      raw,
      qb.selectFrom('referrals').select((eb) => eb.fn.countAll<number>().as('n')),
    )?.n ?? 0;

  type Plan = { id: number; data: HouseholdData; start: string; d: ReturnType<typeof evaluate> };
  const recipients: Plan[] = [];

  const recording = { clerk, manager, refDate, paramsJson };
  const record = (
    hid: number,
    data: HouseholdData,
    d: Determination,
    effective: string,
    note: string,
    reason: string,
    prevTier: string | null,
  ) => {
    const id = recordDetermination(raw, recording, hid, data, d, effective, note, reason, prevTier);
    result.determinations++;
    return id;
  };

  const maxId =
    firstRow(
      raw,
      qb.selectFrom('households').select((eb) => eb.fn.max('id').as('m')),
    )?.m ?? 0;
  for (let lo = 1; lo <= maxId; lo += BATCH) {
    const batch: { id: number; data: HouseholdData; d: ReturnType<typeof evaluate> }[] = [];
    for (const h of streamHouseholds(raw, { fromId: lo, toId: lo + BATCH - 1 })) {
      if (!h.data.current?.tier) continue;
      batch.push({ id: h.id, data: h.data, d: evaluate(h.data, params, refDate) });
    }
    raw.transaction(() => {
      for (const b of batch) {
        if (b.d.tier === 'none') {
          setInForce(raw, b.id, null, 0, null);
          continue;
        }
        // Most households were in the register before the history starts; the rest join during the year.
        const start = u() < 0.8 ? first : addMonths(first, 1 + Math.floor(u() * Math.max(1, nMonths - 2)));
        record(
          b.id,
          b.data,
          b.d,
          start,
          start === first ? '演示：建档时认定' : '演示：新申请',
          '材料齐全，经入户调查和公示，符合条件',
          null,
        );
        setInForce(
          raw,
          b.id,
          b.d.tier,
          b.d.monthlyBenefitFen,
          b.d.gradualExit ? (b.data.current?.gradualExitSince ?? monthOf(refDate)) : null,
        );
        if (b.d.monthlyBenefitFen > 0) recipients.push({ id: b.id, data: b.data, start, d: b.d });
      }
    })();
  }

  // A few households stop during the year after their income rose (a new determination).
  const stops = new Map<number, string>();
  raw.transaction(() => {
    for (const p of recipients) {
      if (p.d.gradualExit || u() >= 0.025 || nMonths < 4) continue;
      const adult = p.data.members.find((m) => m.status === 'present' && m.labour !== 'unable' && m.labour !== 'retired');
      if (!adult) continue;
      const month = addMonths(p.start, 2 + Math.floor(u() * Math.max(1, nMonths - 3)));
      if (month > last) continue;
      const data: HouseholdData = {
        ...p.data,
        members: p.data.members.map((m) =>
          m === adult ? { ...m, labour: 'employed', monthlyIncome: [...m.monthlyIncome, { type: 'wage', amount: 4000 }] } : m,
        ),
      };
      const d = evaluate(data, params, `${addMonths(month, -1)}-10`);
      if (d.monthlyBenefitFen >= p.d.monthlyBenefitFen) continue;
      record(p.id, data, d, month, '演示：复核发现收入增加', `复核：${adult.name} 就业，家庭收入增加`, p.d.tier);
      setInForce(raw, p.id, d.tier === 'none' ? null : d.tier, d.monthlyBenefitFen, null);
      stops.set(p.id, month);
    }
  })();

  // Referrals: the entitlements of some recipients, pushed during the year, most answered.
  let orgProgramme: number | null = null;
  if (opts.referrals !== false && recipients.length) {
    const sys = { userId: null, username: 'system' };
    const orgId = createOrganisation(raw, { name: '示范县慈善总会', contact: '县慈善总会办公室' }, sys, at(first, 1));
    orgProgramme = createProgramme(
      raw,
      { organisationId: orgId, name: '困难家庭助学助医', assistance: 'charity', description: '公共救助后仍有困难的家庭' },
      sys,
      at(first, 1),
    );
  }

  for (let mi = 0; mi < nMonths; mi++) {
    const month = addMonths(first, mi);
    if (opts.referrals !== false) {
      raw.transaction(() => {
        const made: { id: number; dept: string }[] = [];
        for (const p of recipients) {
          if (p.start > month || stops.has(p.id) || u() >= 0.04) continue;
          const e = p.d.entitlements[Math.floor(u() * Math.max(1, p.d.entitlements.length))];
          const charity = !e || u() < 0.08;
          if (charity && orgProgramme === null) continue;
          const r = charity
            ? {
                householdId: p.id,
                idNumber: null,
                assistance: 'charity',
                department: 'charity',
                reason: '公共救助后生活仍有困难，转介慈善帮扶',
                source: 'manual' as const,
                programmeId: orgProgramme,
              }
            : {
                householdId: p.id,
                idNumber: e.idNumber,
                assistance: e.assistance,
                department: DEPARTMENT_OF[e.assistance],
                reason: '认定结果列明的专项救助，按需推送',
                source: 'entitlement' as const,
              };
          const before = referralCount();
          const id = createReferral(raw, r, clerkActor, at(month, 3 + Math.floor(u() * 5)));
          if (referralCount() === before) continue;
          made.push({ id, dept: r.department });
          result.referrals++;
        }
        const pushedAt = at(month, 10);
        for (const dept of new Set(made.map((m) => m.dept))) {
          const ids = made.filter((m) => m.dept === dept).map((m) => m.id);
          const batch = run(
            raw,
            qb.insertInto('referral_batches').values({
              kind: 'push',
              department: dept,
              file_name: `推送清单-${dept}-${month.replace('-', '')}10.xlsx`,
              sha256: 'demo',
              rows: ids.length,
              created_at: pushedAt.toISOString(),
              created_by: clerk.username,
            }),
          ).lastInsertRowid;
          markPushed(raw, ids, clerkActor, pushedAt, batch);
        }
        // Results come back within the month for most; the last two months leave some open.
        for (const m of made) {
          const x = u();
          if (mi >= nMonths - 2 && x < 0.5) continue;
          // The referral createReferral has just made.
          const ref = firstRow(
            raw,
            qb
              .selectFrom('referrals')
              .select(['id', 'number', 'household_id', 'id_number', 'assistance', 'department'])
              .where('id', '=', m.id),
          )!;
          const res =
            x < 0.85
              ? assistedResult(ref.assistance, u)
              : {
                  result: (x < 0.93 ? 'declined' : 'not_eligible') as 'declined' | 'not_eligible',
                  amountFen: null,
                  item: null,
                  reason: x < 0.93 ? '本人放弃申请' : '不符合该项救助条件',
                };
          const date = `${month}-${String(18 + Math.floor(u() * 8)).padStart(2, '0')}`;
          recordResult(raw, ref, { ...res, date }, clerkActor, at(month, 26), null);
        }
      })();
    }
    // Corrections of the previous closed month, paid with this month.
    if (mi > 0 && recipients.length) {
      const prevMonth = addMonths(month, -1);
      const candidates = all(
        raw,
        qb.selectFrom('payment_lines').select('household_id').where('month', '=', prevMonth).orderBy('household_id'),
      );
      const n = Math.max(0, Math.round(candidates.length * 0.004));
      for (let i = 0; i < n; i++) {
        const hid = candidates[Math.floor(u() * candidates.length)].household_id;
        const fen = u() < 0.7 ? 5000 * (1 + Math.floor(u() * 4)) : -5000;
        try {
          addAdjustment(
            raw,
            { householdId: hid, forMonth: prevMonth, amountFen: fen, reason: fen > 0 ? '上月分类施保漏发，补发' : '上月多发，扣回' },
            managerActor,
            at(month, 2),
          );
          result.adjustments++;
        } catch {
          /* the same household twice: fine to skip */
        }
      }
    }
    const r = closeMonth(raw, month, managerActor, at(month, 5, 16), { chainEvents: opts.paymentEvents !== false });
    result.months++;
    result.paymentLines += r.recipients;
  }
  appendAudit(raw, {
    userId: null,
    username: 'system',
    action: 'bulk_load',
    entity: 'demo_history',
    entityId: null,
    summary: `demo history ${first}..${last}: ${result.determinations} determinations, ${result.months} closed months, ${result.paymentLines} payment lines, ${result.referrals} referrals`,
    after: result,
    at: opts.now.toISOString(),
  });
  return result;
}

function assistedResult(
  assistance: string,
  u: () => number,
): { result: 'assisted'; amountFen: number | null; item: string | null; reason: string | null } {
  switch (assistance) {
    case 'medical':
      return { result: 'assisted', amountFen: (800 + Math.floor(u() * 60) * 100) * 100, item: '住院自付费用救助', reason: null };
    case 'education':
      return { result: 'assisted', amountFen: 200000, item: '国家助学金', reason: null };
    case 'housing':
      return { result: 'assisted', amountFen: null, item: u() < 0.5 ? '农村危房改造' : '公租房配租', reason: null };
    case 'employment':
      return { result: 'assisted', amountFen: null, item: '公益性岗位', reason: null };
    case 'temporary':
      return { result: 'assisted', amountFen: (1000 + Math.floor(u() * 20) * 100) * 100, item: '临时救助金', reason: null };
    default:
      return { result: 'assisted', amountFen: (500 + Math.floor(u() * 20) * 100) * 100, item: '慈善救助金', reason: null };
  }
}
