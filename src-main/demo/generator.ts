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
import type { HouseholdData, IncomeType, SupporterData, Tier } from '../common/household-file';
import { mulberry32 } from '../common/random';
import { DEMO_DISPOSABLE_INCOME, DEMO_REFERENCE_DATE, DEMO_STANDARD, DEMO_TOWNSHIPS, ROADS, type DemoTownship } from './county';
import { COMPOSITION_CUM, COMPOSITIONS, Families, isSevere, TOWNSHIP_CUM, type Person } from './families';

export { DEMO_OFFICE, DEMO_REFERENCE_DATE, DEMO_STANDARD, DEMO_TOWNSHIPS } from './county';
export { COMPOSITIONS, type Composition } from './families';

export { mulberry32 };

export interface GenerateOptions {
  /** Ages and dates are computed against this date (default DEMO_REFERENCE_DATE, 2026-11-01). */
  referenceDate?: string;
}

/** The income/asset band a household was drawn to fall in under the demo standards. */
export type Profile = 'tekun' | 'dibao' | 'marginal' | 'rigid' | 'none';

const EARNED_SHARE = 0.7; // 30% employment-cost disregard on wage and business income (§2.3)

class CountyGenerator extends Families {
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

/**
 * Yields `n` synthetic households of the demo county. Deterministic: the same `seed` and
 * `n` give the same households in the same order (and the first k of a run of n are the
 * households of a run of k).
 */
export function* generateHouseholds(n: number, seed = 1, opts: GenerateOptions = {}): Generator<HouseholdData, void, undefined> {
  const g = new CountyGenerator(seed, opts.referenceDate ?? DEMO_REFERENCE_DATE);
  for (let i = 0; i < n; i++) yield g.household(i);
}
