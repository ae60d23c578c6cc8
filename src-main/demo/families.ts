/** Who lives in a demo household (its composition) and each member's situation (./generator.ts). */
import type { IncomeType, MemberData, Relation, Residence, SupporterData } from '../common/household-file';
import { DEMO_TOWNSHIPS } from './county';
import { cumulative, Draws } from './draws';

/** The composition a household was drawn from (exported for tests and statistics). */
export const COMPOSITIONS = [
  'single_elderly',
  'single_adult',
  'elderly_couple',
  'couple',
  'couple_one_child',
  'couple_two_children',
  'single_parent',
  'three_generations',
  'three_generations_grandchildren',
  'skip_generation',
  'with_parent',
  'with_sibling',
  'with_grandparent',
] as const;
export type Composition = (typeof COMPOSITIONS)[number];
const COMPOSITION_WEIGHTS: Record<Composition, number> = {
  single_elderly: 14,
  single_adult: 8,
  elderly_couple: 14,
  couple: 6,
  couple_one_child: 17,
  couple_two_children: 10,
  single_parent: 6,
  three_generations: 6,
  three_generations_grandchildren: 4,
  skip_generation: 5,
  with_parent: 6,
  with_sibling: 2,
  with_grandparent: 2,
};

export interface Person {
  relation: Relation;
  age: number;
  male: boolean;
  surname: string;
  /** Born in the county (its region code) rather than married or moved in. */
  native: boolean;
  idNumber: string;
  name: string;
  status: MemberData['status'];
  disability: MemberData['disability'];
  illness: MemberData['illness'];
  labour: MemberData['labour'];
  schooling: MemberData['schooling'];
  selfCare: number;
  supportMode: MemberData['supportMode'];
  authorisedOn: string | null;
  incomes: { type: IncomeType; fen: number }[];
}

export interface SupporterSpec {
  relation: SupporterData['relation'];
  age: number;
  male: boolean;
  surname: string;
}

export const TOWNSHIP_CUM = cumulative(DEMO_TOWNSHIPS.map((t) => t.weight));
export const COMPOSITION_CUM = cumulative(COMPOSITIONS.map((c) => COMPOSITION_WEIGHTS[c]));
const DISABILITY_KINDS = ['physical', 'intellectual', 'psychiatric', 'visual', 'hearing', 'speech', 'multiple'] as const;
const DISABILITY_CUM = cumulative([40, 10, 8, 12, 18, 3, 9]);
const GRADE_CUM = cumulative([15, 25, 30, 30]);

export class Families extends Draws {
  // ---- composition ---------------------------------------------------------------------
  protected person(relation: Relation, age: number, male: boolean, surname: string, native = true): Person {
    return {
      relation,
      age,
      male,
      surname,
      native,
      idNumber: '',
      name: '',
      status: 'present',
      disability: null,
      illness: null,
      labour: 'none',
      schooling: null,
      selfCare: 0,
      supportMode: null,
      authorisedOn: null,
      incomes: [],
    };
  }

  /** Children of two parents (or one): ages at least 20 years below the younger parent. */
  protected children(n: number, youngestParentAge: number, surname: string, maxAge = 30): Person[] {
    const out: Person[] = [];
    const hi = Math.min(maxAge, youngestParentAge - 20);
    for (let i = 0; i < n && hi >= 0; i++) out.push(this.person('child', this.int(0, hi), this.chance(0.52), surname));
    return out;
  }

  protected compose(c: Composition): { persons: Person[]; supporters: SupporterSpec[] } {
    const persons: Person[] = [];
    const supporters: SupporterSpec[] = [];
    const L = this.surname();
    const outsideChildren = (parentAge: number, n: number, surname: string) => {
      for (let i = 0; i < n; i++) {
        const hi = parentAge - 20,
          lo = Math.max(22, parentAge - 40);
        if (hi < lo) break;
        supporters.push({ relation: 'child', age: this.int(lo, hi), male: this.chance(0.5), surname });
      }
    };
    switch (c) {
      case 'single_elderly': {
        const male = this.chance(0.4);
        const head = this.person('head', this.age(60, 98, 1.6), male, male ? L : this.surname());
        persons.push(head);
        if (this.chance(0.7)) outsideChildren(head.age, this.int(1, 3), male ? L : this.surname());
        break;
      }
      case 'single_adult': {
        persons.push(this.person('head', this.age(22, 59), this.chance(0.65), L));
        break;
      }
      case 'elderly_couple': {
        const head = this.person('head', this.age(60, 92, 1.5), true, L);
        const spouse = this.person(
          'spouse',
          Math.max(55, Math.min(100, head.age - this.int(-3, 6))),
          false,
          this.surname(),
          this.chance(0.6),
        );
        persons.push(head, spouse);
        if (this.chance(0.8)) outsideChildren(Math.min(head.age, spouse.age), this.int(1, 3), L);
        break;
      }
      case 'couple': {
        const head = this.person('head', this.age(22, 59), true, L);
        persons.push(
          head,
          this.person('spouse', Math.max(20, Math.min(59, head.age - this.int(-2, 5))), false, this.surname(), this.chance(0.6)),
        );
        break;
      }
      case 'couple_one_child':
      case 'couple_two_children': {
        const head = this.person('head', this.age(24, 58), this.chance(0.9), L);
        const spouse = this.person(
          'spouse',
          Math.max(22, head.age + (head.male ? -this.int(-2, 5) : this.int(-2, 5))),
          !head.male,
          this.surname(),
          this.chance(0.6),
        );
        const fatherSurname = head.male ? L : spouse.surname;
        persons.push(head, spouse, ...this.children(c === 'couple_one_child' ? 1 : 2, Math.min(head.age, spouse.age), fatherSurname, 28));
        break;
      }
      case 'single_parent': {
        const male = this.chance(0.3);
        const head = this.person('head', this.age(25, 55), male, L);
        persons.push(head, ...this.children(this.int(1, 2), head.age, male || this.chance(0.2) ? L : this.surname(), 22));
        break;
      }
      case 'three_generations': {
        const head = this.person('head', this.age(32, 58), true, L);
        const spouse = this.person('spouse', Math.max(25, head.age - this.int(-2, 5)), false, this.surname(), this.chance(0.6));
        persons.push(head, spouse);
        const parentAge = Math.min(100, head.age + this.int(22, 35));
        if (this.chance(0.35)) {
          persons.push(
            this.person('parent', parentAge, true, L),
            this.person('parent', Math.max(head.age + 20, Math.min(100, parentAge - this.int(-3, 5))), false, this.surname()),
          );
        } else {
          const male = this.chance(0.3);
          persons.push(this.person('parent', parentAge, male, male ? L : this.surname()));
        }
        persons.push(...this.children(this.int(1, 2), Math.min(head.age, spouse.age), L, 25));
        break;
      }
      case 'three_generations_grandchildren': {
        const head = this.person('head', this.age(55, 76), true, L);
        const spouse = this.person('spouse', Math.max(50, head.age - this.int(-2, 5)), false, this.surname(), this.chance(0.6));
        const childMale = this.chance(0.7);
        const childAge = this.int(25, Math.min(head.age, spouse.age) - 20);
        const child = this.person('child', childAge, childMale, L);
        const inLaw = this.person(
          'child_in_law',
          Math.max(21, childAge + (childMale ? -this.int(-2, 4) : this.int(-2, 4))),
          !childMale,
          this.surname(),
          this.chance(0.5),
        );
        persons.push(head, spouse, child, inLaw);
        const youngest = Math.min(child.age, inLaw.age);
        const gs = childMale ? L : inLaw.surname;
        for (let i = 0, n = this.int(1, 2); i < n && youngest >= 20; i++)
          persons.push(this.person('grandchild', this.int(0, Math.min(16, youngest - 20)), this.chance(0.52), gs));
        break;
      }
      case 'skip_generation': {
        const male = this.chance(0.5);
        const head = this.person('head', this.age(56, 80), male, male ? L : this.surname());
        persons.push(head);
        if (this.chance(0.55))
          persons.push(
            this.person(
              'spouse',
              Math.max(52, Math.min(95, head.age + (male ? -1 : 1) * this.int(-2, 5))),
              !male,
              male ? this.surname() : L,
              this.chance(0.6),
            ),
          );
        const oldest = Math.min(...persons.map((p) => p.age));
        const parentAge = this.int(Math.max(22, oldest - 40), oldest - 20);
        const gs = male || this.chance(0.5) ? L : this.surname();
        for (let i = 0, n = this.int(1, 2); i < n; i++)
          persons.push(this.person('grandchild', this.int(1, Math.min(16, parentAge - 20)), this.chance(0.52), gs));
        // The children's parents work away: obliged supporters outside the household.
        supporters.push({ relation: 'child', age: parentAge, male: gs === L, surname: gs === L ? L : this.surname() });
        if (this.chance(0.4))
          supporters.push({ relation: 'child', age: this.int(Math.max(22, oldest - 40), oldest - 20), male: this.chance(0.5), surname: L });
        break;
      }
      case 'with_parent': {
        const head = this.person('head', this.age(30, 66), this.chance(0.6), L);
        persons.push(head);
        const parentAge = Math.min(100, head.age + this.int(20, 34));
        if (this.chance(0.3)) {
          persons.push(
            this.person('parent', parentAge, true, L),
            this.person('parent', Math.max(head.age + 20, Math.min(100, parentAge - this.int(-3, 5))), false, this.surname()),
          );
        } else {
          const male = this.chance(0.3);
          persons.push(this.person('parent', parentAge, male, male ? L : this.surname()));
        }
        break;
      }
      case 'with_sibling': {
        const head = this.person('head', this.age(28, 66), this.chance(0.6), L);
        persons.push(head, this.person('sibling', Math.max(18, Math.min(80, head.age + this.int(-10, 10))), this.chance(0.5), L));
        break;
      }
      case 'with_grandparent': {
        const head = this.person('head', this.age(18, 32), this.chance(0.6), L);
        persons.push(
          head,
          this.person('grandparent', Math.min(100, head.age + this.int(42, 60)), this.chance(0.35), this.chance(0.5) ? L : this.surname()),
        );
        break;
      }
    }
    // Now and then someone else lives with the family (a niece, a foster child).
    if (this.chance(0.006)) persons.push(this.person('other', this.int(3, 70), this.chance(0.5), this.surname(), this.chance(0.7)));
    return { persons, supporters };
  }

  // ---- member attributes ---------------------------------------------------------------
  protected attributes(p: Person, residence: Residence, forceDisability: boolean): void {
    const a = p.age;
    const pDis = a < 18 ? 0.02 : a < 60 ? 0.05 : a < 80 ? 0.1 : 0.18;
    if (forceDisability || this.chance(pDis)) {
      p.disability = { kind: DISABILITY_KINDS[this.pickIndex(DISABILITY_CUM)], grade: this.pickIndex(GRADE_CUM) + 1 };
    }
    const pCritical = a < 60 ? 0.012 : 0.04;
    const pChronic = a < 40 ? 0.03 : a < 60 ? 0.12 : 0.35;
    const x = this.u();
    p.illness = x < pCritical ? 'critical' : x < pCritical + pChronic ? 'chronic' : null;
    const severe = isSevere(p.disability);

    // schooling (full-time, currently enrolled)
    if (a >= 3 && a <= 5) p.schooling = this.chance(0.88) ? 'preschool' : null;
    else if (a >= 6 && a <= 11) p.schooling = 'primary';
    else if (a >= 12 && a <= 14) p.schooling = 'junior';
    else if (a >= 15 && a <= 17) p.schooling = this.pick(['senior', 'senior', 'senior', 'vocational', 'vocational', null] as const);
    else if (a >= 18 && a <= 22 && p.relation !== 'head' && p.relation !== 'spouse') {
      const y = this.u();
      p.schooling = y < 0.18 ? 'college' : y < 0.4 ? 'bachelor' : y < 0.45 ? 'vocational' : null;
    } else if (a >= 23 && a <= 26 && p.relation === 'child' && this.chance(0.04)) p.schooling = 'postgraduate';
    if (severe && p.disability!.kind === 'intellectual' && p.schooling && this.chance(0.5)) p.schooling = null;

    // labour
    if (a < 16 || p.schooling) p.labour = 'none';
    else if (a < 60) {
      if ((severe || p.illness === 'critical') && this.chance(0.75)) p.labour = 'unable';
      else {
        const y = this.u();
        p.labour =
          residence === 'rural'
            ? y < 0.42
              ? 'farming'
              : y < 0.72
                ? 'employed'
                : y < 0.8
                  ? 'self_employed'
                  : 'unemployed'
            : y < 0.52
              ? 'employed'
              : y < 0.64
                ? 'self_employed'
                : 'unemployed';
      }
    } else {
      if (a < 72 && residence === 'rural' && !severe && this.chance(0.45)) p.labour = 'farming';
      else if (a < 65 && residence === 'urban' && !severe && this.chance(0.12)) p.labour = 'employed';
      else p.labour = severe || a >= 85 ? 'unable' : 'retired';
    }

    // self-care: the six daily activities
    const pCare = a >= 80 ? 0.35 : a >= 70 ? 0.15 : a >= 60 ? 0.05 : 0;
    if (this.chance(severe ? Math.max(0.5, pCare) : pCare)) {
      p.selfCare = this.chance(0.6) ? this.int(1, 3) : this.int(4, 6);
      if (p.selfCare >= 4 && a >= 16 && !p.schooling) p.labour = 'unable';
    }

    // status: almost everyone is present
    if (p.relation !== 'head' && a >= 18) {
      const y = this.u();
      p.status =
        y < 0.003
          ? 'prison'
          : y < 0.004
            ? 'compulsory_rehab'
            : y < 0.006
              ? 'missing'
              : y < 0.0065
                ? 'clergy_away'
                : y < 0.0075
                  ? 'deceased'
                  : 'present';
    }

    if (a >= 18 && p.status === 'present' && this.chance(0.86)) p.authorisedOn = this.isoDate(this.refDay - this.int(5, 540));
  }

  // ---- the household -------------------------------------------------------------------
}

export function isSevere(d: MemberData['disability']): boolean {
  return !!d && (d.grade <= 2 || (d.grade === 3 && (d.kind === 'intellectual' || d.kind === 'psychiatric')));
}
