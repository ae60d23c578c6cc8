/** Exact comparisons and the single rounding of the engine's money, in sub-fen (./compiled.ts). */
import { SUB, type Compiled } from './compiled';

/** numeratorFen ÷ (denominatorSub / SUB) > bp / SUB, exactly (BigInt where the products pass 2^53). */
export function exceeds(numeratorFen: number, denominatorSub: number, bp: number): boolean {
  // The operands are integers, so products below 2^53 are exact as numbers; BigInt (four
  // allocations a test, two tests a household) is kept for the rare larger ones.
  const a = numeratorFen * (SUB * SUB),
    b = bp * denominatorSub;
  if (Number.isSafeInteger(a) && Number.isSafeInteger(b)) return a > b;
  return BigInt(numeratorFen) * BigInt(SUB * SUB) > BigInt(bp) * BigInt(denominatorSub);
}

/** §10.11: the household's total, once, to the whole yuan (default up), returned in fen. */
export function roundToYuanFen(totalSub: number, c: Compiled): number {
  const unit = 100 * SUB; // sub-fen per yuan
  let q = Math.floor(totalSub / unit);
  let r = totalSub - q * unit;
  // guard the float division: make 0 ≤ r < unit exactly
  if (r < 0) {
    q -= 1;
    r += unit;
  } else if (r >= unit) {
    q += 1;
    r -= unit;
  }
  if (r > 0) {
    if (c.rounding === 'up') q += 1;
    else if (c.rounding === 'nearest' && r * 2 >= unit) q += 1;
  }
  return q * 100;
}
