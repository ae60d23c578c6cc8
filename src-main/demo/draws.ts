/**
 * The demo county's random draws (./generator.ts): numbers, picks, skewed ages, names, dates
 * and ID numbers unique by construction. One seeded stream, drawn in a fixed order, so the
 * county is the same for a seed.
 */
import { checkCharacter } from '../common/id-number';
import { mulberry32 } from '../common/random';
import { REGION_CODES } from './county';
import { GIVEN_NAMES, SURNAMES } from './names';

const DAY_MS = 86_400_000;

export function cumulative(weights: readonly number[]): Float64Array {
  const c = new Float64Array(weights.length);
  let s = 0;
  weights.forEach((w, i) => (c[i] = s += w));
  return c;
}

const SURNAME_LIST = SURNAMES.map(([s]) => s);
const SURNAME_CUM = cumulative(SURNAMES.map(([, w]) => w));

export class Draws {
  protected readonly u: () => number;
  protected readonly refY: number;
  protected readonly refM: number;
  protected readonly refD: number;
  protected readonly refDay: number;
  /** Next sequence index per (region, birth day, sex): the structural uniqueness of ID numbers. */
  protected readonly seqCounters = new Map<number, number>();
  protected readonly compactDates = new Map<number, string>();
  protected readonly isoDates = new Map<number, string>();

  constructor(
    seed: number,
    readonly referenceDate: string,
  ) {
    this.u = mulberry32(seed);
    this.refY = +referenceDate.slice(0, 4);
    this.refM = +referenceDate.slice(5, 7);
    this.refD = +referenceDate.slice(8, 10);
    this.refDay = Date.UTC(this.refY, this.refM - 1, this.refD) / DAY_MS;
  }

  // ---- random helpers ------------------------------------------------------------------
  protected int(a: number, b: number): number {
    return a + Math.floor(this.u() * (b - a + 1));
  }
  protected chance(p: number): boolean {
    return this.u() < p;
  }
  protected uniform(a: number, b: number): number {
    return a + this.u() * (b - a);
  }
  protected pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.u() * items.length)];
  }
  protected pickIndex(cum: Float64Array): number {
    const x = this.u() * cum[cum.length - 1];
    let lo = 0,
      hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
  /** Age skewed towards `lo` (power > 1) or spread evenly (power 1). */
  protected age(lo: number, hi: number, power = 1): number {
    return lo + Math.floor(Math.pow(this.u(), power) * (hi - lo + 1));
  }
  protected surname(): string {
    return SURNAME_LIST[this.pickIndex(SURNAME_CUM)];
  }

  // ---- dates and ID numbers -------------------------------------------------------------
  protected compactDate(day: number): string {
    let s = this.compactDates.get(day);
    if (s === undefined) {
      const d = new Date(day * DAY_MS);
      s = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
      this.compactDates.set(day, s);
    }
    return s;
  }
  protected isoDate(day: number): string {
    let s = this.isoDates.get(day);
    if (s === undefined) {
      const c = this.compactDate(day);
      s = `${c.slice(0, 4)}-${c.slice(4, 6)}-${c.slice(6, 8)}`;
      this.isoDates.set(day, s);
    }
    return s;
  }

  /**
   * An ID number for someone of `age` completed years on the reference date. The birth day is
   * drawn within that age year; the sequence comes from the (region, day, sex) counter, which
   * allows 499 people per key before moving to the next day of the same age year.
   */
  protected idNumber(age: number, male: boolean, native: boolean): string {
    const regionIdx = native ? 0 : this.chance(0.6) ? this.int(1, 10) : this.int(11, REGION_CODES.length - 1);
    const anniversary = Date.UTC(this.refY - age, this.refM - 1, this.refD) / DAY_MS;
    const k0 = this.int(0, 364);
    for (let j = 0; j < 365; j++) {
      const day = anniversary - ((k0 + j) % 365); // within (anniversary of age+1, anniversary of age]
      const key = (regionIdx * 65536 + (day + 30000)) * 2 + (male ? 1 : 0);
      const used = this.seqCounters.get(key) ?? 0;
      if (used >= 499) continue;
      this.seqCounters.set(key, used + 1);
      let h = Math.imul(key ^ (key >>> 13), 0x5bd1e995);
      h = (h ^ (h >>> 15)) >>> 0;
      const seq = 2 * ((h + used) % 499) + (male ? 1 : 2); // odd = male, even = female
      const first17 = REGION_CODES[regionIdx] + this.compactDate(day) + String(seq).padStart(3, '0');
      return first17 + checkCharacter(first17);
    }
    throw new Error(`demo generator: no free ID number for age ${age}`);
  }

  protected givenName(age: number, male: boolean): string {
    const born = this.refY - age;
    const era = born <= 1959 ? 0 : born <= 1984 ? 1 : born <= 2004 ? 2 : 3;
    return this.pick((male ? GIVEN_NAMES.male : GIVEN_NAMES.female)[era]);
  }
}
