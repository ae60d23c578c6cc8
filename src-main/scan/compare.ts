/** How a household's new determination differs from the one in force: the scan's kinds. */
import type { ScanKind } from '../common/codes';
import type { Determination, Reason } from '../policy/types';

export type { ScanKind };

// "Up" means more protection: 特困 above 低保 above marginal above rigid.
const RANK: Record<string, number> = { none: 0, rigid: 1, marginal: 2, dibao: 3, tekun: 4 };

export function classify(oldTier: string | null, oldBenefitFen: number, newTier: string, newBenefitFen: number): ScanKind | null {
  const o = RANK[oldTier ?? 'none'] ?? 0,
    n = RANK[newTier] ?? 0;
  if (o === 0 && n === 0) return null;
  if (o === 0) return 'newly_eligible';
  if (n === 0) return 'no_longer_eligible';
  if (n > o) return 'tier_up';
  if (n < o) return 'tier_down';
  return oldBenefitFen !== newBenefitFen ? 'benefit_changed' : null;
}

const KEY_REASONS = 6;

/** The reasons worth showing for a change: those of the tier gained, or of the tier lost. */
export function keyReasons(kind: ScanKind, oldTier: string | null, d: Determination): Reason[] {
  // Collected in one pass, stopping at the sixth: this runs for every change of a county scan.
  const lost = kind === 'no_longer_eligible' || kind === 'tier_down';
  const out: Reason[] = [];
  switch (lost ? oldTier : d.tier) {
    case 'tekun':
      take(out, d.tekun.reasons, lost);
      for (let i = 0; i < d.tekun.persons.length && out.length < KEY_REASONS; i++) take(out, d.tekun.persons[i].reasons, lost);
      break;
    case 'dibao':
      take(out, d.dibao.reasons, lost);
      break;
    case 'marginal':
      take(out, d.marginal.reasons, lost);
      break;
    case 'rigid':
      take(out, d.rigid.reasons, lost);
      break;
  }
  return out;
}

/** Appends the failed reasons (`failed`) or the others, up to the limit. */
function take(out: Reason[], reasons: readonly Reason[], failed: boolean): void {
  for (let i = 0; i < reasons.length && out.length < KEY_REASONS; i++) if ((reasons[i].pass === false) === failed) out.push(reasons[i]);
}
