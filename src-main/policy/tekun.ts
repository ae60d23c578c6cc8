/** 特困, per person (§1.1, §3.3, §10.5–10.6). */
import type { HouseholdData, SupporterData } from '../common/household-file';
import { ageFromId } from '../common/id-number';
import { fenOf } from './fen';
import { CARE_LEVEL_BY_UNMANAGED, SUB, type Compiled } from './compiled';
import type { Person } from './people';
import type { Reason, TekunPerson } from './types';

/**
 * The candidate's spouse, parents and adult children inside the household, found only through
 * the head's relations (§10.6): spouse ↔ head, head → parent member (head is their child),
 * head → child member (head is their parent). Nothing else is inferred — in particular the
 * head's spouse is not assumed to be a `child` member's other parent, and a `child_in_law` or
 * `grandchild` is never a supporter. Non-present relatives are included: they count as unable.
 */
function insideSupporters(candidate: Person, people: readonly Person[], head: Person, c: Compiled, out: Person[]): void {
  out.length = 0;
  const rel = candidate.member.relation;
  if (rel === 'head') {
    for (let i = 0; i < people.length; i++) {
      const p = people[i];
      const r = p.member.relation;
      // "children aged ≥ 18": the age bound is read as applying to children; spouses and
      // parents are adults by nature.
      if (r === 'spouse' || r === 'parent' || (r === 'child' && p.age >= c.adultAge)) out.push(p);
    }
  } else if (rel === 'spouse' || rel === 'child') {
    out.push(head);
  } else if (rel === 'parent') {
    if (head.age >= c.adultAge) out.push(head);
  }
}

type InsideWhy = 'not_present' | 'elderly_low_income' | 'old_low_income' | 'severe_low_income' | 'no_capacity_no_income' | 'able';

function insideUnable(s: Person, c: Compiled): InsideWhy {
  if (!s.present) return 'not_present';
  if (s.age >= c.elderlyAge && s.countedSub < c.standardSub) return 'elderly_low_income';
  // income below last year's per-capita disposable income ÷ 12, compared ×12 to stay exact
  const belowDisposable = s.countedSub * 12 < c.lastYearFen * SUB;
  if (s.age >= c.supporterOldAge && belowDisposable) return 'old_low_income';
  if (s.severe && belowDisposable) return 'severe_low_income';
  if (s.noCapacity && s.grossFen === 0) return 'no_capacity_no_income';
  return 'able';
}

type OutsideWhy =
  'not_present' | 'incapacitated' | 'minor_child' | 'tier_tekun' | 'tier_dibao_elderly' | 'old_low_income' | 'severe_low_income' | 'able';

function outsideUnable(s: SupporterData, referenceDate: string, c: Compiled): OutsideWhy {
  if (s.status === 'incapacitated') return 'incapacitated';
  if (s.status !== 'present') return 'not_present';
  const age = s.idNumber !== undefined ? ageFromId(s.idNumber, referenceDate) : (s.age as number); // the schema requires one of the two
  // §1.1 speaks of an *adult* child; a minor child outside owes no support (choice: §10.6
  // is silent on outside minors, and the inside rule takes children from 18).
  if (s.relation === 'child' && age < c.adultAge) return 'minor_child';
  if (s.tier === 'tekun') return 'tier_tekun';
  if (s.tier === 'dibao' && age >= c.elderlyAge) return 'tier_dibao_elderly';
  const below = fenOf(s.annualIncome) < c.lastYearFen;
  if (age >= c.supporterOldAge && below) return 'old_low_income';
  if (s.severeDisability && below) return 'severe_low_income';
  return 'able';
}

const scratch: Person[] = [];

/**
 * Evaluates one present member. (a) first: a person with capacity to work is no candidate and
 * gets one reason; a candidate gets every test reported, so staff see all that fails.
 */
export function evaluateTekunPerson(
  p: Person,
  people: readonly Person[],
  head: Person,
  h: HouseholdData,
  assetsPass: boolean,
  assetsFailed: number,
  referenceDate: string,
  c: Compiled,
): TekunPerson {
  const id = p.member.idNumber;
  const reasons: Reason[] = [];
  if (!p.noCapacity) {
    reasons.push({ rule: 'tekun.capacity', pass: false, figures: { idNumber: id, age: p.age } });
    return { idNumber: id, eligible: false, careLevel: null, supportFen: 0, reasons };
  }
  const why = p.age >= c.elderlyAge ? 'elderly' : p.age < c.adultAge ? 'minor' : 'disability';
  reasons.push({ rule: 'tekun.capacity', pass: true, figures: { idNumber: id, age: p.age, why } });

  const living = p.countedSub < c.standardSub;
  reasons.push({
    rule: 'tekun.living',
    pass: living,
    figures: { idNumber: id, incomeFen: p.countedSub / SUB, standardFen: c.standardFen },
  });
  reasons.push({ rule: 'tekun.assets', pass: assetsPass, figures: { idNumber: id, failed: assetsFailed } });

  let able = 0;
  insideSupporters(p, people, head, c, scratch);
  for (let i = 0; i < scratch.length; i++) {
    const s = scratch[i];
    if (s === p) continue;
    const w = insideUnable(s, c);
    if (w === 'able') able++;
    reasons.push({
      rule: 'tekun.supporter.inside',
      pass: w !== 'able',
      figures: { idNumber: id, supporter: s.member.idNumber, relation: relationToCandidate(p, s), why: w },
    });
  }
  scratch.length = 0;
  // Choice: `supportersOutside` does not say whose relative each one is, so each is taken as
  // an obliged supporter of every candidate in the household.
  const outside = h.supportersOutside;
  for (let i = 0; i < outside.length; i++) {
    const s = outside[i];
    const w = outsideUnable(s, referenceDate, c);
    if (w === 'able') able++;
    reasons.push({
      rule: 'tekun.supporter.outside',
      pass: w !== 'able',
      figures: { idNumber: id, supporter: s.name, relation: s.relation, why: w },
    });
  }
  reasons.push({ rule: 'tekun.supporter', pass: able === 0, figures: { idNumber: id, able } });

  const eligible = living && assetsPass && able === 0;
  if (!eligible) return { idNumber: id, eligible, careLevel: null, supportFen: 0, reasons };

  // §10.6: 1.3 × standard + care subsidy, not reduced by the person's own income.
  const basicSub = c.standardFen * c.tekunBasicBp;
  const level = CARE_LEVEL_BY_UNMANAGED[p.member.selfCareUnmanaged];
  const careSub = c.careSub[p.member.selfCareUnmanaged];
  reasons.push({
    rule: 'tekun.support',
    figures: { idNumber: id, basicFen: basicSub / SUB, multiplier: c.tekunBasicBp / SUB, standardFen: c.standardFen },
  });
  reasons.push({ rule: 'tekun.care', figures: { idNumber: id, level, unmanaged: p.member.selfCareUnmanaged, subsidyFen: careSub / SUB } });
  return { idNumber: id, eligible, careLevel: level, supportFen: (basicSub + careSub) / SUB, reasons };
}

function relationToCandidate(candidate: Person, s: Person): 'spouse' | 'parent' | 'child' {
  const cr = candidate.member.relation;
  if (cr === 'head') return s.member.relation === 'spouse' ? 'spouse' : s.member.relation === 'parent' ? 'parent' : 'child';
  if (cr === 'spouse') return 'spouse';
  if (cr === 'child') return 'parent';
  return 'child'; // the candidate is a `parent` member: the head is their child
}
