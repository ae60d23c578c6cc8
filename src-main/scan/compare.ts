/** How a household's new determination differs from the one in force: the scan's kinds. */
import type { Reason } from '../policy/types';
import type { Determination } from '../policy/engine';

export type ScanKind = 'newly_eligible' | 'tier_up' | 'tier_down' | 'benefit_changed' | 'no_longer_eligible';

// "Up" means more protection: 特困 above 低保 above marginal above rigid.
const RANK: Record<string, number> = { none: 0, rigid: 1, marginal: 2, dibao: 3, tekun: 4 };

export function classify(oldTier: string | null, oldBenefitFen: number, newTier: string, newBenefitFen: number): ScanKind | null {
  const o = RANK[oldTier ?? 'none'] ?? 0, n = RANK[newTier] ?? 0;
  if (o === 0 && n === 0) return null;
  if (o === 0) return 'newly_eligible';
  if (n === 0) return 'no_longer_eligible';
  if (n > o) return 'tier_up';
  if (n < o) return 'tier_down';
  return oldBenefitFen !== newBenefitFen ? 'benefit_changed' : null;
}

/** The reasons worth showing for a change: those of the tier gained, or of the tier lost. */
export function keyReasons(kind: ScanKind, oldTier: string | null, d: Determination): Reason[] {
  const of = (tier: string | null): Reason[] => {
    switch (tier) {
      case 'tekun': return [...d.tekun.reasons, ...d.tekun.persons.flatMap((p) => p.reasons)];
      case 'dibao': return d.dibao.reasons;
      case 'marginal': return d.marginal.reasons;
      case 'rigid': return d.rigid.reasons;
      default: return [];
    }
  };
  if (kind === 'no_longer_eligible' || kind === 'tier_down') return of(oldTier).filter((r) => r.pass === false).slice(0, 6);
  return of(d.tier).filter((r) => r.pass !== false).slice(0, 6);
}
