/**
 * The engine's suggestion of a needs assessment (docs/rules/temporary-service-recovery.md §12.1),
 * an entitlement `service_assessment` with its cause: 特困 supported at home, aged ≥ 70 alone in a
 * tier, disability grade 1–2, critical illness, a minor whose parents are both absent, deceased or
 * incapable — and nobody else.
 */
import { describe, expect, it } from 'vitest';
import { idFor } from '../../fixtures/builders';
import { run } from '../policy/helpers';

const file = (members: Record<string, unknown>[], more: Record<string, unknown> = {}) => ({
  format: 1,
  referenceDate: '2026-11-01',
  household: { residence: 'urban', area: { township: '城关镇', village: '东街社区' }, members, ...more },
});
const suggested = (f: unknown) =>
  run(f)
    .entitlements.filter((e) => e.assistance === 'service_assessment')
    .map((e) => [e.idNumber, e.figures.why, e.department]);

const OLD = idFor('1950-04-02', 21);
const CHILD = idFor('2015-06-01', 33);
const FATHER = idFor('1986-01-01', 51);
const MOTHER = idFor('1988-02-02', 62);

describe('the service-assessment suggestion', () => {
  it('suggests a 特困 person at home, not one in an institution (cared for there, not alone)', () => {
    const alone = (supportMode: string | null) => file([{ idNumber: OLD, name: '赵', relation: 'head', status: 'present', supportMode }]);
    expect(suggested(alone(null))).toEqual([[OLD, 'tekun_at_home', 'civil_affairs']]);
    expect(suggested(alone('at_home'))).toEqual([[OLD, 'tekun_at_home', 'civil_affairs']]);
    expect(suggested(alone('institution'))).toEqual([]);
  });

  it('suggests a person of 70 or more living alone in a tier, not one living with others', () => {
    // An able child outside: not 特困; pension below the standard: 低保.
    const outside = { supportersOutside: [{ name: '王强', relation: 'child', age: 45, annualIncome: 60000 }] };
    const pension = [{ type: 'pension', amount: 300 }];
    expect(suggested(file([{ idNumber: OLD, name: '赵', relation: 'head', status: 'present', monthlyIncome: pension }], outside))).toEqual([
      [OLD, 'elderly_alone', 'civil_affairs'],
    ]);
    const two = file(
      [
        { idNumber: OLD, name: '赵', relation: 'head', status: 'present', monthlyIncome: pension },
        { idNumber: idFor('1955-01-01', 72), name: '钱', relation: 'spouse', status: 'present', monthlyIncome: pension },
      ],
      outside,
    );
    expect(suggested(two)).toEqual([]);
  });

  it('suggests disability grade 1–2 and critical illness in a tier, and nobody outside a tier', () => {
    const family = (extra: Record<string, unknown>, wage: number) =>
      file([
        {
          idNumber: FATHER,
          name: '孙',
          relation: 'head',
          status: 'present',
          labour: 'employed',
          monthlyIncome: [{ type: 'wage', amount: wage }],
        },
        { idNumber: MOTHER, name: '周', relation: 'spouse', status: 'present', ...extra },
      ]);
    expect(suggested(family({ disability: { kind: 'physical', grade: 2 } }, 1000))).toEqual([
      [MOTHER, 'disability_grade', 'civil_affairs'],
    ]);
    expect(suggested(family({ disability: { kind: 'physical', grade: 3 } }, 1000))).toEqual([]);
    expect(suggested(family({ illness: 'critical' }, 1000))).toEqual([[MOTHER, 'critical', 'civil_affairs']]);
    expect(suggested(family({ illness: 'chronic' }, 1000))).toEqual([]);
    expect(suggested(family({ illness: 'critical' }, 9000))).toEqual([]);
  });

  it('suggests a minor whose parents are both absent, deceased or incapable — not one with an able parent', () => {
    // The child's survivor pension keeps them out of 特困; alone, the household is marginal.
    const child = {
      idNumber: CHILD,
      name: '小孙',
      relation: 'child',
      status: 'present',
      monthlyIncome: [{ type: 'survivor', amount: 1000 }],
    };
    const parents = (father: Record<string, unknown>, mother: Record<string, unknown>) =>
      file([
        { idNumber: FATHER, name: '孙', relation: 'head', ...father },
        { idNumber: MOTHER, name: '周', relation: 'spouse', ...mother },
        child,
      ]);
    expect(suggested(parents({ status: 'prison' }, { status: 'deceased' }))).toEqual([[CHILD, 'guardianship_gap', 'civil_affairs']]);
    // An intellectually disabled mother (grade 3: severe, no capacity) is incapable — and, without income, 特困 herself.
    expect(suggested(parents({ status: 'missing' }, { status: 'present', disability: { kind: 'intellectual', grade: 3 } }))).toEqual([
      [MOTHER, 'tekun_at_home', 'civil_affairs'],
      [CHILD, 'guardianship_gap', 'civil_affairs'],
    ]);
    expect(suggested(parents({ status: 'prison' }, { status: 'present' }))).toEqual([]);
  });
});
