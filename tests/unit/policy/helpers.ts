/** Shared by the policy tests: parse a household file and evaluate it with dated parameters. */
import { parseHouseholdFile, type HouseholdFile } from '../../../src-main/common/household-file';
import { evaluate } from '../../../src-main/policy/engine';
import { DEMO_PARAMETERS, resolveParameters, withChanges, type DatedValue, type ParameterId } from '../../../src-main/common/parameters';
import type { Determination, Reason } from '../../../src-main/policy/types';
import { mulberry32 } from '../../../src-main/common/random';

export type ParameterChange = DatedValue & { id: ParameterId };

export function parseFile(file: unknown): HouseholdFile {
  const r = parseHouseholdFile(JSON.stringify(file), '2030-12-31');
  if (!r.ok) throw new Error(`fixture does not parse: ${r.error.field}: ${r.error.message}`);
  return r.value;
}

export function run(file: unknown, changes: ParameterChange[] = []): Determination {
  const f = parseFile(file);
  const ref = f.referenceDate ?? '2026-11-01';
  return evaluate(f.household, resolveParameters(withChanges(DEMO_PARAMETERS, changes), ref), ref);
}

/** Every reason a determination carries, wherever it sits. */
export function allReasons(d: Determination): Reason[] {
  const out: Reason[] = [...d.tekun.reasons, ...d.dibao.reasons, ...d.marginal.reasons, ...d.rigid.reasons, d.rounding];
  for (const p of d.tekun.persons) out.push(...p.reasons);
  for (const s of d.singlePersonInclusion) out.push(...s.reasons);
  for (const e of d.entitlements) out.push({ rule: e.rule, figures: e.figures });
  return out;
}

/** Seeded PRNG so property tests are reproducible without dependencies. */
export const prng = mulberry32;
