/** The `screen` command's JSON (docs/rules/household-file.md, "What screen returns"): yuan and rendered reasons. */
import type { ScreenOutput } from '../common/determination';
import { renderReason, type Lang } from './render';
import type { Determination, Reason } from './types';

export type { ScreenOutput, ScreenTier } from '../common/determination';

/** Fen (possibly fractional) → yuan for JSON; rounding here is display only (to 1/100 fen). */
const yuan = (fen: number): number => Math.round(fen * 100) / 10000;

export function toScreenOutput(d: Determination, lang: Lang): ScreenOutput {
  const render = (rs: readonly Reason[]): string[] => rs.map((r) => renderReason(r, lang));
  const tekunReasons: string[] = render(d.tekun.reasons);
  for (const p of d.tekun.persons) tekunReasons.push(...render(p.reasons));
  const dibaoReasons = render(d.dibao.reasons);
  return {
    referenceDate: d.referenceDate,
    parameterSet: d.parameterSet,
    tier: d.tier,
    tiers: [
      { tier: 'tekun', eligible: d.tekun.eligible, members: d.tekun.members.slice(), reasons: tekunReasons },
      { tier: 'dibao', eligible: d.dibao.eligible, reasons: dibaoReasons },
      { tier: 'marginal', eligible: d.marginal.eligible, reasons: render(d.marginal.reasons) },
      { tier: 'rigid', eligible: d.rigid.eligible, reasons: render(d.rigid.reasons) },
    ],
    singlePersonInclusion: d.singlePersonInclusion.map((s) => ({ idNumber: s.idNumber, reasons: render(s.reasons) })),
    monthlyBenefit: d.monthlyBenefitFen / 100,
    breakdown: d.breakdown.map((b) =>
      b.idNumber === null
        ? { item: b.item, amount: yuan(b.amountFen), rule: b.rule }
        : { item: b.item, idNumber: b.idNumber, amount: yuan(b.amountFen), rule: b.rule },
    ),
    reviewClass: d.reviewClass,
    gradualExit: d.gradualExit === null ? null : { month: d.gradualExit.month, percent: d.gradualExit.percent },
    entitlements: d.entitlements.map((e) => {
      const detail = renderReason({ rule: e.rule, figures: e.figures }, lang);
      return e.idNumber === null
        ? { assistance: e.assistance, department: e.department, detail }
        : { assistance: e.assistance, department: e.department, idNumber: e.idNumber, detail };
    }),
  };
}
