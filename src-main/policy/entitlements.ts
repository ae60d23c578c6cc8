/** Special assistance the household is entitled to (§5), pushed to the responsible department. */
import type { HouseholdData, Tier } from '../common/household-file';
import { SUB, type Compiled } from './compiled';
import { isAbleBodied, isSevere, type Person } from './people';
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
  const alone = people.filter((p) => p.present).length === 1;
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
    const why = serviceAssessmentWhy(p, tier, alone, people, h);
    if (why !== null) {
      out.push({
        assistance: 'service_assessment',
        department: 'civil_affairs',
        idNumber,
        tier,
        rule: 'entitlement.service_assessment',
        figures: { idNumber, tier, why },
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

/**
 * Why a person is suggested for a needs assessment (docs/rules/temporary-service-recovery.md §12.1), the first cause in the
 * rule's order, or null: 特困 supported at home, aged ≥ 70 alone, disability grade 1–2, critical illness, a guardianship gap.
 */
function serviceAssessmentWhy(p: Person, tier: Tier, alone: boolean, people: readonly Person[], h: HouseholdData): string | null {
  const m = p.member;
  const atHome = m.supportMode !== 'institution';
  if (tier === 'tekun' && atHome) return 'tekun_at_home';
  if (p.age >= 70 && alone && atHome) return 'elderly_alone';
  if (m.disability !== null && m.disability.grade <= 2) return 'disability_grade';
  if (m.illness === 'critical') return 'critical';
  if (p.age < 18 && guardianshipGap(p, people, h)) return 'guardianship_gap';
  return null;
}

/**
 * A minor's parents are both absent, deceased or incapable. The file records relations to the head only: a child's parents
 * are the head and the spouse, a grandchild's the head's children and children-in-law, the head's (or a sibling's) the
 * `parent` members and the parents outside the household. A parent is able when present and not severely disabled (§10.5);
 * a parent missing from the file is absent. Other relations say nothing of the parents: no gap is inferred.
 */
function guardianshipGap(p: Person, people: readonly Person[], h: HouseholdData): boolean {
  const able = (q: Person) => q.present && !isSevere(q.member.disability);
  const parentsIn = (relations: readonly string[]) => people.filter((q) => q !== p && relations.includes(q.member.relation));
  switch (p.member.relation) {
    case 'child':
      return !parentsIn(['head', 'spouse']).some(able);
    case 'grandchild':
      return !parentsIn(['child', 'child_in_law']).some(able);
    case 'head':
    case 'sibling': {
      const outside = h.supportersOutside.some((s) => s.relation === 'parent' && s.status === 'present' && !s.severeDisability);
      return !outside && !parentsIn(['parent']).some(able);
    }
    default:
      return false;
  }
}
