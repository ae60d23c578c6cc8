/**
 * The amount of temporary assistance and the band that decides it
 * (docs/rules/temporary-service-recovery.md §11.2, §11.3), as pure arithmetic.
 *
 * Expenditure cases follow §11.2 steps 0–8 in order. Money is exact: incomes are carried in
 * sub-fen (1/10,000 fen) as the engine counts them (src-main/policy/people.ts, §2 and §10.3), rates
 * in basis points of 1/10,000, products in BigInt; the only rounding is step 7's, half up to the
 * fen. Every step leaves a reason with its figures (./reasons.ts renders them in either language).
 */
import type { HouseholdData, Tier } from '../common/household-file';
import type { ParameterValues } from '../common/parameters';
import { formatFen } from '../common/money';
import type { TemporaryBand, TemporaryKind } from '../common/codes';
import { compile, SUB } from '../policy/compiled';
import { person } from '../policy/people';
import type { TemporaryRules } from './parameters';

export interface TemporaryReasonData {
  rule: string;
  /** Absent for a reason that only states a figure. */
  pass?: boolean;
  /** Figures as the office writes them (`1,523.00`, `20%`, codes): the same in both languages. */
  figures: Record<string, string>;
}

export interface Assessment {
  eligible: boolean;
  /** What may be paid without a case-by-case decision: min(A, 10 × S) for expenditure, the amount asked for an emergency. */
  amountFen: number;
  /** Step 7's A (expenditure), before the cap; null for an emergency or a refusal before step 7. */
  computedFen: number | null;
  /** 10 × S. */
  capFen: number;
  /** 30 × S: what a case-by-case decision may reach. */
  maxFen: number;
  standardFen: number;
  band: TemporaryBand | null;
  caseByCase: boolean;
  reasons: TemporaryReasonData[];
}

export interface AssessInput {
  kind: TemporaryKind;
  /** The household, or null for a non-local person (流动人口, emergency only). */
  household: HouseholdData | null;
  /** The determination in force on the event date (a file's `current.tier`; null: none). */
  tier: Tier | null;
  eventDate: string;
  /** Expenditure: E, the essential out-of-pocket spending of the event, fen. */
  spendingFen?: number;
  /** Emergency: the amount asked, fen. */
  requestedFen?: number;
}

/** The residence column of the county parameters in force on the event date, and the temporary rules in force then. */
export interface AssessParameters {
  values: Readonly<ParameterValues>;
  rules: TemporaryRules;
}

const B = BigInt;
const SUB_N = B(SUB);

/** A value in basis points of 1/10,000 (rates and multiples have at most four decimals: ./parameters.ts, policy/compiled.ts). */
export const bp = (v: number): bigint => B(Math.round(v * SUB));

/** A fen amount given as num / den (den > 0), written `1,523.00`, or with its extra decimals, or `≈…` when it does not end. */
export function exactYuan(num: bigint, den: bigint): string {
  if (num % den === 0n) return formatFen(Number(num / den));
  const neg = num < 0n;
  const abs = neg ? -num : num;
  const scaled = abs * SUB_N;
  if (scaled % den === 0n) {
    const q = scaled / den; // fen × 10,000
    const fen = q / SUB_N;
    const extra = (q % SUB_N).toString().padStart(4, '0').replace(/0+$/, '');
    return `${neg ? '-' : ''}${formatFen(Number(fen))}${extra}`;
  }
  const rounded = (abs * 2n + den) / (2n * den);
  return `≈${neg ? '-' : ''}${formatFen(Number(rounded))}`;
}

const money = (fen: number | bigint) => formatFen(Number(fen));
const percent = (bpv: bigint) => `${Number(bpv) / 100}%`;

/** `amountFen ≤ multiple × S`, exactly. */
export function withinMultiple(amountFen: number, standardFen: number, multiple: number): boolean {
  return B(amountFen) * SUB_N <= B(standardFen) * bp(multiple);
}

/** multiple × S in whole fen (a fraction of a fen is never payable). */
export function multipleFen(standardFen: number, multiple: number): number {
  return Number((B(standardFen) * bp(multiple)) / SUB_N);
}

/**
 * The band of an amount (§11.3): ≤ 1 × S quick (emergencies only), ≤ 3 × S township, ≤ 10 × S county,
 * above that case by case. An expenditure case is never quick.
 */
export function bandOf(kind: TemporaryKind, amountFen: number, standardFen: number, p: AssessParameters): TemporaryBand {
  if (kind === 'emergency' && withinMultiple(amountFen, standardFen, p.rules['temporary.quickMultiple'])) return 'quick';
  if (withinMultiple(amountFen, standardFen, p.rules['temporary.townshipMultiple'])) return 'township';
  if (withinMultiple(amountFen, standardFen, p.values['temporary.maxMultiple'])) return 'county';
  return 'case_by_case';
}

/** The band's upper limit in fen, for its reason. */
function bandLimit(band: TemporaryBand, standardFen: number, p: AssessParameters): number {
  const m =
    band === 'quick'
      ? p.rules['temporary.quickMultiple']
      : band === 'township'
        ? p.rules['temporary.townshipMultiple']
        : band === 'county'
          ? p.values['temporary.maxMultiple']
          : p.rules['temporary.caseByCaseMultiple'];
  return multipleFen(standardFen, m);
}

export function assess(input: AssessInput, p: AssessParameters): Assessment {
  const S = p.values['dibao.standard'];
  if (typeof S !== 'number') throw new Error('dibao.standard is not a number');
  const capFen = multipleFen(S, p.values['temporary.maxMultiple']);
  const maxFen = multipleFen(S, p.rules['temporary.caseByCaseMultiple']);
  const reasons: TemporaryReasonData[] = [
    { rule: 'temporary.tier', figures: { tier: input.tier ?? 'none', eventDate: input.eventDate } },
    {
      rule: 'temporary.standard',
      figures: { standard: money(S), cap: money(capFen), max: money(maxFen), multiple: String(p.values['temporary.maxMultiple']) },
    },
  ];
  const base = { capFen, maxFen, standardFen: S, reasons };
  const refuse = (): Assessment => ({ ...base, eligible: false, amountFen: 0, computedFen: null, band: null, caseByCase: false });
  const finish = (amountFen: number, computedFen: number | null, caseByCase: boolean, bandAmount: number): Assessment => {
    const band = bandOf(input.kind, bandAmount, S, p);
    reasons.push(
      band === 'case_by_case'
        ? {
            rule: 'temporary.bandCaseByCase',
            figures: { band, amount: money(bandAmount), cap: money(capFen), limit: money(bandLimit(band, S, p)) },
          }
        : { rule: 'temporary.band', figures: { band, amount: money(bandAmount), limit: money(bandLimit(band, S, p)) } },
    );
    return { ...base, eligible: true, amountFen, computedFen, band, caseByCase };
  };

  if (input.kind === 'emergency') {
    // §11.1: the clerk's judgement within the bands of §11.3, up to 30 × S; no formula.
    const asked = input.requestedFen ?? 0;
    const within = withinMultiple(asked, S, p.rules['temporary.caseByCaseMultiple']);
    reasons.push({ rule: 'temporary.requested', pass: within, figures: { requested: money(asked), max: money(maxFen) } });
    if (!within) return refuse();
    const over = !withinMultiple(asked, S, p.values['temporary.maxMultiple']);
    if (over) reasons.push({ rule: 'temporary.caseByCase', figures: { amount: money(asked), cap: money(capFen), max: money(maxFen) } });
    return finish(asked, null, over, asked);
  }

  // Step 1: I, n, p. The engine's counted income of each present member (§2, §10.3: the 30% disregard of wage and business).
  const h = input.household;
  if (h === null) {
    reasons.push({ rule: 'temporary.noHousehold', pass: false, figures: {} });
    return refuse();
  }
  const c = compile(p.values);
  let n = 0;
  let monthSub = 0n;
  for (const m of h.members) {
    const who = person(m, input.eventDate, c);
    if (!who.present) continue;
    n++;
    monthSub += B(who.countedSub);
  }
  if (n === 0) {
    reasons.push({ rule: 'temporary.noMembers', pass: false, figures: {} });
    return refuse();
  }
  const incomeSub = 12n * monthSub; // I, in sub-fen
  // Step 2: p = I / 12 / n ≤ PCDI / 12  ⇔  I ≤ PCDI × n (exact on totals, as docs/rules/assistance.md §10.4).
  const pcdiFen = p.values['income.lastYearPerCapita'];
  if (typeof pcdiFen !== 'number') throw new Error('income.lastYearPerCapita is not a number');
  const incomeOk = incomeSub <= B(pcdiFen) * SUB_N * B(n);
  reasons.push({
    rule: 'temporary.income',
    pass: incomeOk,
    figures: {
      members: String(n),
      monthly: exactYuan(monthSub, SUB_N),
      annual: exactYuan(incomeSub, SUB_N),
      perCapita: exactYuan(incomeSub, SUB_N * 12n * B(n)),
      limit: exactYuan(B(pcdiFen), 12n),
      pcdi: money(pcdiFen),
    },
  });
  if (!incomeOk) return refuse();

  // Step 3: E. Step 4: T = 0 for 特困 / 低保 on the event date, else 20% × I. Units from here: 1/SUB² fen.
  const E = B(input.spendingFen ?? 0);
  const E2 = E * SUB_N * SUB_N;
  reasons.push({ rule: 'temporary.spending', figures: { spending: money(E) } });
  const zero = input.tier === 'tekun' || input.tier === 'dibao';
  const tRate = bp(p.rules['temporary.thresholdRate']);
  const T2 = zero ? 0n : incomeSub * tRate;
  const threshold = exactYuan(T2, SUB_N * SUB_N);
  // Step 5: E ≤ T is refused.
  const above = E2 > T2;
  reasons.push(
    zero
      ? { rule: 'temporary.thresholdZero', pass: above, figures: { tier: input.tier ?? 'none', spending: money(E), threshold } }
      : {
          rule: 'temporary.threshold',
          pass: above,
          figures: { spending: money(E), threshold, rate: percent(tRate), annual: exactYuan(incomeSub, SUB_N) },
        },
  );
  if (!above) return refuse();

  // Step 6: r. Step 7: A = (E − T) × r, rounded half up to the fen (units 1/SUB³ fen before it).
  const inTier = zero || input.tier === 'marginal';
  const r = bp(inTier ? p.rules['temporary.rateInTier'] : p.rules['temporary.rateOther']);
  reasons.push({
    rule: inTier ? 'temporary.rateInTier' : 'temporary.rateOther',
    figures: { rate: percent(r), tier: input.tier ?? 'none' },
  });
  const A3 = (E2 - T2) * r;
  const unit = SUB_N * SUB_N * SUB_N;
  const A = (A3 * 2n + unit) / (2n * unit);
  reasons.push({
    rule: 'temporary.amount',
    figures: {
      spending: money(E),
      threshold,
      rate: percent(r),
      exact: exactYuan(A3, unit),
      amount: money(A),
    },
  });

  // Step 8: min(A, 10 × S); above it, 一事一议 may raise the amount up to 30 × S with two managers' approvals.
  const computedFen = Number(A);
  const over = !withinMultiple(computedFen, S, p.values['temporary.maxMultiple']);
  reasons.push({
    rule: 'temporary.cap',
    pass: !over,
    figures: { amount: money(A), cap: money(capFen), max: money(maxFen), multiple: String(p.values['temporary.maxMultiple']) },
  });
  if (over) reasons.push({ rule: 'temporary.caseByCase', figures: { amount: money(A), cap: money(capFen), max: money(maxFen) } });
  return finish(Math.min(computedFen, capFen), computedFen, over, computedFen);
}
