/**
 * Temporary assistance in the demo county (docs/rules/temporary-service-recovery.md §11): from January of
 * the current year to today, each month some small quick assistance paid from the townships' standby
 * funds, an assist-first case with its paperwork, expenditure cases computed by §11.2, decided and paid
 * (some in two stages), a non-local person now and then, and one 一事一议 case waiting for a second
 * manager. Seeded before the history closes its months, through the same code the screens use, so the
 * payments, chains and funds are what the office would have recorded. Deterministic for a seed and `now`.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../common/errors';
import { checkCharacter } from '../common/id-number';
import { addMonths, monthOf, todayIso } from '../common/dates';
import { EMERGENCY_REASONS, EXPENDITURE_REASONS, type Role } from '../common/codes';
import { all, qb } from '../db/query';
import { mulberry32 } from '../common/random';
import { createCase, type NewCase } from '../temporary/cases';
import { decide } from '../temporary/decide';
import { pay } from '../temporary/pay';
import { checkPaperwork, recordPaperwork } from '../temporary/paperwork';
import { topUp } from '../temporary/fund';

export interface TemporaryDemoResult {
  cases: number;
  skipped: number;
}

const HUKOU = ['四川省南充市', '河南省周口市', '甘肃省天水市', '安徽省阜阳市', '贵州省毕节市'];
const SURNAMES = ['陈', '刘', '杨', '黄', '周', '吴'];
const GIVEN = ['志强', '春梅', '建军', '秀兰', '海涛', '丽娟'];

const idNumberOf = (first17: string) => first17 + checkCharacter(first17);

export function seedDemoTemporary(raw: BetterSqlite3.Database, opts: { seed?: number; now: Date }): TemporaryDemoResult {
  const u = mulberry32(((opts.seed ?? 1) ^ 0x7e3a9) >>> 0);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(u() * xs.length)];
  const result: TemporaryDemoResult = { cases: 0, skipped: 0 };
  const users = all(raw, qb.selectFrom('users').select(['id', 'username', 'role']).where('active', '=', 1).orderBy('id'));
  const clerkRow = users.find((x) => x.role === 'clerk');
  const managerRow = users.find((x) => x.role === 'manager');
  if (!clerkRow || !managerRow) return result;
  const clerk = { userId: clerkRow.id, username: clerkRow.username, role: 'clerk' as Role };
  const manager = { userId: managerRow.id, username: managerRow.username, role: 'manager' as Role };
  const households = all(
    raw,
    qb
      .selectFrom('households as h')
      .innerJoin('members as m', (j) => j.onRef('m.household_id', '=', 'h.id').on('m.relation', '=', 'head').on('m.active', '=', 1))
      .innerJoin('areas as v', 'v.id', 'h.area_id')
      .select(['h.id', 'h.current_tier', 'v.parent_id as townshipId'])
      .where('h.status', '=', 'active')
      .orderBy('h.id'),
  );
  if (households.length === 0 || all(raw, qb.selectFrom('temporary_cases').select('id').limit(1)).length > 0) return result;
  const inTier = households.filter((h) => h.current_tier !== null);
  const today = todayIso(opts.now);
  const year = today.slice(0, 4);
  // Ten in the morning of the day, as the office would record it.
  const at = (day: string) => new Date(`${day}T02:00:00Z`);
  const attempt = (day: string, f: () => void) => {
    if (day > today) return;
    try {
      f();
      result.cases++;
    } catch (e) {
      // A limit of §11.4 met by chance (same reason this year, a fund running low): the office would not record it either.
      if (!(e instanceof AppError)) throw e;
      result.skipped++;
    }
  };
  const create = (day: string, c: Omit<NewCase, 'eventDate' | 'requestedOn'>, who = clerk) =>
    createCase(raw, { ...c, eventDate: day, requestedOn: day, paidOn: day }, who, at(day));

  for (let month = `${year}-01`; month <= monthOf(today); month = addMonths(month, 1)) {
    const day = (d: number) => `${month}-${String(Math.min(d, 28)).padStart(2, '0')}`;
    for (let i = 0; i < 4; i++) {
      const h = pick(households);
      const d = day(3 + i * 6);
      attempt(d, () =>
        create(d, {
          track: 'quick',
          kind: 'emergency',
          reason: pick(EMERGENCY_REASONS),
          householdId: h.id,
          requestedFen: 20_000 + Math.floor(u() * 40) * 1_000,
        }),
      );
    }
    const af = pick(households);
    const afDay = day(9);
    attempt(afDay, () => {
      const r = create(afDay, {
        track: 'assist_first',
        kind: 'emergency',
        reason: pick(['disaster', 'accident', 'fire'] as const),
        householdId: af.id,
        requestedFen: 100_000 + Math.floor(u() * 60) * 1_000,
      });
      // The paperwork is done within the deadline — except last month's, now overdue (its warning is raised below), and this month's.
      if (month < addMonths(monthOf(today), -1))
        recordPaperwork(
          raw,
          {
            id: r.id,
            verifiedOn: day(15),
            visitedOn: day(15),
            visitStaff: ['经办员甲', '经办员乙'],
            publicityFrom: day(16),
            note: '补办核对、入户调查和公示',
          },
          clerk,
          at(day(16)),
        );
    });
    for (let i = 0; i < 2 && inTier.length > 0; i++) {
      const h = pick(inTier);
      const d = day(5 + i * 10);
      attempt(d, () => {
        const r = create(d, {
          track: 'ordinary',
          kind: 'expenditure',
          reason: pick(EXPENDITURE_REASONS),
          householdId: h.id,
          spendingFen: 300_000 + Math.floor(u() * 120) * 10_000,
        });
        if (r.band === 'case_by_case') return; // waits for two managers (the demo office has one)
        const decidedOn = day(5 + i * 10 + 3);
        if (decidedOn > today) return;
        decide(raw, { id: r.id, decision: 'approve', reason: '经核对，家庭经济状况属实，同意救助' }, manager, at(decidedOn));
        const twoStages = u() < 0.3 && r.amountFen > 100_000;
        const first = twoStages ? Math.floor(r.amountFen / 2) : r.amountFen;
        pay(raw, { id: r.id, paidOn: decidedOn, amountFen: first }, clerk, at(decidedOn));
        if (twoStages && day(27) <= today) pay(raw, { id: r.id, paidOn: day(27), amountFen: r.amountFen - first }, clerk, at(day(27)));
      });
    }
    if (Number(month.slice(5)) % 2 === 0) {
      const d = day(20);
      const t = pick(households);
      attempt(d, () =>
        create(d, {
          track: 'quick',
          kind: 'emergency',
          reason: pick(['accident', 'sudden_illness', 'other_emergency'] as const),
          nonLocal: {
            idNumber: idNumberOf(`5113021985${month.slice(5)}${String(10 + Math.floor(u() * 18))}${String(100 + Math.floor(u() * 800))}`),
            name: `${pick(SURNAMES)}${pick(GIVEN)}`,
            hukouPlace: pick(HUKOU),
            phone: null,
            residence: 'urban',
            townshipId: t.townshipId ?? 0,
          },
          requestedFen: 30_000 + Math.floor(u() * 30) * 1_000,
        }),
      );
    }
    // The county tops up a township whose fund ran low.
    if (month === `${year}-06`) {
      const t = households[0].townshipId;
      if (t !== null)
        attempt(day(1), () =>
          topUp(
            raw,
            { townshipId: t, year: Number(year), amountFen: 1_000_000, onDate: day(1), note: '县级追加备用金' },
            manager,
            at(day(1)),
          ),
        );
    }
  }
  // One 一事一议 case: a large medical bill, first approval given, waiting for a second manager.
  const big = inTier.find((h) => h.current_tier === 'dibao' || h.current_tier === 'tekun');
  const d = `${monthOf(today)}-01`;
  if (big)
    attempt(d, () => {
      const r = create(d, {
        track: 'ordinary',
        kind: 'expenditure',
        reason: 'medical',
        householdId: big.id,
        spendingFen: 3_000_000,
        eventId: `${year}-大病-${big.id}`,
      });
      decide(
        raw,
        { id: r.id, decision: 'approve', amountFen: Math.min(1_200_000, r.amountFen * 2), reason: '重大疾病，提请一事一议' },
        manager,
        at(d),
      );
    });
  checkPaperwork(raw, opts.now, clerk);
  return result;
}
