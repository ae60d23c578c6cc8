/**
 * The intake form's values (strings for what the user types) and their conversion to the
 * household-file shape, validated with the same zod schema the service uses. Error keys are
 * form paths (`members.1.idNumber`), which are also the zod paths of the converted data.
 */
import { randomId } from '@mantine/hooks';
import type { z } from 'zod';
import { householdSchema, EXPENSE_KEYS, type HouseholdData } from '../../../src-main/common/household-file';
import { parseIdNumber, ID_PROBLEM_TEXT } from '../../../src-main/common/id-number';
import { ageOn, todayIso } from '../../../src-main/common/dates';
import i18n from '../i18n/index';

export interface IncomeForm {
  key: string;
  type: string;
  amount: string;
}
export interface MemberForm {
  key: string;
  idNumber: string;
  name: string;
  relation: string;
  status: string;
  disability: { kind: string; grade: string };
  illness: string;
  labour: string;
  schooling: string;
  selfCareUnmanaged: string;
  supportMode: string;
  authorisedOn: string;
  monthlyIncome: IncomeForm[];
}
export interface SupporterForm {
  key: string;
  idNumber: string;
  name: string;
  relation: string;
  age: string;
  annualIncome: string;
  tier: string;
  severeDisability: boolean;
  status: string;
}
export type ExpenseKey = (typeof EXPENSE_KEYS)[number];
export interface FormValues {
  externalId: string;
  residence: string;
  area: { township: string; village: string };
  address: string;
  members: MemberForm[];
  supportersOutside: SupporterForm[];
  assets: {
    vehicles: { key: string; kind: string }[];
    homes: { key: string; floorArea: string; resettlement: boolean }[];
    financialAssets: string;
    businesses: { key: string; role: string; operating: boolean; employees: string }[];
    largeMachineryOrVessel: boolean;
    recentPurchase: boolean;
  };
  expenses12Months: Record<ExpenseKey, string>;
  housing: { condition: string; tenure: string };
  flags: { returnToPovertyMonitoring: string };
  current: { tier: string; monthlyBenefit: string; gradualExitSince: string };
}

export const emptyMember = (relation = ''): MemberForm => ({
  key: randomId(),
  idNumber: '',
  name: '',
  relation,
  status: 'present',
  disability: { kind: '', grade: '' },
  illness: '',
  // No default: labour status decides 特困 capacity and the review class (docs/rules/assistance.md §4.1).
  labour: '',
  schooling: '',
  selfCareUnmanaged: '0',
  supportMode: '',
  authorisedOn: '',
  monthlyIncome: [],
});
export const emptySupporter = (): SupporterForm => ({
  key: randomId(),
  idNumber: '',
  name: '',
  relation: '',
  age: '',
  annualIncome: '',
  tier: '',
  severeDisability: false,
  status: 'present',
});

export function emptyForm(): FormValues {
  return {
    externalId: '',
    residence: '',
    area: { township: '', village: '' },
    address: '',
    members: [emptyMember('head')],
    supportersOutside: [],
    assets: { vehicles: [], homes: [], financialAssets: '', businesses: [], largeMachineryOrVessel: false, recentPurchase: false },
    expenses12Months: byExpense(() => ''),
    housing: { condition: 'sound', tenure: 'own' },
    flags: { returnToPovertyMonitoring: '' },
    current: { tier: '', monthlyBenefit: '', gradualExitSince: '' },
  };
}

/** Below this age nobody may be employed (the Labour Law), so labour is `none` (a child or student) for certain. */
export const LABOUR_AGE = 16;

/**
 * The labour status the ID number makes certain: `none` for a member under 16 today; null
 * when the number is not valid yet or the member is 16 or older (the clerk must choose).
 */
export function derivedLabour(idNumber: string): 'none' | null {
  const today = todayIso();
  const r = parseIdNumber(idNumber, today);
  return r.ok && ageOn(r.value.birthDate, today) < LABOUR_AGE ? 'none' : null;
}

/** One value per 12-month expense, in the file's order. */
function byExpense<T>(f: (k: ExpenseKey) => T): Record<ExpenseKey, T> {
  return {
    medicalOutOfPocket: f('medicalOutOfPocket'),
    medicalTravel: f('medicalTravel'),
    education: f('education'),
    rehabilitation: f('rehabilitation'),
    accident: f('accident'),
    assistanceAlreadyReceived: f('assistanceAlreadyReceived'),
  };
}

const s = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
const yuanText = (v: number | null | undefined) => (v ? String(Math.round(v * 100) / 100) : '');

export function toForm(h: HouseholdData): FormValues {
  return {
    externalId: h.externalId ?? '',
    residence: h.residence,
    area: { ...h.area },
    address: h.address ?? '',
    members: h.members.map((m) => ({
      key: randomId(),
      idNumber: m.idNumber,
      name: m.name,
      relation: m.relation,
      status: m.status,
      disability: { kind: m.disability?.kind ?? '', grade: s(m.disability?.grade) },
      illness: m.illness ?? '',
      labour: m.labour,
      schooling: m.schooling ?? '',
      selfCareUnmanaged: String(m.selfCareUnmanaged ?? 0),
      supportMode: m.supportMode ?? '',
      authorisedOn: m.authorisedOn ?? '',
      monthlyIncome: m.monthlyIncome.map((x) => ({ key: randomId(), type: x.type, amount: String(x.amount) })),
    })),
    supportersOutside: h.supportersOutside.map((x) => ({
      key: randomId(),
      idNumber: x.idNumber ?? '',
      name: x.name,
      relation: x.relation,
      age: s(x.age),
      annualIncome: yuanText(x.annualIncome),
      tier: x.tier ?? '',
      severeDisability: x.severeDisability,
      status: x.status,
    })),
    assets: {
      vehicles: h.assets.vehicles.map((v) => ({ key: randomId(), kind: v.kind })),
      homes: h.assets.homes.map((x) => ({ key: randomId(), floorArea: String(x.floorArea), resettlement: x.resettlement })),
      financialAssets: yuanText(h.assets.financialAssets),
      businesses: h.assets.businesses.map((b) => ({
        key: randomId(),
        role: b.role,
        operating: b.operating,
        employees: String(b.employees),
      })),
      largeMachineryOrVessel: h.assets.largeMachineryOrVessel,
      recentPurchase: h.assets.recentPurchase,
    },
    expenses12Months: byExpense((k) => yuanText(h.expenses12Months[k])),
    housing: { ...h.housing },
    flags: { returnToPovertyMonitoring: h.flags.returnToPovertyMonitoring ?? '' },
    current: h.current
      ? {
          tier: h.current.tier ?? '',
          monthlyBenefit: yuanText(h.current.monthlyBenefit),
          gradualExitSince: h.current.gradualExitSince ?? '',
        }
      : { tier: '', monthlyBenefit: '', gradualExitSince: '' },
  };
}

const t = (k: string, o?: Record<string, unknown>) => i18n.t(k, o);
const lang = () => (i18n.language === 'en' ? 'en' : 'zh');

/** Converts the typed values; problems that are about typing (not numbers, too many decimals) are reported here. */
function toData(v: FormValues): { data: unknown; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const money = (text: string, path: string, required = false): number => {
    const x = text.trim().replace(/,/g, '');
    if (!x) {
      if (required) errors[path] = t('errors.required');
      return 0;
    }
    if (!/^\d+(\.\d{1,2})?$/.test(x)) {
      errors[path] = t('errors.amount');
      return 0;
    }
    return Number(x);
  };
  const int = (text: string, path: string, dflt?: number): number | undefined => {
    const x = text.trim();
    if (!x) return dflt;
    if (!/^\d+$/.test(x)) {
      errors[path] = t('errors.number');
      return dflt;
    }
    return Number(x);
  };
  const num = (text: string, path: string): number => {
    const x = text.trim();
    if (!x) {
      errors[path] = t('errors.required');
      return 0;
    }
    if (!/^\d+(\.\d+)?$/.test(x)) {
      errors[path] = t('errors.number');
      return 0;
    }
    return Number(x);
  };
  const orNull = (x: string) => (x ? x : null);
  // Derived from the age where certain, else the clerk's choice: never a silent default.
  const labourOf = (m: MemberForm, i: number): string => {
    const derived = derivedLabour(m.idNumber.trim());
    if (derived) return derived;
    if (!m.labour) errors[`members.${i}.labour`] = t('errors.labour');
    return m.labour || 'none';
  };
  const data = {
    ...(v.externalId.trim() ? { externalId: v.externalId.trim() } : {}),
    residence: v.residence,
    area: { township: v.area.township, village: v.area.village },
    ...(v.address.trim() ? { address: v.address.trim() } : {}),
    members: v.members.map((m, i) => {
      let disability = null;
      if (m.disability.kind) {
        const g = int(m.disability.grade, `members.${i}.disability.grade`);
        if (g === undefined) errors[`members.${i}.disability.grade`] = t('errors.choose');
        disability = { kind: m.disability.kind, grade: g ?? 0 };
      }
      return {
        idNumber: m.idNumber.trim(),
        name: m.name,
        relation: m.relation,
        status: m.status,
        disability,
        illness: orNull(m.illness),
        labour: labourOf(m, i),
        schooling: orNull(m.schooling),
        selfCareUnmanaged: int(m.selfCareUnmanaged, `members.${i}.selfCareUnmanaged`, 0),
        supportMode: orNull(m.supportMode),
        authorisedOn: orNull(m.authorisedOn.trim()),
        monthlyIncome: m.monthlyIncome.map((x, j) => ({
          type: x.type,
          amount: money(x.amount, `members.${i}.monthlyIncome.${j}.amount`, true),
        })),
      };
    }),
    supportersOutside: v.supportersOutside.map((x, i) => ({
      ...(x.idNumber.trim() ? { idNumber: x.idNumber.trim() } : {}),
      name: x.name,
      relation: x.relation,
      ...(x.age.trim() ? { age: int(x.age, `supportersOutside.${i}.age`) } : {}),
      annualIncome: money(x.annualIncome, `supportersOutside.${i}.annualIncome`),
      tier: orNull(x.tier),
      severeDisability: x.severeDisability,
      status: x.status,
    })),
    assets: {
      vehicles: v.assets.vehicles.map((x) => ({ kind: x.kind })),
      homes: v.assets.homes.map((x, i) => ({ floorArea: num(x.floorArea, `assets.homes.${i}.floorArea`), resettlement: x.resettlement })),
      financialAssets: money(v.assets.financialAssets, 'assets.financialAssets'),
      businesses: v.assets.businesses.map((b, i) => ({
        role: b.role,
        operating: b.operating,
        employees: int(b.employees, `assets.businesses.${i}.employees`, 0),
      })),
      largeMachineryOrVessel: v.assets.largeMachineryOrVessel,
      recentPurchase: v.assets.recentPurchase,
    },
    expenses12Months: byExpense((k) => money(v.expenses12Months[k], `expenses12Months.${k}`)),
    housing: { condition: v.housing.condition, tenure: v.housing.tenure },
    flags: { returnToPovertyMonitoring: orNull(v.flags.returnToPovertyMonitoring) },
    current:
      v.current.tier || v.current.monthlyBenefit.trim() || v.current.gradualExitSince.trim()
        ? {
            tier: orNull(v.current.tier),
            monthlyBenefit: money(v.current.monthlyBenefit, 'current.monthlyBenefit'),
            gradualExitSince: orNull(v.current.gradualExitSince.trim()),
          }
        : null,
  };
  return { data, errors };
}

/** The message for an ID number as typed, in the user's language, or null when it is valid. */
export function idProblem(value: string): string | null {
  const r = parseIdNumber(value, todayIso());
  return r.ok ? null : ID_PROBLEM_TEXT[r.problem][lang()];
}

/** The value at a zod path of the converted data. */
function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let x = data;
  for (const k of path) x = x !== null && typeof x === 'object' ? Reflect.get(x, k) : undefined;
  return x;
}

function translate(issue: z.core.$ZodIssue, data: unknown): string {
  const path = issue.path.map(String);
  const last = path[path.length - 1];
  const msg = issue.message;
  if (last === 'idNumber' && issue.code === 'custom') {
    if (msg.startsWith('the same person')) return t('errors.duplicate');
    const value = valueAt(data, issue.path);
    return idProblem(typeof value === 'string' ? value : '') ?? msg;
  }
  if (path.length === 1 && path[0] === 'members') {
    const m = /found (\d+)/.exec(msg);
    if (m) return t('errors.oneHead', { n: m[1] });
    return t('errors.atLeastOne');
  }
  if (msg.startsWith('a supporter needs')) return t('errors.supporterAge');
  if (msg.startsWith('month must')) return t('errors.month');
  if (msg.startsWith('date must')) return t('errors.date');
  if (msg.startsWith('amount')) return t('errors.amount');
  if (issue.code === 'invalid_value') return t('errors.choose');
  if (issue.code === 'too_small' && issue.origin === 'string') return t('errors.required');
  if (issue.code === 'too_small' || issue.code === 'too_big') return t('errors.range');
  return msg;
}

/** Validates all values; returns errors keyed by form path (empty when the household can be saved). */
export function validateForm(v: FormValues): { errors: Record<string, string>; data: HouseholdData | null } {
  const { data, errors } = toData(v);
  const r = householdSchema(todayIso()).safeParse(data);
  if (!r.success) {
    for (const issue of r.error.issues) {
      const key = issue.path.map(String).join('.') || 'form';
      if (!errors[key]) errors[key] = translate(issue, data);
    }
  }
  return { errors, data: Object.keys(errors).length === 0 && r.success ? r.data : null };
}

/** `household.members[1].idNumber` (service) → `members.1.idNumber` (form). */
export function serverFieldToPath(field: string | undefined): string | null {
  if (!field) return null;
  return (
    field
      .replace(/^household\.?/, '')
      .replace(/\[(\d+)\]/g, '.$1')
      .replace(/^\./, '') || null
  );
}

/** Strips the form-only keys before saving (the schema is strict). */
export function stripKeys<T>(x: T): T {
  return JSON.parse(JSON.stringify(x, (k, val) => (k === 'key' ? undefined : val)));
}
