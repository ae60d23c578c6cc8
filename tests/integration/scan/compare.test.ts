import { describe, expect, it } from 'vitest';
import type { Determination, Reason } from '../../../src-main/policy/types';
import { keyReasons, type ScanKind } from '../../../src-main/scan/compare';

/** keyReasons as first written: every reason of the tier, filtered, then the first six. */
function reference(kind: ScanKind, oldTier: string | null, d: Determination): Reason[] {
  const of = (tier: string | null): Reason[] => {
    switch (tier) {
      case 'tekun':
        return [...d.tekun.reasons, ...d.tekun.persons.flatMap((p) => p.reasons)];
      case 'dibao':
        return d.dibao.reasons;
      case 'marginal':
        return d.marginal.reasons;
      case 'rigid':
        return d.rigid.reasons;
      default:
        return [];
    }
  };
  if (kind === 'no_longer_eligible' || kind === 'tier_down')
    return of(oldTier)
      .filter((r) => r.pass === false)
      .slice(0, 6);
  return of(d.tier)
    .filter((r) => r.pass !== false)
    .slice(0, 6);
}

describe('key reasons of a scan change', () => {
  it('are the first six passed reasons of the tier gained, or failed ones of the tier lost, for every household of a demo county', async () => {
    const { seedDemoCounty } = await import('../../../src-main/demo/seed');
    const { evaluate } = await import('../../../src-main/policy/engine');
    const { parametersOn } = await import('../../../src-main/policy/parameter-store');
    const { streamHouseholds } = await import('../../../src-main/registry/stream');
    const { emptyDatabase } = await import('../../fixtures/builders');
    const { store } = await emptyDatabase();
    seedDemoCounty(store, 300, { seed: 11 });
    const params = parametersOn(store.raw, '2026-11-01');
    const kinds: ScanKind[] = ['newly_eligible', 'tier_up', 'tier_down', 'benefit_changed', 'no_longer_eligible'];
    const tiers = new Set<string>();
    let capped = 0;
    for (const h of streamHouseholds(store.raw, { lean: true })) {
      const d = evaluate(h.data, params, '2026-11-01');
      tiers.add(d.tier);
      for (const kind of kinds)
        for (const oldTier of [null, 'tekun', 'dibao', 'marginal', 'rigid']) {
          const r = keyReasons(kind, oldTier, d);
          expect(r).toEqual(reference(kind, oldTier, d));
          if (r.length === 6) capped++;
        }
    }
    // The county exercises every tier and the cut at six.
    expect([...tiers].sort()).toEqual(['dibao', 'marginal', 'none', 'rigid', 'tekun']);
    expect(capped).toBeGreaterThan(0);
  });
});
