/**
 * The assistance engine: one household → every tier with its reasons, the benefit and the
 * entitlements, in the order fixed by docs/rules/assistance.md §10.
 *
 * Money is exact: amounts are integers in sub-fen (compiled.ts) until the single rounding of
 * §10.11. Reasons are data; nothing here builds text (a county scan evaluates 200,000
 * households in a worker).
 */
import type { HouseholdData, Tier } from '../common/household-file';
import { monthsBetween } from '../common/dates';
import { fenOf } from './fen';
import { evaluateAssets } from './assets';
import { compile, SUB } from './compiled';
import { exceeds, roundToYuanFen } from './exact';
import { entitlements } from './entitlements';
import type { ParameterSet } from '../common/parameters';
import { addonCause, isAbleBodied, person, isCountedIncome, type Person } from './people';
import { evaluateTekunPerson } from './tekun';
import type { BreakdownItem, Determination, HouseholdTier, Reason, ReviewClass, SinglePersonInclusion, TekunPerson } from './types';

export type { Determination, Reason } from './types';
export { renderReason, peopleOf, type People } from './render';
export { toScreenOutput } from './screen-output';
export { roundToYuanFen } from './exact';

export function evaluate(h: HouseholdData, params: ParameterSet, referenceDate: string): Determination {
  const c = compile(params.values[h.residence]);
  const people: Person[] = new Array(h.members.length);
  let head: Person | null = null;
  let present = 0;
  for (let i = 0; i < h.members.length; i++) {
    const p = person(h.members[i], referenceDate, c);
    people[i] = p;
    if (p.member.relation === 'head') head = p;
    if (p.present) present++;
  }
  if (present === 0 || head === null) return nobodyPresent(h, params, referenceDate);

  // §2.2: one reason per excluded item of a present member, shared by every tier.
  const incomeNotes: Reason[] = [];
  for (let i = 0; i < people.length; i++) {
    const p = people[i];
    if (!p.present) continue;
    const inc = p.member.monthlyIncome;
    for (let j = 0; j < inc.length; j++) {
      if (!isCountedIncome(inc[j].type)) {
        incomeNotes.push({
          rule: 'income.excluded',
          figures: { idNumber: p.member.idNumber, type: inc[j].type, amountFen: fenOf(inc[j].amount) },
        });
      }
    }
  }

  const assets = evaluateAssets(h, present, c);
  const assets24Failed = assets.failed + (assets.financialPass ? 0 : 1);
  const assets36Failed = assets.failed + (assets.rigidFinancialPass ? 0 : 1);

  // §10.6 特困 first, per person.
  const persons: TekunPerson[] = [];
  const tekunMembers: string[] = [];
  const breakdown: BreakdownItem[] = [];
  let totalSub = 0;
  for (let i = 0; i < people.length; i++) {
    const p = people[i];
    if (!p.present) continue;
    const r = evaluateTekunPerson(p, people, head, h, assets24Failed === 0, assets24Failed, referenceDate, c);
    persons.push(r);
    if (r.eligible) {
      p.tekun = true;
      tekunMembers.push(r.idNumber);
      const basicSub = c.standardFen * c.tekunBasicBp;
      const careSub = c.careSub[p.member.selfCareUnmanaged];
      totalSub += basicSub + careSub;
      breakdown.push({ item: 'tekun_support', idNumber: r.idNumber, amountFen: basicSub / SUB, rule: 'tekun.support' });
      breakdown.push({ item: 'care_subsidy', idNumber: r.idNumber, amountFen: careSub / SUB, rule: 'tekun.care' });
    }
  }
  const tekunReasons: Reason[] = [...incomeNotes, ...assets.reasons, assets.financial];

  // §10.7 the rest of the household.
  let restN = 0;
  let restGrossFen = 0;
  let restEarnedFen = 0;
  let restSub = 0;
  for (let i = 0; i < people.length; i++) {
    const p = people[i];
    if (!p.present || p.tekun) continue;
    restN++;
    restGrossFen += p.grossFen;
    restEarnedFen += p.earnedFen;
    restSub += p.countedSub;
  }

  const dibaoReasons: Reason[] = [];
  const marginalReasons: Reason[] = [];
  const rigidReasons: Reason[] = [];
  let dibaoOk = false;
  let marginalOk = false;
  let rigidOk = false;
  let gradualExit: { month: number; percent: number } | null = null;
  let gradualSub = 0;

  if (restN === 0) {
    const all: Reason = { rule: 'tier.allTekun', pass: false, figures: { members: present } };
    dibaoReasons.push(all);
    marginalReasons.push(all);
    rigidReasons.push(all);
  } else {
    const incomeReasons: Reason[] = incomeNotes.slice();
    incomeReasons.push({
      rule: 'income.counted',
      figures: { members: restN, grossFen: restGrossFen, disregardFen: (restEarnedFen * c.disregardBp) / SUB, countedFen: restSub / SUB },
    });
    if (restEarnedFen > 0) {
      incomeReasons.push({
        rule: 'income.disregard',
        figures: { earnedFen: restEarnedFen, disregardRate: c.disregardBp / SUB, disregardFen: (restEarnedFen * c.disregardBp) / SUB },
      });
    }
    const perCapitaFen = restSub / SUB / restN;

    // 低保: total counted income < standard × members (§10.4), assets within the 24-month limits.
    const dibaoLimitSub = c.standardSub * restN;
    const dibaoIncome = restSub < dibaoLimitSub;
    const assets24 = assets24Failed === 0;
    dibaoOk = dibaoIncome && assets24;
    dibaoReasons.push(...incomeReasons, {
      rule: 'dibao.income',
      pass: dibaoIncome,
      figures: { members: restN, incomeFen: restSub / SUB, perCapitaFen, standardFen: c.standardFen, limitFen: dibaoLimitSub / SUB },
    });
    dibaoReasons.push(...assets.reasons, assets.financial, { rule: 'dibao.assets', pass: assets24, figures: { failed: assets24Failed } });

    // §10.10 gradual exit: was dibao, now fails on income only, and has earned income.
    const cur = h.current;
    if (cur !== null && cur.tier === 'dibao' && !dibaoIncome && assets24 && restEarnedFen > 0) {
      const refMonth = referenceDate.slice(0, 7);
      // Choice: a `gradualExitSince` after the reference month is treated as month 1.
      const month = Math.max(1, monthsBetween(cur.gradualExitSince ?? refMonth, refMonth) + 1);
      const lastFen = fenOf(cur.monthlyBenefit);
      if (month <= c.taper.length) {
        const percent = c.taper[month - 1];
        gradualExit = { month, percent };
        gradualSub = lastFen * percent * (SUB / 100);
        dibaoReasons.push({
          rule: 'gradual_exit',
          pass: true,
          figures: { month, months: c.taper.length, percent, lastBenefitFen: lastFen, amountFen: gradualSub / SUB },
        });
      } else {
        dibaoReasons.push({ rule: 'gradual_exit', pass: false, figures: { month, months: c.taper.length, lastBenefitFen: lastFen } });
      }
    }
    const higher: Reason | null = dibaoOk
      ? { rule: 'tier.higher', pass: false, figures: { tier: 'dibao' } }
      : gradualExit !== null
        ? { rule: 'tier.higher', pass: false, figures: { tier: 'gradual_exit' } }
        : null;

    // Marginal: < multiplier × standard × members.
    const marginalLimitSub = c.standardFen * c.marginalBp * restN;
    const marginalIncome = restSub < marginalLimitSub;
    marginalOk = higher === null && marginalIncome && assets24;
    if (higher) marginalReasons.push(higher);
    marginalReasons.push(...incomeReasons, {
      rule: 'marginal.income',
      pass: marginalIncome,
      figures: {
        members: restN,
        incomeFen: restSub / SUB,
        perCapitaFen,
        thresholdFen: (c.standardFen * c.marginalBp) / SUB,
        multiplier: c.marginalBp / SUB,
        limitFen: marginalLimitSub / SUB,
      },
    });
    marginalReasons.push(...assets.reasons, assets.financial, {
      rule: 'marginal.assets',
      pass: assets24,
      figures: { failed: assets24Failed },
    });

    // Rigid (§10.9): income < last year's disposable income ÷ 12 per member, compared ×12.
    const rigidIncome = restSub * 12 < c.lastYearFen * SUB * restN;
    const assets36 = assets36Failed === 0;
    const e = h.expenses12Months;
    const medicalFen = fenOf(e.medicalOutOfPocket) + fenOf(e.medicalTravel) + fenOf(e.accident) - fenOf(e.assistanceAlreadyReceived);
    // Choice (§1.4/§10.9): the assistance received is deducted in both tests, since it was
    // received for these costs; basic living counts the members left after 特困 members.
    const basicLivingFen = c.standardFen * restN * 12;
    const expenditureFen = basicLivingFen + medicalFen + fenOf(e.education) + fenOf(e.rehabilitation);
    const annualSub = restSub * 12;
    const ratioOk = annualSub === 0 || exceeds(expenditureFen, annualSub, c.rigidBp);
    const medicalOk = annualSub === 0 || exceeds(medicalFen, annualSub, c.rigidMedicalBp);
    rigidOk = higher === null && !marginalOk && rigidIncome && assets36 && (ratioOk || medicalOk);
    if (higher) rigidReasons.push(higher);
    else if (marginalOk) rigidReasons.push({ rule: 'tier.higher', pass: false, figures: { tier: 'marginal' } });
    rigidReasons.push(...incomeReasons, {
      rule: 'rigid.income',
      pass: rigidIncome,
      figures: { members: restN, incomeFen: restSub / SUB, perCapitaFen, disposableFen: c.lastYearFen / 12 },
    });
    rigidReasons.push(...assets.reasons, assets.rigidFinancial, {
      rule: 'rigid.assets',
      pass: assets36,
      figures: { failed: assets36Failed },
    });
    const annualIncomeFen = annualSub / SUB;
    rigidReasons.push({
      rule: 'rigid.ratio',
      pass: ratioOk,
      // Every sum with its parts (issue 21): basic living = standard × members × 12, plus what was entered.
      figures: {
        expenditureFen,
        basicLivingFen,
        standardFen: c.standardFen,
        members: restN,
        medicalFen,
        educationFen: fenOf(e.education),
        rehabilitationFen: fenOf(e.rehabilitation),
        annualIncomeFen,
        incomeFen: restSub / SUB,
        ratioRate: annualSub === 0 ? 'no_income' : expenditureFen / annualIncomeFen,
        thresholdRate: c.rigidBp / SUB,
      },
    });
    rigidReasons.push({
      rule: 'rigid.medicalRatio',
      pass: medicalOk,
      figures: {
        medicalFen,
        outOfPocketFen: fenOf(e.medicalOutOfPocket),
        travelFen: fenOf(e.medicalTravel),
        accidentFen: fenOf(e.accident),
        receivedFen: fenOf(e.assistanceAlreadyReceived),
        annualIncomeFen,
        incomeFen: restSub / SUB,
        ratioRate: annualSub === 0 ? 'no_income' : medicalFen / annualIncomeFen,
        thresholdRate: c.rigidMedicalBp / SUB,
      },
    });
  }

  const restTier: HouseholdTier = dibaoOk || gradualExit !== null ? 'dibao' : marginalOk ? 'marginal' : rigidOk ? 'rigid' : 'none';
  const tier: HouseholdTier = restN === 0 ? 'tekun' : restTier;

  // Cash for the rest of the household.
  const singles: SinglePersonInclusion[] = [];
  const memberTier: (Tier | null)[] = new Array(people.length);
  for (let i = 0; i < people.length; i++) {
    const p = people[i];
    memberTier[i] = !p.present ? null : p.tekun ? 'tekun' : restTier === 'none' ? null : restTier;
  }
  if (dibaoOk) {
    const gapSub = c.standardSub * restN - restSub;
    totalSub += gapSub;
    breakdown.push({ item: 'gap', idNumber: null, amountFen: gapSub / SUB, rule: 'dibao.gap' });
    dibaoReasons.push({
      rule: 'dibao.gap',
      figures: { members: restN, standardFen: c.standardFen, incomeFen: restSub / SUB, gapFen: gapSub / SUB },
    });
    const addonSub = c.standardFen * c.addonBp;
    for (let i = 0; i < people.length; i++) {
      const p = people[i];
      if (!p.present || p.tekun) continue;
      const why = addonCause(p, c);
      if (why === null) continue;
      totalSub += addonSub;
      breakdown.push({ item: 'addon', idNumber: p.member.idNumber, amountFen: addonSub / SUB, rule: 'dibao.addon' });
      dibaoReasons.push({
        rule: 'dibao.addon',
        figures: { idNumber: p.member.idNumber, why, addonRate: c.addonBp / SUB, addonFen: addonSub / SUB },
      });
    }
  } else if (gradualExit !== null) {
    totalSub += gradualSub;
    breakdown.push({ item: 'gradual_exit', idNumber: null, amountFen: gradualSub / SUB, rule: 'gradual_exit' });
  } else if (marginalOk) {
    // §10.8 单人保: the household stays marginal and keeps its size for its own test.
    const addonSub = c.standardFen * c.addonBp;
    for (let i = 0; i < people.length; i++) {
      const p = people[i];
      if (!p.present || p.tekun) continue;
      const critical = p.member.illness === 'critical';
      if (!p.severe && !critical) continue;
      const why = p.severe ? 'severe' : 'critical';
      const idNumber = p.member.idNumber;
      if (p.countedSub < c.standardSub) {
        // Always entitled to the add-on: being severe or critical is itself a cause (§10.12).
        const benefitSub = c.standardSub - p.countedSub + addonSub;
        totalSub += benefitSub;
        memberTier[i] = 'dibao';
        breakdown.push({ item: 'single_person', idNumber, amountFen: benefitSub / SUB, rule: 'single_person.inclusion' });
        singles.push({
          idNumber,
          benefitFen: benefitSub / SUB,
          reasons: [
            {
              rule: 'single_person.inclusion',
              pass: true,
              figures: {
                idNumber,
                why,
                incomeFen: p.countedSub / SUB,
                standardFen: c.standardFen,
                addonFen: addonSub / SUB,
                benefitFen: benefitSub / SUB,
              },
            },
          ],
        });
      } else {
        marginalReasons.push({
          rule: 'single_person.inclusion',
          pass: false,
          figures: { idNumber, why, incomeFen: p.countedSub / SUB, standardFen: c.standardFen },
        });
      }
    }
  }

  let reviewClass: ReviewClass | null = null;
  if (tier === 'dibao') {
    let able = 0;
    let employed = 0;
    for (let i = 0; i < people.length; i++) {
      const p = people[i];
      if (!isAbleBodied(p, c)) continue;
      able++;
      if (p.member.labour === 'employed') employed++;
    }
    reviewClass = able === 0 ? 'A' : employed === able ? 'B' : 'C';
    dibaoReasons.push({ rule: 'review.class', figures: { class: reviewClass, able, employed } });
  }

  const monthlyBenefitFen = roundToYuanFen(totalSub, c);
  const unroundedFen = totalSub / SUB;
  if (monthlyBenefitFen * SUB !== totalSub) {
    breakdown.push({ item: 'rounding', idNumber: null, amountFen: monthlyBenefitFen - unroundedFen, rule: 'rounding' });
  }

  return {
    referenceDate,
    parameterSet: params.id,
    residence: h.residence,
    tier,
    presentMembers: present,
    restMembers: restN,
    tekun: { eligible: tekunMembers.length > 0, members: tekunMembers, persons, reasons: tekunReasons },
    dibao: { eligible: dibaoOk, reasons: dibaoReasons },
    marginal: { eligible: marginalOk, reasons: marginalReasons },
    rigid: { eligible: rigidOk, reasons: rigidReasons },
    singlePersonInclusion: singles,
    gradualExit,
    reviewClass,
    breakdown,
    unroundedFen,
    monthlyBenefitFen,
    rounding: { rule: 'rounding', figures: { mode: c.rounding, unroundedFen, roundedFen: monthlyBenefitFen } },
    entitlements: entitlements(h, people, memberTier, tier, restTier, c),
  };
}

function nobodyPresent(h: HouseholdData, params: ParameterSet, referenceDate: string): Determination {
  const r: Reason = { rule: 'household.noPresentMembers', pass: false, figures: {} };
  const c = compile(params.values[h.residence]);
  return {
    referenceDate,
    parameterSet: params.id,
    residence: h.residence,
    tier: 'none',
    presentMembers: 0,
    restMembers: 0,
    tekun: { eligible: false, members: [], persons: [], reasons: [r] },
    dibao: { eligible: false, reasons: [r] },
    marginal: { eligible: false, reasons: [r] },
    rigid: { eligible: false, reasons: [r] },
    singlePersonInclusion: [],
    gradualExit: null,
    reviewClass: null,
    breakdown: [],
    unroundedFen: 0,
    monthlyBenefitFen: 0,
    rounding: { rule: 'rounding', figures: { mode: c.rounding, unroundedFen: 0, roundedFen: 0 } },
    entitlements: [],
  };
}
