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
  'entitlement.service_assessment',
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
    const f: Record<string, unknown> = r.figures;
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

/** A reason as stored: the coded array, or (rows written before this format) the reason object itself. */
type Stored = Reason | [rule: number | Reason['rule'], pass: 0 | 1 | null, ...keysAndValues: (number | string)[]];

export function decodeReasons(json: string): Reason[] {
  const stored: Stored[] = JSON.parse(json); // what encodeReasons (or the format before it) wrote
  return stored.map((x) => {
    if (!Array.isArray(x)) return x;
    const [coded, pass, ...keysAndValues] = x;
    const figures: Reason['figures'] = {};
    for (let i = 0; i < keysAndValues.length; i += 2) {
      const k = keysAndValues[i];
      figures[typeof k === 'number' ? FIGURES[k] : k] = keysAndValues[i + 1];
    }
    const rule = typeof coded === 'number' ? RULES[coded] : coded;
    // Key order as the engine wrote it: `pass` present only where the reason had one.
    return pass === null ? { rule, figures } : { rule, pass: pass === 1, figures };
  });
}
