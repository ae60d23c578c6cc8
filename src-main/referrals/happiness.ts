/**
 * The happiness list (幸福清单): everything a household is entitled to by its tier and needs —
 * the cash benefit of the determination in force, every entitlement the engine listed, and
 * every referral made for it (charity, warnings) — each marked received / pending / declined.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { all, first, qb } from '../db/query';
import { TIER_ZH } from '../common/labels';
import { formatFen } from '../common/money';
import { currentEntitlements } from './referrals';
import { codeOf, DEPARTMENT_OF, DEPARTMENTS, type DepartmentCode, type ReferralStatus } from '../common/codes';
import { ASSISTANCE_ZH, BASIS_ZH, DEPARTMENT_ZH, STATUS_ZH } from './codes';
import { serviceHappiness } from '../services/household';
import { SERVICE_BASIS } from '../services/labels';
import { todayIso } from '../common/dates';

export interface HappinessItem {
  kind: 'cash' | 'entitlement' | 'referral' | 'service';
  assistance: string;
  department: DepartmentCode;
  idNumber: string | null;
  personName: string | null;
  label: string;
  basis: string | null;
  status: 'received' | 'pending' | 'declined';
  referralId: number | null;
  referralNumber: string | null;
  referralStatus: ReferralStatus | null;
  amountFen: number | null;
  item: string | null;
  date: string | null;
  note: string | null;
}

export function happinessList(
  raw: BetterSqlite3.Database,
  householdId: number,
  now: Date = new Date(),
  // The office's own notes in the reader's language (issue 21); the printed chain report is Chinese.
  lang: 'zh' | 'en' = 'zh',
): { householdId: number; tier: string | null; determinationId: number | null; items: HappinessItem[] } {
  const cur = currentEntitlements(raw, householdId);
  const names = new Map(
    all(raw, qb.selectFrom('members').select(['id_number', 'name']).where('household_id', '=', householdId).orderBy('active', 'desc'))
      .reverse()
      .map((m) => [m.id_number, m.name]),
  );
  const refs = all(raw, qb.selectFrom('referrals').selectAll().where('household_id', '=', householdId).orderBy('id', 'desc'));
  type Ref = (typeof refs)[number];
  const used = new Set<number>();
  const items: HappinessItem[] = [];
  const statusOf = (r: Ref): HappinessItem['status'] =>
    r.status === 'completed' ? 'received' : r.status === 'declined' ? 'declined' : 'pending';
  const fromRef = (r: Ref) => ({
    referralId: r.id,
    referralNumber: r.number,
    referralStatus: r.status,
    amountFen: r.amount_fen,
    item: r.item,
    date: r.result_date ?? r.updated_at.slice(0, 10),
    note:
      r.result_reason ??
      (r.status === 'drafted' || r.status === 'pushed' || r.status === 'acknowledged'
        ? lang === 'en'
          ? `${r.status}${r.due_date ? `, answer due by ${r.due_date}` : ''}`
          : `${STATUS_ZH[r.status]}${r.due_date ? `，答复期限 ${r.due_date}` : ''}`
        : null),
  });

  if (cur && cur.monthlyBenefitFen > 0) {
    const paid = first(
      raw,
      qb
        .selectFrom('payment_lines')
        .select(['month', 'amount_fen'])
        .where('household_id', '=', householdId)
        .orderBy('month', 'desc')
        .limit(1),
    );
    items.push({
      kind: 'cash',
      assistance: cur.tier,
      department: 'civil_affairs',
      idNumber: null,
      personName: null,
      label: `${TIER_ZH[cur.tier] ?? cur.tier}金 每月 ${formatFen(cur.monthlyBenefitFen)} 元`,
      basis: BASIS_ZH[cur.tier] ?? BASIS_ZH.dibao,
      status: paid ? 'received' : 'pending',
      referralId: null,
      referralNumber: null,
      referralStatus: null,
      amountFen: paid?.amount_fen ?? cur.monthlyBenefitFen,
      item: null,
      date: paid?.month ?? null,
      note: lang === 'en' ? (paid ? `last paid ${paid.month}` : 'first payment due') : paid ? `最近发放 ${paid.month}` : '待首次发放',
    });
  }
  const seen = new Set<string>();
  // Service assessments and this month's services (docs/rules/temporary-service-recovery.md §12): the office's own work, no referral.
  const suggested: { idNumber: string; name: string }[] = [];
  for (const e of cur?.entitlements ?? []) {
    const key = `${e.assistance}|${e.idNumber ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (e.assistance === 'service_assessment') {
      if (e.idNumber) suggested.push({ idNumber: e.idNumber, name: names.get(e.idNumber) ?? '' });
      continue;
    }
    const department = DEPARTMENT_OF[e.assistance];
    const r = refs.find((x) => !used.has(x.id) && x.assistance === e.assistance && (x.id_number ?? null) === (e.idNumber ?? null));
    if (r) used.add(r.id);
    items.push({
      kind: 'entitlement',
      assistance: e.assistance,
      department,
      idNumber: e.idNumber,
      personName: e.idNumber ? (names.get(e.idNumber) ?? null) : null,
      label: `${ASSISTANCE_ZH[e.assistance]}（${DEPARTMENT_ZH[department]}）`,
      basis: BASIS_ZH[e.assistance] ?? null,
      status: r ? statusOf(r) : 'pending',
      ...(r
        ? fromRef(r)
        : {
            referralId: null,
            referralNumber: null,
            referralStatus: null,
            amountFen: null,
            item: null,
            date: null,
            note: lang === 'en' ? 'not pushed yet' : '尚未推送',
          }),
    });
  }
  for (const r of refs) {
    if (used.has(r.id)) continue;
    items.push({
      kind: 'referral',
      assistance: r.assistance,
      department: codeOf(DEPARTMENTS, r.department),
      idNumber: r.id_number,
      personName: r.id_number ? (names.get(r.id_number) ?? null) : null,
      label: `${ASSISTANCE_ZH[r.assistance] ?? r.assistance}（${DEPARTMENT_ZH[r.department] ?? r.department}）`,
      basis: BASIS_ZH[r.assistance] ?? null,
      status: statusOf(r),
      ...fromRef(r),
    });
  }
  for (const x of serviceHappiness(raw, householdId, todayIso(now), suggested))
    items.push({
      kind: x.kind === 'assessment' ? 'entitlement' : 'service',
      assistance: x.kind === 'assessment' ? 'service_assessment' : 'services',
      department: 'civil_affairs',
      idNumber: x.idNumber,
      personName: x.personName,
      label: x.label,
      basis: SERVICE_BASIS,
      status: x.status,
      referralId: null,
      referralNumber: null,
      referralStatus: null,
      amountFen: x.amountFen,
      item: x.item,
      date: x.date,
      note: x.note,
    });
  // Temporary assistance received (docs/rules/temporary-service-recovery.md §11.5): the first case answers the
  // engine's listed entitlement when no referral did; the others are items of their own.
  for (const t of temporaryItems(raw, householdId)) {
    const open = items.find((i) => i.kind === 'entitlement' && i.assistance === 'temporary' && i.referralId === null && i.item === null);
    if (open) Object.assign(open, { status: t.status, amountFen: t.amountFen, item: t.item, date: t.date, note: t.note });
    else items.push(t);
  }
  return { householdId, tier: cur?.tier ?? null, determinationId: cur?.determinationId ?? null, items };
}

const TEMPORARY_KIND_ZH: Record<string, string> = { emergency: '急难型', expenditure: '支出型' };

/** A household's temporary-assistance cases as happiness-list items, read from their own tables (migration 0002). */
function temporaryItems(raw: BetterSqlite3.Database, householdId: number): HappinessItem[] {
  const cases = all(
    raw,
    qb
      .selectFrom('temporary_cases as c')
      .select((eb) => [
        'c.id',
        'c.number',
        'c.kind',
        'c.id_number',
        'c.person_name',
        'c.requested_on',
        eb
          .exists(
            eb.selectFrom('temporary_decisions as d').select('d.id').whereRef('d.case_id', '=', 'c.id').where('d.step', '=', 'refuse'),
          )
          .as('refused'),
        eb
          .selectFrom('temporary_payments as p')
          .select((p) => p.fn.sum<number>('p.amount_fen').as('s'))
          .whereRef('p.case_id', '=', 'c.id')
          .as('paid'),
        eb
          .selectFrom('temporary_payments as p')
          .select((p) => p.fn.max('p.paid_on').as('d'))
          .whereRef('p.case_id', '=', 'c.id')
          .as('paidOn'),
      ])
      .where('c.household_id', '=', householdId)
      .orderBy('c.id', 'desc'),
  );
  return cases.map((c) => ({
    kind: 'entitlement' as const,
    assistance: 'temporary',
    department: 'civil_affairs' as const,
    idNumber: c.id_number,
    personName: c.person_name,
    label: `${ASSISTANCE_ZH.temporary}（${TEMPORARY_KIND_ZH[c.kind] ?? c.kind}）`,
    basis: BASIS_ZH.temporary ?? null,
    status: c.refused ? ('declined' as const) : (c.paid ?? 0) > 0 ? ('received' as const) : ('pending' as const),
    referralId: null,
    referralNumber: null,
    referralStatus: null,
    amountFen: c.paid ?? null,
    item: `${c.number} ${TEMPORARY_KIND_ZH[c.kind] ?? c.kind}`,
    date: c.paidOn ?? c.requested_on,
    note: c.refused ? '不予救助' : (c.paid ?? 0) > 0 ? '临时救助已发放' : '临时救助办理中',
  }));
}
