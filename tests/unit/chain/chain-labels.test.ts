import { describe, expect, it } from 'vitest';
import {
  chainBasis,
  chainItemLabel,
  chainKindLabel,
  chainStatusLabel,
  departmentLabel,
  DEPARTMENT_LABEL,
} from '../../../src-main/common/chain-labels';
import {
  ASSISTANCES,
  CHAIN_KINDS,
  DEPARTMENTS,
  REFERRAL_RESULTS,
  REFERRAL_STATUSES,
  REVIEW_OUTCOMES,
  WARNING_RULES,
} from '../../../src-main/common/codes';

/** A Chinese word has no Latin letter; an English one may equal its code (`payment`) but never has an underscore. */
const word = (lang: 'zh' | 'en') => (lang === 'zh' ? /^[^A-Za-z]+$/ : /^[^_]+$/);

describe('words of the assistance chain', () => {
  it('has a word in both languages for every kind, department, status and item a chain entry holds', () => {
    for (const lang of ['zh', 'en'] as const) {
      for (const k of CHAIN_KINDS) expect(chainKindLabel(k, lang), k).toMatch(word(lang));
      for (const d of [...DEPARTMENTS, 'agriculture']) expect(departmentLabel(d, lang), d).toMatch(word(lang));
      const statuses = ['proposed', 'approved', 'rejected', 'in_force', 'paid', 'adjustment', 'open', 'closed', 'recorded'];
      for (const s of [...statuses, ...REVIEW_OUTCOMES, ...REFERRAL_STATUSES, ...REFERRAL_RESULTS])
        expect(chainStatusLabel(s, lang), s).toMatch(word(lang));
      for (const i of [...WARNING_RULES, ...ASSISTANCES, 'dibao', 'tekun', 'marginal', 'rigid', 'home_visit', 'verification', 'adjustment'])
        expect(chainItemLabel(i, lang), i).toMatch(word(lang));
    }
    expect(chainItemLabel('hospital_cost', 'zh')).toBe('住院个人自付费用较高');
    expect(chainStatusLabel('open', 'zh')).toBe('待核查');
    // Free text a department returned stays as it is.
    expect(chainItemLabel('助学金', 'zh')).toBe('助学金');
  });

  it('names the civil-affairs bureau without 临时救助: it pays dibao and 特困 too', () => {
    expect(departmentLabel('civil_affairs', 'zh')).toBe('民政局');
    for (const w of Object.values(DEPARTMENT_LABEL)) expect(w.zh).not.toContain('临时救助');
  });

  it('reads a tier entry recorded with the act alone with the tier chapter, and keeps any other basis', () => {
    for (const kind of ['determination', 'tier_change', 'payment'] as const) {
      expect(chainBasis({ kind, item: 'tekun', basis: '《社会救助暂行办法》' })).toBe('《社会救助暂行办法》第三章 特困人员供养');
      expect(chainBasis({ kind, item: 'dibao', basis: null })).toBe('《社会救助暂行办法》第二章 最低生活保障');
    }
    expect(chainBasis({ kind: 'referral', item: 'medical', basis: '《社会救助暂行办法》第五章 医疗救助' })).toBe(
      '《社会救助暂行办法》第五章 医疗救助',
    );
    expect(chainBasis({ kind: 'warning', item: 'death', basis: null })).toBeNull();
  });
});
