/**
 * The household index of an import's findings is written sorted by household, then row
 * (src-main/exchange/household-rows.ts sortedPairs): pairs as the reading threads hand them on, in any
 * order, come out in key order, dense household ids or not.
 */
import { describe, expect, it } from 'vitest';
import { sortedPairs } from '../../../src-main/exchange/household-rows';

/** A small deterministic generator, so that a failure can be replayed. */
function lcg(seed: number) {
  let x = seed >>> 0;
  return () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function reference(pairs: Int32Array, n: number): number[] {
  const p = Array.from({ length: n }, (_, i) => [pairs[2 * i], pairs[2 * i + 1]]);
  return p.sort((a, b) => a[0] - b[0] || a[1] - b[1]).flat();
}

describe('sorting the household index of an import', () => {
  it('puts (household, row) pairs in key order, households dense or spread, a household of a few rows or of many', () => {
    const rnd = lcg(7);
    for (const [households, spread] of [
      [50, 1],
      [5000, 1],
      [30, 1_000_000],
    ] as const) {
      const n = 3000;
      const pairs = new Int32Array(2 * n + 10);
      for (let i = 0; i < n; i++) {
        // One household holds a tenth of the rows (more than a few, out of order); rows are unique, as a file's are.
        const h = i % 10 === 0 ? 3 * spread : 1 + Math.floor(rnd() * households) * spread;
        pairs[2 * i] = h;
        pairs[2 * i + 1] = n - i + Math.floor(rnd() * 3) * n * 10;
      }
      // Only the first n pairs count: the array may be longer (it grows by doubling).
      pairs[2 * n] = 1;
      pairs[2 * n + 1] = 99;
      expect(Array.from(sortedPairs(pairs, n))).toEqual(reference(pairs, n));
    }
    expect(Array.from(sortedPairs(new Int32Array(0), 0))).toEqual([]);
  });
});
