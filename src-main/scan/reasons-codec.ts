/**
 * The key reasons of a scan change as stored in `scan_results.reasons_json`: each reason an
 * array [rule, pass, key, value, key, value, …] in which the rule and the figure keys are
 * positions in the lists below, instead of `{"rule": …, "pass": …, "figures": {…}}`. A county
 * scan writes ~90,000 changes; at ~640 bytes a change, writing them was over a quarter of the
 * scan, and the text half as long made it 7–10 % faster (bench/README.md, engine).
 *
 * The rules are the engine's list (src-main/common/determination.ts RULE_IDS) and the figure
 * keys the list below; both are append-only, since stored rows hold their positions. A rule
 * or key missing from them is stored as its name, so a new one costs bytes, never a reason.
 */
import { RULE_IDS as RULES } from '../common/determination';
import type { Reason } from '../policy/types';

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
  // the parts of the rigid-expenditure sums (issue 21)
  'basicLivingFen',
  'educationFen',
  'rehabilitationFen',
  'outOfPocketFen',
  'travelFen',
  'accidentFen',
  'receivedFen',
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

/** A reason as stored: [rule, pass, key, value, …]. */
type Stored = [rule: number | Reason['rule'], pass: 0 | 1 | null, ...keysAndValues: (number | string)[]];

export function decodeReasons(json: string): Reason[] {
  const stored: Stored[] = JSON.parse(json); // what encodeReasons wrote
  return stored.map((x) => {
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
