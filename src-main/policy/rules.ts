/**
 * Every rule the engine evaluates, as data: its legal basis, the parameters it reads and the
 * sentence a reason renders to. The engine emits only `{rule, pass, figures}`; text is built
 * here on demand (render.ts), so a county scan never builds strings.
 *
 * Placeholders name figure keys. Key suffixes choose the format: `…Fen` money (640.00),
 * `…Rate` a percentage, `…Area` square metres; string figures that are codes are translated
 * through CODES.
 */
import { RULE_IDS, type RuleId } from '../common/determination';
import { t, type Bilingual, type RuleDefinition } from './rule-basis';
import { BENEFIT_RULES } from './rules-benefit';
import { ELIGIBILITY_RULES } from './rules-eligibility';

export type { Bilingual, RuleDefinition } from './rule-basis';
export { RULE_IDS, type RuleId };

const defs = [...ELIGIBILITY_RULES, ...BENEFIT_RULES];

// Every rule id has exactly one text, and every text names a rule id (a compile error otherwise).
type Defined = (typeof defs)[number]['id'];
const covered: [Exclude<RuleId, Defined>] extends [never] ? true : Exclude<RuleId, Defined> = true;
void covered;

export const RULES: Readonly<Record<RuleId, RuleDefinition>> = Object.freeze(
  Object.fromEntries(defs.map((d) => [d.id, Object.freeze(d)])) as unknown as Record<RuleId, RuleDefinition>, // keys: every RuleId (`covered`)
);

/** A member's relation to the head (household-file.md RELATIONS), as a reason names the member: `户主 赵志刚`. */
export const RELATION_WORDS: Readonly<Record<string, Bilingual>> = {
  head: t('户主', 'head'),
  spouse: t('配偶', 'spouse'),
  child: t('子女', 'child'),
  parent: t('父母', 'parent'),
  grandchild: t('孙子女', 'grandchild'),
  grandparent: t('祖父母', 'grandparent'),
  sibling: t('兄弟姐妹', 'sibling'),
  child_in_law: t('儿媳/女婿', 'child-in-law'),
  other: t('其他成员', 'other member'),
};

/** Codes that appear as string figures, in the UX glossary's words. */
export const CODES: Readonly<Record<string, Bilingual>> = {
  tekun: t('特困人员', 'extremely poor person'),
  dibao: t('低保', 'dibao'),
  marginal: t('低保边缘家庭', 'marginal household'),
  rigid: t('刚性支出困难家庭', 'rigid-expenditure hardship household'),
  gradual_exit: t('渐退期', 'gradual exit'),
  single_person: t('单人保', 'single-person inclusion'),
  household: t('家庭', 'household'),
  // capacity / add-on / inclusion causes
  elderly: t('老年人', 'elderly'),
  minor: t('未成年人', 'minor'),
  severe: t('重度残疾', 'severely disabled'),
  critical: t('重病', 'critically ill'),
  disability: t('残疾', 'disability'),
  illness: t('患病', 'illness'),
  costs: t('有医疗费用', 'medical costs'),
  // service-assessment causes (docs/rules/temporary-service-recovery.md §12.1)
  tekun_at_home: t('分散供养特困人员', 'extremely poor person supported at home'),
  elderly_alone: t('70周岁以上独居', 'aged 70+ living alone'),
  disability_grade: t('一、二级残疾', 'disability of grade 1 or 2'),
  guardianship_gap: t('父母双方缺失、死亡或无监护能力的未成年人', 'minor whose parents are both absent, deceased or incapable'),
  // supporter causes
  not_present: t('不在家（服刑、失踪、死亡等）', 'not present (prison, missing, deceased …)'),
  incapacitated: t('无民事行为能力', 'legally incapacitated'),
  status: t('状态非正常', 'status not present'),
  elderly_low_income: t('年满60周岁且收入低于低保标准', 'aged 60+ with income below the standard'),
  old_low_income: t('年满70周岁且收入低于上年人均可支配收入', "aged 70+ with income below last year's per-capita disposable income"),
  severe_low_income: t(
    '重度残疾且收入低于上年人均可支配收入',
    "severely disabled with income below last year's per-capita disposable income",
  ),
  no_capacity_no_income: t('本人无劳动能力且无收入', 'no capacity to work and no income'),
  tier_tekun: t('本人为特困人员', 'is an extremely poor person'),
  tier_dibao_elderly: t('年满60周岁的低保对象', 'dibao recipient aged 60+'),
  minor_child: t('未成年子女不负赡养义务', 'a minor child owes no support'),
  able: t('有履行能力', 'able'),
  // relations
  spouse: t('配偶', 'spouse'),
  parent: t('父母', 'parent'),
  child: t('子女', 'child'),
  // vehicles, businesses
  private_car: t('私家车', 'private car'),
  commercial_livelihood: t('生计用营运车辆', 'commercial livelihood vehicle'),
  disability_mobility: t('残疾人代步车', 'disability mobility vehicle'),
  motorcycle: t('摩托车', 'motorcycle'),
  ebike: t('电动自行车', 'e-bike'),
  legal_representative: t('企业法定代表人', 'legal representative'),
  senior_manager: t('企业高级管理人员', 'senior manager'),
  controlling_shareholder: t('企业控股股东', 'controlling shareholder'),
  sole_proprietor: t('个体工商户', 'sole proprietor'),
  yes: t('是', 'yes'),
  no: t('否', 'no'),
  // care levels
  self_care: t('全自理', 'self-care'),
  partial_care: t('半护理', 'partial care'),
  full_care: t('全护理', 'full care'),
  // excluded income types
  basic_pension: t('城乡居民基础养老金', "residents' basic pension"),
  care_payment: t('优待抚恤金', 'preferential-care payment'),
  family_planning: t('计划生育奖励', 'family-planning reward'),
  scholarship: t('奖学金', 'scholarship'),
  award: t('见义勇为等奖励', 'award'),
  assistance: t('社会救助金', 'social-assistance benefit'),
  old_age_allowance: t('高龄津贴', 'old-age allowance'),
  // schooling, tenure
  primary: t('小学', 'primary school'),
  junior: t('初中', 'junior secondary school'),
  senior: t('高中', 'senior secondary school'),
  vocational: t('中职', 'vocational school'),
  college: t('大专', 'college'),
  bachelor: t('本科', 'bachelor studies'),
  postgraduate: t('研究生', 'postgraduate studies'),
  rent: t('租房', 'rented'),
  none: t('无房', 'none'),
  // rounding
  up: t('向上', 'up'),
  nearest: t('四舍五入', 'to nearest'),
  down: t('向下', 'down'),
  no_income: t('∞（无计算收入）', '∞ (no counted income)'),
};
