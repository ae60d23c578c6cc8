/** Per-person facts the rules read: age, disability classes and counted income (§10.2–10.5). */
import type { MemberData } from '../common/household-file';
import { ageFromId } from '../common/id-number';
import { fenOf } from './fen';
import { SUB, type Compiled } from './compiled';

type Disability = MemberData['disability'];

export interface Person {
  member: MemberData;
  present: boolean;
  age: number;
  severe: boolean;
  noCapacity: boolean;
  /** Counted income types before the disregard, fen. */
  grossFen: number;
  /** `wage` + `business`, fen. */
  earnedFen: number;
  /** Counted income after the disregard, sub-fen (exact). */
  countedSub: number;
  tekun: boolean;
}

/** §10.5: grade 1–2 of any kind, or intellectual/psychiatric grade 3. */
export function isSevere(d: Disability): boolean {
  if (d === null) return false;
  return d.grade <= 2 || (d.grade === 3 && (d.kind === 'intellectual' || d.kind === 'psychiatric'));
}

/** §10.5 disability part of (a); hearing and speech alone never. */
export function disabilityRemovesCapacity(d: Disability): boolean {
  if (d === null) return false;
  switch (d.kind) {
    case 'intellectual':
    case 'psychiatric':
      return d.grade <= 3;
    case 'physical':
    case 'multiple':
      return d.grade <= 2;
    case 'visual':
      return d.grade === 1;
    default:
      return false;
  }
}

const COUNTED = new Set(['wage', 'business', 'property', 'support', 'pension', 'unemployment', 'survivor', 'compensation', 'other']);

export function isCountedIncome(type: string): boolean {
  return COUNTED.has(type);
}

export function person(member: MemberData, referenceDate: string, c: Compiled): Person {
  const age = ageFromId(member.idNumber, referenceDate);
  let grossFen = 0;
  let earnedFen = 0;
  const incomes = member.monthlyIncome;
  for (let i = 0; i < incomes.length; i++) {
    const it = incomes[i];
    if (!COUNTED.has(it.type)) continue; // §2.2 exclusions are ignored for every tier
    const fen = fenOf(it.amount);
    grossFen += fen;
    if (it.type === 'wage' || it.type === 'business') earnedFen += fen;
  }
  return {
    member,
    present: member.status === 'present',
    age,
    severe: isSevere(member.disability),
    noCapacity: age >= c.elderlyAge || age < c.adultAge || disabilityRemovesCapacity(member.disability),
    grossFen,
    earnedFen,
    // §2.3 / §10.3: the disregard applies to earned income only; kept exact in sub-fen.
    countedSub: grossFen * SUB - earnedFen * c.disregardBp,
    tekun: false,
  };
}

/** §4.1 able-bodied working-age member. */
export function isAbleBodied(p: Person, c: Compiled): boolean {
  const m = p.member;
  return (
    p.present &&
    p.age >= c.adultAge &&
    p.age < c.elderlyAge &&
    !p.severe &&
    m.illness !== 'critical' &&
    m.schooling === null &&
    m.labour !== 'unable'
  );
}

/** §10.12: elderly, minor, severely disabled or critically ill — one add-on whatever the count. */
export function addonCause(p: Person, c: Compiled): 'elderly' | 'minor' | 'severe' | 'critical' | null {
  if (p.age >= c.addonElderlyAge) return 'elderly';
  if (p.age < c.adultAge) return 'minor';
  if (p.severe) return 'severe';
  if (p.member.illness === 'critical') return 'critical';
  return null;
}
