/** The `screen` command's JSON (docs/rules/household-file.md, "What screen returns"): yuan and rendered reasons. */
import type { ScreenOutput } from '../common/determination';
import { renderReason, type Lang, type People } from './render';
import type { Determination, Reason } from './types';

export type { ScreenOutput, ScreenTier } from '../common/determination';

/** Fen (possibly fractional) → yuan for JSON; rounding here is display only (to 1/100 fen). */
const yuan = (fen: number): number => Math.round(fen * 100) / 10000;

/**
 * `people` (./render.ts peopleOf of the household screened) names members by relation and
 * name in the reasons; without it they are named by ID number.
 */
export function toScreenOutput(d: Determination, lang: Lang, people?: People): ScreenOutput {
  const render = (rs: readonly Reason[]): string[] => rs.map((r) => renderReason(r, lang, people));
  const rules = (rs: readonly Reason[]) => rs.map((r) => r.rule);
  const tekunAll = [...d.tekun.reasons, ...d.tekun.persons.flatMap((p) => p.reasons)];
  return {
    referenceDate: d.referenceDate,
    parameterSet: d.parameterSet,
    tier: d.tier,
    tiers: [
      { tier: 'tekun', eligible: d.tekun.eligible, members: d.tekun.members.slice(), reasons: render(tekunAll), rules: rules(tekunAll) },
      { tier: 'dibao', eligible: d.dibao.eligible, reasons: render(d.dibao.reasons), rules: rules(d.dibao.reasons) },
      { tier: 'marginal', eligible: d.marginal.eligible, reasons: render(d.marginal.reasons), rules: rules(d.marginal.reasons) },
      { tier: 'rigid', eligible: d.rigid.eligible, reasons: render(d.rigid.reasons), rules: rules(d.rigid.reasons) },
    ],
    singlePersonInclusion: d.singlePersonInclusion.map((s) => ({
      idNumber: s.idNumber,
      reasons: render(s.reasons),
      rules: rules(s.reasons),
    })),
    monthlyBenefit: d.monthlyBenefitFen / 100,
    breakdown: d.breakdown.map((b) =>
      b.idNumber === null
        ? { item: b.item, amount: yuan(b.amountFen), rule: b.rule }
        : { item: b.item, idNumber: b.idNumber, amount: yuan(b.amountFen), rule: b.rule },
    ),
    reviewClass: d.reviewClass,
    gradualExit: d.gradualExit === null ? null : { month: d.gradualExit.month, percent: d.gradualExit.percent },
    entitlements: d.entitlements.map((e) => {
      const detail = renderReason({ rule: e.rule, figures: e.figures }, lang, people);
      return e.idNumber === null
        ? { assistance: e.assistance, department: e.department, detail, rule: e.rule }
        : { assistance: e.assistance, department: e.department, idNumber: e.idNumber, detail, rule: e.rule };
    }),
  };
}
