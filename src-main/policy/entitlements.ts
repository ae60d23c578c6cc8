/** Special assistance the household is entitled to (§5), pushed to the responsible department. */
import type { HouseholdData, Tier } from '../common/household-file';
import { SUB, type Compiled } from './compiled';
import { isAbleBodied, type Person } from './people';
import type { Entitlement, HouseholdTier } from './types';

const SCHOOLING_FROM_PRIMARY = new Set(['primary', 'junior', 'senior', 'vocational', 'college', 'bachelor', 'postgraduate']);

/**
 * `memberTier[i]` is each present person's own tier: 特困 for 特困 members, 低保 for 单人保
 * members, otherwise the household's (rest) tier — null when none.
 */
export function entitlements(
  h: HouseholdData,
  people: readonly Person[],
  memberTier: readonly (Tier | null)[],
  householdTier: HouseholdTier,
  restTier: HouseholdTier,
  c: Compiled,
): Entitlement[] {
  const out: Entitlement[] = [];
  if (householdTier === 'none' && !memberTier.some((t) => t !== null)) return out;
  const e = h.expenses12Months;
  let illMember = false;
  for (let i = 0; i < people.length; i++) {
    const p = people[i];
    const tier = memberTier[i];
    if (!p.present || tier === null) continue;
    const idNumber = p.member.idNumber;
    if (tier === 'tekun' || tier === 'dibao') {
      out.push({
        assistance: 'medical',
        department: 'medical_insurance',
        idNumber,
        tier,
        rule: 'entitlement.medical.premium',
        figures: { idNumber, tier },
      });
    }
    if (p.member.illness !== null) {
      illMember = true;
      out.push({
        assistance: 'medical',
        department: 'medical_insurance',
        idNumber,
        tier,
        rule: 'entitlement.medical.outOfPocket',
        figures: { idNumber, tier, why: p.member.illness === 'critical' ? 'critical' : 'illness' },
      });
    }
    if (p.member.schooling !== null && SCHOOLING_FROM_PRIMARY.has(p.member.schooling)) {
      out.push({
        assistance: 'education',
        department: 'education',
        idNumber,
        tier,
        rule: 'entitlement.education',
        figures: { idNumber, tier, schooling: p.member.schooling },
      });
    }
    if ((tier === 'dibao' || tier === 'marginal' || tier === 'rigid') && p.member.labour === 'unemployed' && isAbleBodied(p, c)) {
      out.push({
        assistance: 'employment',
        department: 'hrss',
        idNumber,
        tier,
        rule: 'entitlement.employment',
        figures: { idNumber, tier },
      });
    }
  }
  // A household tier for household-level items: the rest's, or 特困 when only 特困 members hold one.
  const hhTier: Tier = householdTier !== 'none' ? householdTier : 'tekun';
  const medicalCosts = e.medicalOutOfPocket > 0 || e.medicalTravel > 0;
  if (medicalCosts && !illMember) {
    out.push({
      assistance: 'medical',
      department: 'medical_insurance',
      idNumber: null,
      tier: hhTier,
      rule: 'entitlement.medical.outOfPocket',
      figures: { idNumber: 'household', tier: hhTier, why: 'costs' },
    });
  }
  if (h.housing.condition === 'dangerous') {
    out.push({
      assistance: 'housing',
      department: 'housing',
      idNumber: null,
      tier: hhTier,
      rule: 'entitlement.housing.renovation',
      figures: { tier: hhTier },
    });
  }
  if (h.housing.tenure === 'rent' || h.housing.tenure === 'none') {
    out.push({
      assistance: 'housing',
      department: 'housing',
      idNumber: null,
      tier: hhTier,
      rule: 'entitlement.housing.rental',
      figures: { tier: hhTier, tenure: h.housing.tenure },
    });
  }
  if (restTier === 'rigid') {
    out.push({
      assistance: 'temporary',
      department: 'civil_affairs',
      idNumber: null,
      tier: 'rigid',
      rule: 'entitlement.temporary',
      figures: { maxFen: (c.standardFen * c.temporaryMultBp) / SUB, multiple: c.temporaryMultBp / SUB },
    });
  }
  return out;
}
