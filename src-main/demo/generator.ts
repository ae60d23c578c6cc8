/**
 * A deterministic synthetic county for the demo office, tests and the benchmark.
 *
 * `generateHouseholds(n, seed)` yields households one at a time (200,000 never sit in memory
 * at once); the same seed and n give byte-identical output, and a shorter run is a prefix of a
 * longer one. Every household is in the normalised shape of the household file (all defaults
 * filled), so it passes `householdFileSchema(referenceDate)` and can go straight to
 * `HouseholdWriter.insert`.
 *
 * ID numbers are unique across the county by construction: each (region, birth date, sex)
 * has its own counter that picks the 3-digit sequence (odd for men, even for women), so no
 * two people ever get the same number and no set of issued numbers is kept.
 */
import { checkCharacter } from '../common/id-number';
import type { HouseholdData, IncomeType, MemberData, Relation, Residence, SupporterData, Tier } from '../common/household-file';
import { mulberry32 } from '../common/random';
import {
  DEMO_DISPOSABLE_INCOME,
  DEMO_REFERENCE_DATE,
  DEMO_STANDARD,
  DEMO_TOWNSHIPS,
  GIVEN_NAMES,
  REGION_CODES,
  ROADS,
  SURNAMES,
  type DemoTownship,
} from './county';

export { DEMO_OFFICE, DEMO_REFERENCE_DATE, DEMO_STANDARD, DEMO_TOWNSHIPS } from './county';

export { mulberry32 };

export interface GenerateOptions {
  /** Ages and dates are computed against this date (default DEMO_REFERENCE_DATE, 2026-11-01). */
  referenceDate?: string;
}

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

/** The income/asset band a household was drawn to fall in under the demo standards. */
export type Profile = 'tekun' | 'dibao' | 'marginal' | 'rigid' | 'none';

interface Person {
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

interface SupporterSpec {
  relation: SupporterData['relation'];
  age: number;
  male: boolean;
  surname: string;
}

const DAY_MS = 86_400_000;
const EARNED_SHARE = 0.7; // 30% employment-cost disregard on wage and business income (§2.3)

function cumulative(weights: readonly number[]): Float64Array {
  const c = new Float64Array(weights.length);
  let s = 0;
  weights.forEach((w, i) => (c[i] = s += w));
  return c;
}

const SURNAME_LIST = SURNAMES.map(([s]) => s);
const SURNAME_CUM = cumulative(SURNAMES.map(([, w]) => w));
const TOWNSHIP_CUM = cumulative(DEMO_TOWNSHIPS.map((t) => t.weight));
const COMPOSITION_CUM = cumulative(COMPOSITIONS.map((c) => COMPOSITION_WEIGHTS[c]));
const DISABILITY_KINDS = ['physical', 'intellectual', 'psychiatric', 'visual', 'hearing', 'speech', 'multiple'] as const;
const DISABILITY_CUM = cumulative([40, 10, 8, 12, 18, 3, 9]);
const GRADE_CUM = cumulative([15, 25, 30, 30]);

class CountyGenerator {
  private readonly u: () => number;
  private readonly refY: number;
  private readonly refM: number;
  private readonly refD: number;
  private readonly refDay: number;
  /** Next sequence index per (region, birth day, sex): the structural uniqueness of ID numbers. */
  private readonly seqCounters = new Map<number, number>();
  private readonly compactDates = new Map<number, string>();
  private readonly isoDates = new Map<number, string>();

  constructor(
    seed: number,
    readonly referenceDate: string,
  ) {
    this.u = mulberry32(seed);
    this.refY = +referenceDate.slice(0, 4);
    this.refM = +referenceDate.slice(5, 7);
    this.refD = +referenceDate.slice(8, 10);
    this.refDay = Date.UTC(this.refY, this.refM - 1, this.refD) / DAY_MS;
  }

  // ---- random helpers ------------------------------------------------------------------
  private int(a: number, b: number): number {
    return a + Math.floor(this.u() * (b - a + 1));
  }
  private chance(p: number): boolean {
    return this.u() < p;
  }
  private uniform(a: number, b: number): number {
    return a + this.u() * (b - a);
  }
  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.u() * items.length)];
  }
  private pickIndex(cum: Float64Array): number {
    const x = this.u() * cum[cum.length - 1];
    let lo = 0,
      hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
  /** Age skewed towards `lo` (power > 1) or spread evenly (power 1). */
  private age(lo: number, hi: number, power = 1): number {
    return lo + Math.floor(Math.pow(this.u(), power) * (hi - lo + 1));
  }
  private surname(): string {
    return SURNAME_LIST[this.pickIndex(SURNAME_CUM)];
  }

  // ---- dates and ID numbers -------------------------------------------------------------
  private compactDate(day: number): string {
    let s = this.compactDates.get(day);
    if (s === undefined) {
      const d = new Date(day * DAY_MS);
      s = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
      this.compactDates.set(day, s);
    }
    return s;
  }
  private isoDate(day: number): string {
    let s = this.isoDates.get(day);
    if (s === undefined) {
      const c = this.compactDate(day);
      s = `${c.slice(0, 4)}-${c.slice(4, 6)}-${c.slice(6, 8)}`;
      this.isoDates.set(day, s);
    }
    return s;
  }

  /**
   * An ID number for someone of `age` completed years on the reference date. The birth day is
   * drawn within that age year; the sequence comes from the (region, day, sex) counter, which
   * allows 499 people per key before moving to the next day of the same age year.
   */
  private idNumber(age: number, male: boolean, native: boolean): string {
    const regionIdx = native ? 0 : this.chance(0.6) ? this.int(1, 10) : this.int(11, REGION_CODES.length - 1);
    const anniversary = Date.UTC(this.refY - age, this.refM - 1, this.refD) / DAY_MS;
    const k0 = this.int(0, 364);
    for (let j = 0; j < 365; j++) {
      const day = anniversary - ((k0 + j) % 365); // within (anniversary of age+1, anniversary of age]
      const key = (regionIdx * 65536 + (day + 30000)) * 2 + (male ? 1 : 0);
      const used = this.seqCounters.get(key) ?? 0;
      if (used >= 499) continue;
      this.seqCounters.set(key, used + 1);
      let h = Math.imul(key ^ (key >>> 13), 0x5bd1e995);
      h = (h ^ (h >>> 15)) >>> 0;
      const seq = 2 * ((h + used) % 499) + (male ? 1 : 2); // odd = male, even = female
      const first17 = REGION_CODES[regionIdx] + this.compactDate(day) + String(seq).padStart(3, '0');
      return first17 + checkCharacter(first17);
    }
    throw new Error(`demo generator: no free ID number for age ${age}`);
  }

  private givenName(age: number, male: boolean): string {
    const born = this.refY - age;
    const era = born <= 1959 ? 0 : born <= 1984 ? 1 : born <= 2004 ? 2 : 3;
    return this.pick((male ? GIVEN_NAMES.male : GIVEN_NAMES.female)[era]);
  }

  // ---- composition ---------------------------------------------------------------------
  private person(relation: Relation, age: number, male: boolean, surname: string, native = true): Person {
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
  private children(n: number, youngestParentAge: number, surname: string, maxAge = 30): Person[] {
    const out: Person[] = [];
    const hi = Math.min(maxAge, youngestParentAge - 20);
    for (let i = 0; i < n && hi >= 0; i++) out.push(this.person('child', this.int(0, hi), this.chance(0.52), surname));
    return out;
  }

  private compose(c: Composition): { persons: Person[]; supporters: SupporterSpec[] } {
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
  private attributes(p: Person, residence: Residence, forceDisability: boolean): void {
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
  household(index: number): HouseholdData {
    const township: DemoTownship = DEMO_TOWNSHIPS[this.pickIndex(TOWNSHIP_CUM)];
    const village = this.pick(township.villages);
    const residence = village.residence;
    const std = DEMO_STANDARD[residence];
    const composition = COMPOSITIONS[this.pickIndex(COMPOSITION_CUM)];
    const { persons, supporters } = this.compose(composition);
    const head = persons[0];

    const forceDisability = composition === 'single_adult' ? this.chance(0.35) : composition === 'with_sibling' && this.chance(0.5);
    persons.forEach((p, i) => this.attributes(p, residence, i === 0 ? forceDisability : p.relation === 'sibling' && forceDisability));

    // identity
    const usedNames = new Set<string>();
    for (const p of persons) {
      p.idNumber = this.idNumber(p.age, p.male, p.native || this.chance(0.3));
      let name = p.surname + this.givenName(p.age, p.male);
      for (let k = 0; k < 5 && usedNames.has(name); k++) name = p.surname + this.givenName(p.age, p.male);
      usedNames.add(name);
      p.name = name;
    }
    const present = persons.filter((p) => p.status === 'present');
    const m = present.length;

    // profile: which band of the demo standards this household should fall in
    let profile: Profile;
    const tekunCandidate =
      (composition === 'single_elderly' && this.chance(0.35)) ||
      (composition === 'single_adult' && isSevere(head.disability) && this.chance(0.6));
    if (tekunCandidate) profile = 'tekun';
    else {
      const y = this.u();
      profile = y < 0.34 ? 'dibao' : y < 0.52 ? 'marginal' : y < 0.6 ? 'rigid' : 'none';
    }

    // supporters outside
    const supportersOutside: SupporterData[] = [];
    if (profile === 'tekun') {
      supporters.length = 0;
      if (this.chance(0.3))
        supporters.push({
          relation: 'child',
          age: Math.max(22, head.age - this.int(22, 38)),
          male: this.chance(0.5),
          surname: head.surname,
        });
    }
    for (const s of supporters) {
      const withId = this.chance(0.6);
      const name = s.surname + this.givenName(s.age, s.male);
      const unableTekun = profile === 'tekun';
      const y = this.u();
      const status: SupporterData['status'] = unableTekun
        ? y < 0.4
          ? 'prison'
          : y < 0.6
            ? 'incapacitated'
            : y < 0.8
              ? 'missing'
              : 'present'
        : y < 0.01
          ? 'prison'
          : y < 0.015
            ? 'missing'
            : 'present';
      const severeDisability = unableTekun ? status === 'present' : this.chance(0.03);
      const annualIncome =
        status !== 'present' || severeDisability
          ? this.int(0, 60) * 100
          : Math.round(this.uniform(residence === 'urban' ? 24000 : 12000, residence === 'urban' ? 90000 : 50000) / 100) * 100;
      const tier: Tier | null = !unableTekun && this.chance(0.04) ? (this.chance(0.6) ? 'dibao' : 'marginal') : null;
      supportersOutside.push({
        ...(withId ? { idNumber: this.idNumber(s.age, s.male, this.chance(0.8)) } : {}),
        name,
        relation: s.relation,
        ...(withId ? {} : { age: s.age }),
        annualIncome,
        tier,
        severeDisability,
        status,
      });
    }

    // tekun persons: support mode
    if (profile === 'tekun') head.supportMode = head.selfCare >= 4 || this.chance(0.12) ? 'institution' : 'at_home';

    // counted income target (after the employment disregard), in fen per month
    let perCapita: number;
    switch (profile) {
      case 'tekun':
        perCapita = this.chance(0.7) ? 0 : this.uniform(0.05, 0.5) * std;
        break;
      case 'dibao':
        perCapita = this.chance(0.1) ? 0 : this.uniform(0.15, 0.95) * std;
        break;
      case 'marginal':
        perCapita = this.uniform(1.02, 1.45) * std;
        break;
      case 'rigid':
        perCapita = this.uniform(1.55, Math.min(2.3, (DEMO_DISPOSABLE_INCOME[residence] / 12 / std) * 0.95)) * std;
        break;
      case 'none':
        perCapita = this.chance(0.55) ? this.uniform(1.6, 5) * std : this.uniform(0.3, 1.4) * std;
        break;
    }
    const lowIncomeNone = profile === 'none' && perCapita < 1.5 * std;
    const targetFen = Math.round(perCapita * m * 100);

    // income sources
    type Source = { p: Person; type: IncomeType; earned: boolean; w: number };
    const sources: Source[] = [];
    for (const p of present) {
      if (p.labour === 'employed') sources.push({ p, type: 'wage', earned: true, w: this.uniform(0.8, 1.6) });
      else if (p.labour === 'self_employed' || p.labour === 'farming')
        sources.push({ p, type: 'business', earned: true, w: this.uniform(0.5, 1.2) });
      else if (p.labour === 'retired' && residence === 'urban' && profile !== 'dibao' && profile !== 'tekun' && this.chance(0.6))
        sources.push({ p, type: 'pension', earned: false, w: this.uniform(0.8, 1.5) });
      else if (p.labour === 'unemployed' && residence === 'urban' && this.chance(0.08))
        sources.push({ p, type: 'unemployment', earned: false, w: 0.4 });
    }
    if (supportersOutside.length > 0 && profile !== 'tekun' && this.chance(0.6))
      sources.push({ p: head, type: 'support', earned: false, w: this.uniform(0.2, 0.6) });
    if ((profile === 'none' || profile === 'rigid') && this.chance(0.03))
      sources.push({ p: head, type: 'property', earned: false, w: this.uniform(0.1, 0.4) });
    if (head.age >= 60 && this.chance(0.01)) sources.push({ p: head, type: 'survivor', earned: false, w: 0.3 });
    if (this.chance(0.004)) sources.push({ p: head, type: 'compensation', earned: false, w: 0.2 });
    if (sources.length === 0 && targetFen > 0)
      sources.push({ p: head, type: profile === 'tekun' ? 'other' : this.chance(0.5) ? 'support' : 'other', earned: false, w: 1 });

    let countedFen = 0;
    if (targetFen > 0) {
      const wsum = sources.reduce((s, x) => s + x.w, 0);
      for (const s of sources) {
        const share = (targetFen * s.w) / wsum;
        const gross = s.earned ? share / EARNED_SHARE : share;
        const fen = this.chance(0.6) ? Math.round(gross / 1000) * 1000 : Math.round(gross);
        if (fen <= 0) continue;
        s.p.incomes.push({ type: s.type, fen });
        countedFen += s.earned ? fen * EARNED_SHARE : fen;
      }
    }

    // excluded incomes
    for (const p of present) {
      const hasPension = p.incomes.some((x) => x.type === 'pension');
      if (p.age >= 60 && !hasPension) p.incomes.push({ type: 'basic_pension', fen: 16300 + this.int(0, 120) * 50 });
      if (p.age >= 80 && this.chance(0.75))
        p.incomes.push({ type: 'old_age_allowance', fen: p.age >= 100 ? 50000 : p.age >= 90 ? 20000 : 10000 });
      if (p.disability && p.disability.grade <= 2 && this.chance(0.7)) p.incomes.push({ type: 'assistance', fen: 9000 });
      if (p.schooling && p.schooling !== 'preschool' && p.schooling !== 'primary' && p.schooling !== 'junior' && this.chance(0.2))
        p.incomes.push({ type: 'scholarship', fen: 16667 });
      if (p.male && p.age >= 70 && this.chance(0.02)) p.incomes.push({ type: 'care_payment', fen: this.int(60, 150) * 1000 });
      if (residence === 'rural' && p.age >= 60 && this.chance(0.04)) p.incomes.push({ type: 'family_planning', fen: 8000 });
      if (this.chance(0.001)) p.incomes.push({ type: 'award', fen: 5000 });
    }

    // assets
    const vehicles: HouseholdData['assets']['vehicles'] = [];
    const homes: HouseholdData['assets']['homes'] = [];
    const businesses: HouseholdData['assets']['businesses'] = [];
    let largeMachineryOrVessel = false;
    let recentPurchase = false;
    const limitFen = 24 * std * Math.max(1, m) * 100;
    let financialFen = this.chance(0.3) ? 0 : Math.round((this.uniform(0, profile === 'none' ? 1.2 : 0.5) * limitFen) / 100) * 100;

    let tenure: HouseholdData['housing']['tenure'] = 'own';
    if (residence === 'urban') {
      const y = this.u();
      tenure = y < 0.15 ? 'rent' : y < 0.24 ? 'public_rental' : 'own';
    } else if (this.chance(0.01)) tenure = 'none';
    if (profile === 'tekun' && head.supportMode === 'institution' && this.chance(0.5)) tenure = 'none';
    if (tenure === 'own') {
      const area = residence === 'urban' ? this.uniform(38, 115) : this.uniform(60, 180);
      homes.push({ floorArea: Math.round(area * 10) / 10, resettlement: residence === 'rural' && this.chance(0.05) });
    }
    if (residence === 'rural' ? this.chance(0.3) : this.chance(0.05)) vehicles.push({ kind: 'motorcycle' });
    if (this.chance(residence === 'rural' ? 0.35 : 0.3)) vehicles.push({ kind: 'ebike' });
    if (present.some((p) => p.disability && p.disability.kind === 'physical') && this.chance(0.2))
      vehicles.push({ kind: 'disability_mobility' });
    if (present.some((p) => p.labour === 'self_employed') && this.chance(0.1)) vehicles.push({ kind: 'commercial_livelihood' });
    if (present.some((p) => p.labour === 'self_employed') && this.chance(0.12))
      businesses.push({ role: 'sole_proprietor', operating: this.chance(0.9), employees: 0 });
    if (profile === 'none') {
      if (lowIncomeNone) {
        // Low income but disqualified by assets (§2.4).
        const y = this.u();
        if (y < 0.4) vehicles.push({ kind: 'private_car' });
        else if (y < 0.7) financialFen = Math.round((this.uniform(1.1, 3) * limitFen) / 100) * 100;
        else if (y < 0.8)
          businesses.push({
            role: this.pick(['legal_representative', 'controlling_shareholder', 'senior_manager'] as const),
            operating: true,
            employees: this.int(1, 8),
          });
        else if (y < 0.9) {
          homes.length = 0;
          for (let k = 0, n = this.int(2, 3); k < n; k++)
            homes.push({ floorArea: Math.round(this.uniform(90, 160) * 10) / 10, resettlement: false });
          tenure = 'own';
        } else if (y < 0.95 && residence === 'rural') largeMachineryOrVessel = true;
        else recentPurchase = true;
      } else {
        if (this.chance(0.35)) vehicles.push({ kind: 'private_car' });
        if (this.chance(0.12)) homes.push({ floorArea: Math.round(this.uniform(50, 130) * 10) / 10, resettlement: false });
        if (this.chance(0.03)) businesses.push({ role: 'legal_representative', operating: true, employees: this.int(1, 20) });
      }
    } else if (profile === 'rigid' && this.chance(0.05)) vehicles.push({ kind: 'commercial_livelihood' });

    // expenses over the last 12 months (yuan → fen)
    let medicalFen = 0,
      travelFen = 0,
      educationFen = 0,
      rehabFen = 0,
      accidentFen = 0,
      receivedFen = 0;
    for (const p of present) {
      if (p.illness === 'critical') {
        medicalFen += this.int(150, 1200) * 10000;
        travelFen += this.chance(0.6) ? this.int(5, 60) * 10000 : 0;
      } else if (p.illness === 'chronic') medicalFen += this.int(8, 80) * 10000;
      else if (this.chance(0.3)) medicalFen += this.int(1, 15) * 10000;
      if (p.schooling === 'senior' || p.schooling === 'vocational') educationFen += this.int(15, 60) * 10000;
      else if (p.schooling === 'college' || p.schooling === 'bachelor' || p.schooling === 'postgraduate')
        educationFen += this.int(80, 200) * 10000;
      else if (p.schooling) educationFen += this.int(0, 15) * 10000;
      if (p.disability && this.chance(0.3)) rehabFen += this.int(5, 100) * 10000;
    }
    if (this.chance(0.01)) accidentFen = this.int(50, 500) * 10000;
    if (medicalFen > 5_000_000 && this.chance(0.4)) receivedFen = Math.round((medicalFen * this.uniform(0.05, 0.3)) / 100) * 100;
    if (profile === 'rigid') {
      // Make the rigid-expenditure ratio (§1.4) exceed 70%: medical costs that outrun income.
      const annualCounted = countedFen * 12;
      const basic = std * 100 * m * 12;
      const needed = 0.7 * annualCounted - basic - (medicalFen + travelFen + educationFen + rehabFen + accidentFen - receivedFen);
      if (needed > 0) {
        medicalFen += Math.round((needed * this.uniform(1.15, 2.2) + this.int(20, 80) * 10000) / 100) * 100;
        if (!present.some((p) => p.illness === 'critical')) (present.find((p) => p.age >= 18) ?? head).illness = 'critical';
      }
    }

    // condition and flags
    const condition: HouseholdData['housing']['condition'] =
      residence === 'rural' && tenure === 'own' && this.chance(profile === 'dibao' || profile === 'tekun' ? 0.08 : 0.02)
        ? 'dangerous'
        : 'sound';
    let monitoring: HouseholdData['flags']['returnToPovertyMonitoring'] = null;
    if (residence === 'rural' && this.chance(profile === 'dibao' || profile === 'marginal' ? 0.09 : 0.02)) {
      const y = this.u();
      monitoring = y < 0.4 ? 'unstable' : y < 0.8 ? 'edge' : 'sudden_hardship';
    }

    // determination in force
    let current: HouseholdData['current'] = null;
    const toYuan = (fen: number) => Math.round(fen) / 100;
    if (profile === 'tekun' && this.chance(0.85)) {
      const care = head.selfCare === 0 ? 100 : head.selfCare <= 3 ? 400 : 1000;
      current = { tier: 'tekun', monthlyBenefit: toYuan(Math.round(1.3 * std * 100) + care * 100), gradualExitSince: null };
    } else if (profile === 'dibao' && this.chance(0.65)) {
      const addons = present.filter((p) => isSevere(p.disability) || p.illness === 'critical' || p.age >= 70 || p.age < 18).length;
      const gap = Math.max(0, std * 100 * m - countedFen);
      current = { tier: 'dibao', monthlyBenefit: toYuan(gap + Math.round(addons * 0.15 * std * 100)), gradualExitSince: null };
    } else if (profile === 'marginal') {
      if (this.chance(0.06) && present.some((p) => p.labour === 'employed')) {
        const since = this.refY * 12 + (this.refM - 1) - this.int(1, 5);
        current = {
          tier: 'dibao',
          monthlyBenefit: toYuan(this.int(10, 40) * m * 1000),
          gradualExitSince: `${Math.floor(since / 12)}-${String((since % 12) + 1).padStart(2, '0')}`,
        };
      } else if (this.chance(0.4)) current = { tier: 'marginal', monthlyBenefit: 0, gradualExitSince: null };
    } else if (profile === 'rigid' && this.chance(0.3)) current = { tier: 'rigid', monthlyBenefit: 0, gradualExitSince: null };

    const address =
      residence === 'urban'
        ? `${this.pick(ROADS)}${this.int(1, 199)}号院${this.int(1, 18)}号楼${this.int(1, 6)}单元${this.int(1, 7)}0${this.int(1, 4)}室`
        : `${village.name}${this.int(1, 9)}组${this.int(1, 160)}号`;

    return {
      externalId: `${township.code}-${String(index + 1).padStart(7, '0')}`,
      residence,
      area: { township: township.name, village: village.name },
      address,
      members: persons.map((p) => ({
        idNumber: p.idNumber,
        name: p.name,
        relation: p.relation,
        status: p.status,
        disability: p.disability,
        illness: p.illness,
        labour: p.labour,
        schooling: p.schooling,
        selfCareUnmanaged: p.selfCare,
        supportMode: p.supportMode,
        authorisedOn: p.authorisedOn,
        monthlyIncome: p.incomes.map((x) => ({ type: x.type, amount: toYuan(x.fen) })),
      })),
      supportersOutside,
      assets: {
        vehicles,
        homes,
        financialAssets: toYuan(financialFen),
        businesses,
        largeMachineryOrVessel,
        recentPurchase,
      },
      expenses12Months: {
        medicalOutOfPocket: toYuan(medicalFen),
        medicalTravel: toYuan(travelFen),
        education: toYuan(educationFen),
        rehabilitation: toYuan(rehabFen),
        accident: toYuan(accidentFen),
        assistanceAlreadyReceived: toYuan(receivedFen),
      },
      housing: { condition, tenure },
      flags: { returnToPovertyMonitoring: monitoring },
      current,
    };
  }
}

function isSevere(d: MemberData['disability']): boolean {
  return !!d && (d.grade <= 2 || (d.grade === 3 && (d.kind === 'intellectual' || d.kind === 'psychiatric')));
}

/**
 * Yields `n` synthetic households of the demo county. Deterministic: the same `seed` and
 * `n` give the same households in the same order (and the first k of a run of n are the
 * households of a run of k).
 */
export function* generateHouseholds(n: number, seed = 1, opts: GenerateOptions = {}): Generator<HouseholdData, void, undefined> {
  const g = new CountyGenerator(seed, opts.referenceDate ?? DEMO_REFERENCE_DATE);
  for (let i = 0; i < n; i++) yield g.household(i);
}
