import { describe, expect, it } from 'vitest';
import { renderReason, formatFigure, peopleOf } from '../../../src-main/policy/render';
import { RULES, RULE_IDS } from '../../../src-main/policy/rules';
import { PARAMETER_IDS } from '../../../src-main/common/parameters';

describe('renderReason', () => {
  const r = {
    rule: 'dibao.income' as const,
    pass: true,
    figures: { members: 3, incomeFen: 192_000, perCapitaFen: 64_000, standardFen: 75_000, limitFen: 225_000 },
  };

  it('renders the passing English sentence with amounts as 640.00', () => {
    expect(renderReason(r, 'en')).toBe(
      'Dibao: income test: per-capita income 640.00 < standard 750.00 (total 1,920.00 < 2,250.00 for 3 members)',
    );
  });

  it('renders the passing Chinese sentence', () => {
    expect(renderReason(r, 'zh')).toBe('低保：收入条件：人均收入 640.00 < 低保标准 750.00（3 人合计 1,920.00 < 2,250.00）');
  });

  it('uses the failing template when pass is false', () => {
    const f = { ...r, pass: false, figures: { ...r.figures, incomeFen: 225_000, perCapitaFen: 75_000 } };
    expect(renderReason(f, 'en')).toContain('per-capita income 750.00 ≥ standard 750.00');
    expect(renderReason(f, 'zh')).toContain('人均收入 750.00 ≥ 低保标准 750.00');
  });

  it('translates code figures and formats rates and areas', () => {
    const v = { rule: 'asset.vehicle' as const, pass: false, figures: { kind: 'private_car' } };
    expect(renderReason(v, 'zh')).toBe('机动车辆：拥有私家车，不符合财产条件');
    expect(renderReason(v, 'en')).toBe('Motor vehicle: owns a private car: over the asset limits');
    expect(formatFigure('thresholdRate', 0.7, 'en')).toBe('70%');
    expect(formatFigure('ratioRate', 0.86111111, 'en')).toBe('86.11%');
    expect(formatFigure('perCapitaArea', 80.005, 'en')).toBe('80.01');
    expect(formatFigure('gapFen', 4999.3, 'en')).toBe('49.99');
  });

  it('names people by relation and name, not by ID number, and carries no rule code (issue 21)', () => {
    const id = '130123197803150311';
    const people = peopleOf({ members: [{ idNumber: id, name: '赵志刚', relation: 'head' }] });
    const cap = { rule: 'tekun.capacity' as const, pass: false, figures: { idNumber: id, age: 48 } };
    expect(renderReason(cap, 'zh', people)).toBe('特困：无劳动能力：户主 赵志刚（48 岁）不属于无劳动能力');
    expect(renderReason(cap, 'en', people)).toContain('head 赵志刚 (aged 48)');
    for (const lang of ['zh', 'en'] as const) {
      expect(renderReason(cap, lang, people)).not.toContain(id);
      expect(renderReason(cap, lang, people)).not.toContain('[tekun.capacity]');
    }
    // Without the household at hand (no names), the ID number is what there is.
    expect(renderReason(cap, 'zh')).toContain(id);
  });

  it('shows the parts of every sum: 12-month rigid expenditure = basic living + what was entered (issue 21)', () => {
    const r = {
      rule: 'rigid.ratio' as const,
      pass: false,
      figures: {
        expenditureFen: 3_170_000,
        basicLivingFen: 2_160_000,
        standardFen: 90_000,
        members: 2,
        medicalFen: 800_000,
        educationFen: 210_000,
        rehabilitationFen: 0,
        annualIncomeFen: 6_000_000,
        incomeFen: 500_000,
        ratioRate: 3_170_000 / 6_000_000,
        thresholdRate: 0.7,
      },
    };
    expect(renderReason(r, 'zh')).toBe(
      '刚性支出：支出占比：12个月刚性支出 31,700.00（基本生活 21,600.00 = 低保标准 900.00 × 2 人 × 12 个月，+ 医疗和意外 8,000.00 + 教育 2,100.00 + 康复 0.00）÷ 12个月收入 60,000.00（月收入 5,000.00 × 12）= 52.83% ≤ 70%',
    );
    expect(renderReason(r, 'en')).toContain(
      '(basic living 21,600.00 = standard 900.00 × 2 members × 12 months, + medical and accident 8,000.00',
    );
  });

  it('every rule has both languages, a basis, known parameters and placeholders the engine can fill', () => {
    for (const id of RULE_IDS) {
      const rule = RULES[id];
      expect(rule.id).toBe(id);
      for (const lang of ['zh', 'en'] as const) {
        expect(rule.text[lang].length).toBeGreaterThan(0);
        expect(rule.basis[lang].length).toBeGreaterThan(0);
        expect(rule.title[lang].length).toBeGreaterThan(0);
      }
      for (const p of rule.params) expect(PARAMETER_IDS).toContain(p);
    }
  });
});
