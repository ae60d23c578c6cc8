/** What every rule text is made of: both languages, the legal texts it rests on, the shape of a rule (./rules.ts). */
import type { RuleId } from '../common/determination';
import type { ParameterId } from '../common/parameters';

export interface Bilingual {
  zh: string;
  en: string;
}

export interface RuleDefinition {
  id: RuleId;
  title: Bilingual;
  basis: Bilingual;
  params: readonly ParameterId[];
  /** Rendered when the reason passes (or has no pass/fail). */
  text: Bilingual;
  /** Rendered when the reason fails; defaults to `text`. */
  failText?: Bilingual;
}

export const SA = (article?: string): Bilingual => ({
  zh: `《社会救助暂行办法》${article ? article : ''}`,
  en: `Interim Measures for Social Assistance${article ? `, ${articleEn(article)}` : ''}`,
});
export const DB: Bilingual = {
  zh: '《最低生活保障审核确认办法》（民发〔2021〕57号）',
  en: 'Measures for Reviewing and Confirming Minimum Living Security (MCA 2021 No. 57)',
};
export const TK: Bilingual = {
  zh: '《特困人员认定办法》（民发〔2021〕43号）',
  en: 'Measures for Identifying Extremely Poor Persons (MCA 2021 No. 43)',
};
export const MR: Bilingual = {
  zh: '《最低生活保障边缘家庭和刚性支出困难家庭认定办法》（2024）',
  en: 'Measures for Identifying Marginal and Rigid-Expenditure Hardship Households (2024)',
};
export const COUNTY: Bilingual = { zh: '本县社会救助参数（县级规定）', en: 'county social-assistance parameters (local rule)' };
export const PRODUCT: Bilingual = { zh: '本系统计算规则（救助规则 §10）', en: 'engine evaluation rule (assistance rules §10)' };
export const and = (a: Bilingual, b: Bilingual): Bilingual => ({ zh: `${a.zh}；${b.zh}`, en: `${a.en}; ${b.en}` });

function articleEn(zh: string): string {
  const n: Record<string, string> = { 第九条: 'Article 9', 第十四条: 'Article 14', 第十五条: 'Article 15', 第十三条: 'Article 13' };
  return n[zh] ?? zh;
}

export const t = (zh: string, en: string): Bilingual => ({ zh, en });
