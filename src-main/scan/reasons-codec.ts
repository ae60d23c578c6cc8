/**
 * The key reasons of a scan change as stored in `scan_results.reasons_json`: each reason an
 * array [rule, pass, key, value, key, value, …] in which the rule and the figure keys are
 * positions in the lists below, instead of `{"rule": …, "pass": …, "figures": {…}}`. A county
 * scan writes ~90,000 changes; at ~640 bytes a change, writing them was over a quarter of the
 * scan, and the text half as long made it 7–10 % faster (bench/README.md, engine).
 *
 * The lists are append-only: stored rows hold these positions. A rule or key missing from
 * them is stored as its name, so a new rule costs bytes, never a reason. Rows written before
 * this format (an array of reason objects) read as they were.
 */
import type { Reason } from '../policy/types';

const RULES = [
  'household.noPresentMembers',
  'tier.higher',
  'tier.allTekun',
  'income.counted',
  'income.excluded',
  'income.disregard',
  'asset.vehicle',
  'asset.vehicle.commercialLivelihood',
  'asset.vehicle.disabilityMobility',
  'asset.vehicle.ignored',
  'asset.machinery',
  'asset.business',
  'asset.business.soleProprietor',
  'asset.homes',
  'asset.homes.resettlement',
  'asset.recentPurchase',
  'asset.financial',
  'asset.financial.rigid',
  'tekun.capacity',
  'tekun.living',
  'tekun.assets',
  'tekun.supporter.inside',
  'tekun.supporter.outside',
  'tekun.supporter',
  'tekun.support',
  'tekun.care',
  'dibao.income',
  'dibao.assets',
  'dibao.gap',
  'dibao.addon',
  'single_person.inclusion',
  'gradual_exit',
  'marginal.income',
  'marginal.assets',
  'rigid.income',
  'rigid.assets',
  'rigid.ratio',
  'rigid.medicalRatio',
  'rounding',
  'review.class',
  'entitlement.medical.premium',
  'entitlement.medical.outOfPocket',
  'entitlement.education',
  'entitlement.housing.renovation',
  'entitlement.housing.rental',
  'entitlement.employment',
  'entitlement.temporary',
] as const;

const FIGURES = [
  'idNumber',
  'members',
  'standardFen',
  'limitFen',
  'disregardFen',
  'incomeFen',
  'failed',
  'months',
  'financialFen',
  'why',
  'amountFen',
  'type',
  'kind',
  'grossFen',
  'countedFen',
  'perCapitaFen',
  'age',
  'earnedFen',
  'disregardRate',
  'annualIncomeFen',
  'ratioRate',
  'thresholdRate',
  'supporter',
  'relation',
  'able',
  'multiplier',
  'thresholdFen',
  'disposableFen',
  'expenditureFen',
  'medicalFen',
  'tier',
  'addonRate',
  'addonFen',
  'class',
  'employed',
  'gapFen',
  'basicFen',
  'level',
  'unmanaged',
  'subsidyFen',
  'homes',
  'minHomes',
  'totalArea',
  'perCapitaArea',
  'standardArea',
  'limitArea',
  'role',
  'operating',
  'employees',
  'month',
  'percent',
  'lastBenefitFen',
] as const;

const ruleAt = new Map<string, number>(RULES.map((r, i) => [r, i]));
const figureAt = new Map<string, number>(FIGURES.map((k, i) => [k, i]));

export function encodeReasons(reasons: readonly Reason[]): string {
  const out: unknown[][] = new Array(reasons.length);
  for (let i = 0; i < reasons.length; i++) {
    const r = reasons[i];
    const a: unknown[] = [ruleAt.get(r.rule) ?? r.rule, r.pass === undefined ? null : r.pass ? 1 : 0];
    const f = r.figures as Record<string, unknown>;
    for (const k in f) {
      const v = f[k];
      // As JSON.stringify leaves out an undefined property.
      if (v === undefined) continue;
      a.push(figureAt.get(k) ?? k, v);
    }
    out[i] = a;
  }
  return JSON.stringify(out);
}

export function decodeReasons(json: string): Reason[] {
  return (JSON.parse(json) as unknown[]).map((x) => {
    if (!Array.isArray(x)) return x as Reason;
    const figures: Record<string, unknown> = {};
    for (let i = 2; i < x.length; i += 2) figures[typeof x[i] === 'number' ? FIGURES[x[i] as number] : (x[i] as string)] = x[i + 1];
    const rule = (typeof x[0] === 'number' ? RULES[x[0]] : x[0]) as Reason['rule'];
    // Key order as the engine wrote it: `pass` present only where the reason had one.
    return (x[1] === null ? { rule, figures } : { rule, pass: x[1] === 1, figures }) as Reason;
  });
}
