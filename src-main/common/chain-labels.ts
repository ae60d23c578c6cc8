/**
 * Words for every code an assistance-chain entry holds (docs/rules/assistance.md §7): its kind,
 * department, item and status, in both languages. The screen, the printed chain report and its
 * XLSX read them from here, so no form prints `hospital_cost` or `open` where the screen says
 * 住院个人自付费用较高 or 待核查.
 */
import type { Bilingual } from './errors';
import { TIER_LABEL } from './labels';
import { RULES } from './warning-rules';
import { WARNING_RULES, type ChainKind } from './codes';

export type Lang = 'zh' | 'en';

export const CHAIN_KIND_LABEL: Readonly<Record<ChainKind, Bilingual>> = {
  determination: { zh: '认定', en: 'determination' },
  tier_change: { zh: '档次变更', en: 'tier change' },
  review: { zh: '复核', en: 'review' },
  warning: { zh: '预警', en: 'warning' },
  visit: { zh: '入户调查', en: 'home visit' },
  referral: { zh: '需求转介', en: 'referral' },
  department_result: { zh: '部门反馈', en: 'department result' },
  payment: { zh: '发放', en: 'payment' },
  entitlement: { zh: '救助事项', en: 'entitlement' },
};

/**
 * Departments a chain entry names. `civil_affairs` is the civil-affairs bureau itself — it pays dibao and 特困 and takes
 * temporary-assistance referrals — so its word does not say 临时救助 (the item does, when that is what it was).
 */
export const DEPARTMENT_LABEL: Readonly<Record<string, Bilingual>> = {
  civil_affairs: { zh: '民政局', en: 'civil affairs bureau' },
  medical_insurance: { zh: '医疗保障局', en: 'medical insurance bureau' },
  education: { zh: '教育局', en: 'education bureau' },
  housing: { zh: '住房和城乡建设局', en: 'housing and urban-rural development bureau' },
  hrss: { zh: '人力资源和社会保障局', en: 'human resources and social security bureau' },
  charity: { zh: '慈善组织', en: 'charity' },
  agriculture: { zh: '农业农村局', en: 'agriculture and rural affairs bureau' },
};

const ASSISTANCE_LABEL: Readonly<Record<string, Bilingual>> = {
  medical: { zh: '医疗救助', en: 'medical assistance' },
  education: { zh: '教育救助', en: 'education assistance' },
  housing: { zh: '住房救助', en: 'housing assistance' },
  employment: { zh: '就业救助', en: 'employment assistance' },
  temporary: { zh: '临时救助', en: 'temporary assistance' },
  charity: { zh: '慈善帮扶', en: 'charity assistance' },
};

const OTHER_ITEM_LABEL: Readonly<Record<string, Bilingual>> = {
  adjustment: { zh: '更正', en: 'correction' },
  home_visit: { zh: '入户调查', en: 'home visit' },
  verification: { zh: '核查', en: 'verification' },
  return_to_poverty: { zh: '防止返贫监测对象', en: 'return-to-poverty monitoring' },
  recovery: { zh: '追缴多发资金', en: 'recovery of overpaid benefits' },
  service_assessment: { zh: '服务类救助需求评估', en: 'service needs assessment' },
  // The standard service list's codes (src-main/services/catalogue.ts), items of plans and records.
  visit_care: { zh: '探访关爱', en: 'visiting' },
  personal_care: { zh: '照料护理', en: 'personal care' },
  meals: { zh: '助餐', en: 'meals' },
  bathing: { zh: '助浴', en: 'bathing' },
  rehabilitation: { zh: '康复', en: 'rehabilitation' },
  counselling: { zh: '心理疏导', en: 'counselling' },
  cleaning: { zh: '家政保洁', en: 'cleaning' },
  resource_linking: { zh: '资源链接', en: 'linking resources' },
};

/** Statuses of every kind of entry: determinations, payments, warnings, visits, reviews, referrals and their results, monitoring flags. */
export const CHAIN_STATUS_LABEL: Readonly<Record<string, Bilingual>> = {
  proposed: { zh: '申报', en: 'proposed' },
  approved: { zh: '批准', en: 'approved' },
  rejected: { zh: '不予批准', en: 'rejected' },
  in_force: { zh: '执行', en: 'in force' },
  paid: { zh: '已发放', en: 'paid' },
  adjustment: { zh: '调整', en: 'adjusted' },
  open: { zh: '待核查', en: 'open' },
  closed: { zh: '已办结', en: 'closed' },
  recorded: { zh: '已记录', en: 'recorded' },
  no_change: { zh: '无变化', en: 'no change' },
  increase: { zh: '增加', en: 'increase' },
  decrease: { zh: '减少', en: 'decrease' },
  stop: { zh: '停发', en: 'stopped' },
  change_of_tier: { zh: '变更类别', en: 'change of tier' },
  drafted: { zh: '已起草', en: 'drafted' },
  pushed: { zh: '已推送', en: 'pushed' },
  acknowledged: { zh: '已签收', en: 'acknowledged' },
  completed: { zh: '已办结', en: 'completed' },
  declined: { zh: '未予救助', en: 'declined' },
  assisted: { zh: '已救助', en: 'assisted' },
  not_eligible: { zh: '不符合条件', en: 'not eligible' },
  unstable: { zh: '脱贫不稳定户', en: 'unstable after poverty exit' },
  edge: { zh: '边缘易致贫户', en: 'at risk of poverty' },
  sudden_hardship: { zh: '突发严重困难户', en: 'sudden severe hardship' },
  none: { zh: '解除监测', en: 'monitoring ended' },
  // Service assistance (src-main/services): assessed, planned, a provider's record received.
  assessed: { zh: '已评估', en: 'assessed' },
  planned: { zh: '已制定计划', en: 'planned' },
  received: { zh: '已接收', en: 'received' },
  // Temporary assistance and recovery of overpaid benefits (src-main/temporary, src-main/recovery).
  refused: { zh: '不予救助', en: 'refused' },
  recovery_opened: { zh: '立案追缴', en: 'recovery opened' },
  recovery_extended: { zh: '追缴金额增加', en: 'recovery extended' },
};

/** Legal basis of the cash benefits, by tier (chapters of 《社会救助暂行办法》, 2014). */
const TIER_BASIS: Readonly<Record<string, string>> = {
  dibao: '《社会救助暂行办法》第二章 最低生活保障',
  tekun: '《社会救助暂行办法》第三章 特困人员供养',
};
const GENERIC_BASIS = '《社会救助暂行办法》';

function pick(table: Readonly<Record<string, Bilingual>>, code: string | null | undefined, lang: Lang): string | null {
  if (code === null || code === undefined || code === '') return null;
  const w = table[code];
  return w ? w[lang] : null;
}

export function chainKindLabel(kind: ChainKind, lang: Lang): string {
  return CHAIN_KIND_LABEL[kind][lang];
}

/** The department's word; an unknown code is shown as it is only if it is not a code (a charity's own name, say). */
export function departmentLabel(code: string | null | undefined, lang: Lang): string {
  return pick(DEPARTMENT_LABEL, code, lang) ?? code ?? '';
}

/** The item of an entry: a tier, a kind of assistance, a warning rule, a visit's kind, or free text a department returned. */
export function chainItemLabel(item: string | null | undefined, lang: Lang): string {
  if (item === null || item === undefined || item === '') return '';
  const rule = WARNING_RULES.find((r) => r === item);
  if (rule) return RULES[rule][lang];
  // A service plan's item lists its services, comma-separated (src-main/services/plans.ts).
  if (item.includes(','))
    return item
      .split(',')
      .map((x) => chainItemLabel(x, lang))
      .join(lang === 'zh' ? '、' : ', ');
  return pick(TIER_LABEL, item, lang) ?? pick(ASSISTANCE_LABEL, item, lang) ?? pick(OTHER_ITEM_LABEL, item, lang) ?? item;
}

export function chainStatusLabel(status: string | null | undefined, lang: Lang): string {
  if (status === null || status === undefined || status === '') return '';
  return pick(CHAIN_STATUS_LABEL, status, lang) ?? status;
}

/**
 * The legal basis an entry is printed with. Entries written before the basis was recorded per tier say only
 * 《社会救助暂行办法》 (or nothing); a determination, tier change or payment of a known tier is read with its chapter.
 */
export function chainBasis(e: { kind: ChainKind; item: string | null; basis: string | null }): string | null {
  const tierEvent = e.kind === 'determination' || e.kind === 'tier_change' || e.kind === 'payment';
  if (tierEvent && (e.basis === null || e.basis === GENERIC_BASIS) && e.item !== null && TIER_BASIS[e.item]) return TIER_BASIS[e.item];
  return e.basis;
}

/** The chapter of a tier's benefit, for writers of new entries. */
export function tierBasis(tier: string): string {
  return TIER_BASIS[tier] ?? GENERIC_BASIS;
}
