import { describe, expect, it } from 'vitest';
import { renderReason, formatFigure } from '../../../src-main/policy/render';
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
      '[dibao.income] Dibao: income test: per-capita income 640.00 < standard 750.00 (total 1,920.00 < 2,250.00 for 3 members)',
    );
  });

  it('renders the passing Chinese sentence', () => {
    expect(renderReason(r, 'zh')).toBe('[dibao.income] 低保：收入条件：人均收入 640.00 < 低保标准 750.00（3 人合计 1,920.00 < 2,250.00）');
  });

  it('uses the failing template when pass is false', () => {
    const f = { ...r, pass: false, figures: { ...r.figures, incomeFen: 225_000, perCapitaFen: 75_000 } };
    expect(renderReason(f, 'en')).toContain('per-capita income 750.00 ≥ standard 750.00');
    expect(renderReason(f, 'zh')).toContain('人均收入 750.00 ≥ 低保标准 750.00');
  });

  it('translates code figures and formats rates and areas', () => {
    const v = { rule: 'asset.vehicle' as const, pass: false, figures: { kind: 'private_car' } };
    expect(renderReason(v, 'zh')).toBe('[asset.vehicle] 机动车辆：拥有私家车，不符合财产条件');
    expect(renderReason(v, 'en')).toBe('[asset.vehicle] Motor vehicle: owns a private car: over the asset limits');
    expect(formatFigure('thresholdRate', 0.7, 'en')).toBe('70%');
    expect(formatFigure('ratioRate', 0.86111111, 'en')).toBe('86.11%');
    expect(formatFigure('perCapitaArea', 80.005, 'en')).toBe('80.01');
    expect(formatFigure('gapFen', 4999.3, 'en')).toBe('49.99');
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
