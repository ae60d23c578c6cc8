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

export interface HappinessItem {
  kind: 'cash' | 'entitlement' | 'referral';
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
  for (const e of cur?.entitlements ?? []) {
    const key = `${e.assistance}|${e.idNumber ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
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
  return { householdId, tier: cur?.tier ?? null, determinationId: cur?.determinationId ?? null, items };
}
