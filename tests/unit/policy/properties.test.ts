/**
 * Property tests over random households (seeded, reproducible): monotonicity of the dibao gap,
 * neutrality of excluded income, and independence from member order.
 */
import { describe, expect, it } from 'vitest';
import { checkCharacter } from '../../../src-main/common/id-number';
import { COUNTED_INCOME_TYPES, EXCLUDED_INCOME_TYPES, LABOURS, RELATIONS } from '../../../src-main/common/household-file';
import type { Determination } from '../../../src-main/policy/types';
import { prng, run } from './helpers';

const N = 300;

function idFor(rand: () => number, seq: number): string {
  const y = 1935 + Math.floor(rand() * 88); // ages about 3–91 on 2026-11-01
  const m = 1 + Math.floor(rand() * 12);
  const d = 1 + Math.floor(rand() * 28);
  const first17 = `110105${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const money = (rand: () => number, max: number) => Math.round(rand() * max * 100) / 100;

function randomHousehold(rand: () => number) {
  const n = 1 + Math.floor(rand() * 5);
  const members = [];
  for (let i = 0; i < n; i++) {
    const incomes = [];
    const k = Math.floor(rand() * 3);
    for (let j = 0; j < k; j++)
      incomes.push({ type: pick(rand, [...COUNTED_INCOME_TYPES, ...EXCLUDED_INCOME_TYPES]), amount: money(rand, 1500) });
    members.push({
      idNumber: idFor(rand, 100 + i * 2),
      name: `成员${i}`,
      relation:
        i === 0
          ? 'head'
          : pick(
              rand,
              RELATIONS.filter((r) => r !== 'head'),
            ),
      status: rand() < 0.9 ? 'present' : pick(rand, ['prison', 'missing', 'deceased']),
      disability:
        rand() < 0.2
          ? {
              kind: pick(rand, ['physical', 'intellectual', 'psychiatric', 'visual', 'hearing', 'speech', 'multiple'] as const),
              grade: 1 + Math.floor(rand() * 4),
            }
          : null,
      illness: rand() < 0.15 ? pick(rand, ['critical', 'chronic'] as const) : null,
      labour: pick(rand, LABOURS),
      selfCareUnmanaged: rand() < 0.2 ? Math.floor(rand() * 7) : 0,
      monthlyIncome: incomes,
    });
  }
  const supportersOutside =
    rand() < 0.4
      ? [
          {
            name: '户外',
            relation: pick(rand, ['spouse', 'parent', 'child'] as const),
            age: 20 + Math.floor(rand() * 60),
            annualIncome: money(rand, 80000),
            tier: rand() < 0.2 ? 'dibao' : null,
            severeDisability: rand() < 0.1,
            status: 'present',
          },
        ]
      : [];
  return {
    format: 1,
    referenceDate: '2026-11-01',
    household: {
      residence: rand() < 0.5 ? 'urban' : 'rural',
      area: { township: '城关镇', village: '东街社区' },
      members,
      supportersOutside,
      assets: {
        financialAssets: rand() < 0.8 ? money(rand, 10000) : money(rand, 60000),
        vehicles: rand() < 0.1 ? [{ kind: 'private_car' }] : [],
      },
      expenses12Months: { medicalOutOfPocket: rand() < 0.3 ? money(rand, 40000) : 0, education: rand() < 0.2 ? money(rand, 10000) : 0 },
      current: rand() < 0.2 ? { tier: 'dibao', monthlyBenefit: money(rand, 2000), gradualExitSince: null } : null,
    },
  };
}

/** What a determination decides, without member order (reasons are compared as multisets). */
function essence(d: Determination) {
  const sortStr = (xs: string[]) => xs.map((x) => x).sort();
  return {
    tier: d.tier,
    benefit: d.monthlyBenefitFen,
    unrounded: d.unroundedFen,
    reviewClass: d.reviewClass,
    gradualExit: d.gradualExit,
    tekun: sortStr(d.tekun.members),
    single: sortStr(d.singlePersonInclusion.map((s) => s.idNumber)),
    tiers: [d.tekun.eligible, d.dibao.eligible, d.marginal.eligible, d.rigid.eligible],
    breakdown: sortStr(d.breakdown.map((b) => `${b.item}|${b.idNumber}|${b.amountFen}`)),
    entitlements: sortStr(d.entitlements.map((e) => `${e.rule}|${e.idNumber}|${e.tier}`)),
  };
}

/** The dibao top-up alone, as a function of the rest's counted income. */
const gap = (d: Determination) => d.breakdown.filter((b) => b.item === 'gap').reduce((s, b) => s + b.amountFen, 0);

describe('engine properties (seeded random households)', () => {
  it('more counted income never raises the dibao gap', () => {
    const rand = prng(20261101);
    let compared = 0;
    for (let i = 0; i < N; i++) {
      const file = randomHousehold(rand);
      const before = run(file);
      const target = file.household.members[Math.floor(rand() * file.household.members.length)];
      target.monthlyIncome.push({ type: pick(rand, COUNTED_INCOME_TYPES), amount: money(rand, 800) + 0.01 });
      const after = run(file);
      // More income can make a person lose 特困 and join the rest, changing the rest's size:
      // the property is about the gap of an unchanged rest (ignoring 单人保, which is not a gap).
      if (after.restMembers !== before.restMembers || before.restMembers === 0) continue;
      compared++;
      expect(gap(after)).toBeLessThanOrEqual(gap(before));
    }
    expect(compared).toBeGreaterThan(N / 3);
  });

  it('adding an excluded income never changes the result', () => {
    const rand = prng(7);
    for (let i = 0; i < N; i++) {
      const file = randomHousehold(rand);
      const before = essence(run(file));
      const target = file.household.members[Math.floor(rand() * file.household.members.length)];
      target.monthlyIncome.push({ type: pick(rand, EXCLUDED_INCOME_TYPES), amount: money(rand, 5000) });
      expect(essence(run(file))).toEqual(before);
    }
  });

  it('member order never changes the result', () => {
    const rand = prng(42);
    for (let i = 0; i < N; i++) {
      const file = randomHousehold(rand);
      const before = essence(run(file));
      const ms = file.household.members;
      for (let j = ms.length - 1; j > 0; j--) {
        const k = Math.floor(rand() * (j + 1));
        [ms[j], ms[k]] = [ms[k], ms[j]];
      }
      expect(essence(run(file))).toEqual(before);
    }
  });
});

describe('fast yuan → fen', () => {
  it('agrees with yuanToFen for every two-decimal amount the schema admits', async () => {
    const { fenOf } = await import('../../../src-main/policy/fen');
    const { yuanToFen } = await import('../../../src-main/common/money');
    const rand = prng(99);
    for (let i = 0; i < 20_000; i++) {
      const fen = Math.floor(rand() * 1e11);
      const yuan = Number((fen / 100).toFixed(2));
      expect(fenOf(yuan)).toBe(yuanToFen(yuan));
    }
  });
});

describe('rigid ratios', () => {
  it('are exact at the 60 % medical boundary, also where the products pass 2^53 (BigInt)', () => {
    const medicalPass = (monthlyPension: number, medical: number) => {
      const d = run({
        format: 1,
        referenceDate: '2026-11-01',
        household: {
          residence: 'urban',
          area: { township: '城关镇', village: '东街社区' },
          members: [
            {
              idNumber: '110105198106011154',
              name: '杨勇',
              relation: 'head',
              status: 'present',
              labour: 'unemployed',
              monthlyIncome: [{ type: 'pension', amount: monthlyPension }],
            },
          ],
          expenses12Months: { medicalOutOfPocket: medical },
        },
      });
      return d.rigid.reasons.find((r) => r.rule === 'rigid.medicalRatio')!.pass;
    };
    // 0.6 × 12 months × pension; exactly at the limit fails ("above" passes).
    for (const pension of [1000, 10_000_000]) {
      expect(medicalPass(pension, 7.2 * pension)).toBe(false);
      expect(medicalPass(pension, 7.2 * pension + 0.01)).toBe(true);
    }
  });
});
