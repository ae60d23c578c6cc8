/**
 * The warning rules of §4.2 (docs/rules/assistance.md), one entry each: severity, the working
 * days allowed to verify (5 for urgent events — death, hospitalisation, disaster — 10 for
 * others), and the texts a person reads. Shared by the core, the chain and the renderer.
 */
import { WARNING_RULES, type Outcome, type WarningRuleId as RuleId } from './codes';

export interface WarningRule {
  severity: 'urgent' | 'normal';
  days: number;
  zh: string;
  en: string;
  action: string;
}

export const RULES: Readonly<Record<RuleId, WarningRule>> = {
  death: {
    severity: 'urgent',
    days: 5,
    zh: '死亡或火化',
    en: 'death or cremation',
    action: '重新核定家庭人口，该成员待遇自次月停发，核查多发资金',
  },
  hospital_cost: {
    severity: 'urgent',
    days: 5,
    zh: '住院个人自付费用较高',
    en: 'high hospital out-of-pocket cost',
    action: '医疗救助或临时救助，刚性支出评估',
  },
  disaster: { severity: 'urgent', days: 5, zh: '灾害或意外', en: 'disaster or accident', action: '临时救助' },
  new_disability: {
    severity: 'normal',
    days: 10,
    zh: '新办重度残疾证',
    en: 'new severe disability certificate',
    action: '重新分类，分类施保，单人保或特困核查',
  },
  unemployment: {
    severity: 'normal',
    days: 10,
    zh: '失业登记或停止缴费',
    en: 'unemployment registration or stopped contributions',
    action: '收入复核，就业援助推送',
  },
  vehicle_found: { severity: 'normal', days: 10, zh: '发现车辆登记', en: 'vehicle registration found', action: '财产复核，超过标准的停保' },
  property_found: {
    severity: 'normal',
    days: 10,
    zh: '发现不动产登记',
    en: 'property registration found',
    action: '财产复核，超过标准的停保',
  },
  business_found: {
    severity: 'normal',
    days: 10,
    zh: '发现市场主体登记',
    en: 'business registration found',
    action: '财产复核，超过标准的停保',
  },
  financial_assets: {
    severity: 'normal',
    days: 10,
    zh: '金融资产超过登记数',
    en: 'financial assets above the registered amount',
    action: '财产复核，超过标准的停保',
  },
  pension_start: { severity: 'normal', days: 10, zh: '开始领取养老金', en: 'pension started', action: '收入复核' },
  income_record: { severity: 'normal', days: 10, zh: '纳税或公积金缴存记录', en: 'tax or housing-fund record', action: '收入复核' },
  turns_60: { severity: 'normal', days: 10, zh: '成员年满60周岁', en: 'member turns 60', action: '档次和劳动能力复核' },
  turns_18: { severity: 'normal', days: 10, zh: '成员年满18周岁', en: 'member turns 18', action: '档次和劳动能力复核' },
  graduated: { severity: 'normal', days: 10, zh: '学生毕业', en: 'student graduated', action: '档次和劳动能力复核' },
  prison_or_missing: { severity: 'normal', days: 10, zh: '服刑或宣告失踪', en: 'in prison or declared missing', action: '该成员不再计入' },
  monitoring_flag: {
    severity: 'normal',
    days: 10,
    zh: '防止返贫监测对象',
    en: 'return-to-poverty monitoring flag',
    action: '纳入监测，需求推送',
  },
  review_overdue: { severity: 'normal', days: 10, zh: '复核逾期', en: 'review overdue', action: '按分类管理要求复核' },
  name_mismatch: { severity: 'normal', days: 10, zh: '姓名与登记不符', en: 'name differs from the registry', action: '核对身份信息' },
  // docs/rules/temporary-service-recovery.md §11.1: 先行救助 paperwork not complete 10 working days after paying.
  'temporary.paperwork_overdue': {
    severity: 'urgent',
    days: 5,
    zh: '先行救助手续逾期未补齐',
    en: 'assist-first paperwork overdue',
    action: '补齐核对、入户调查和公示手续',
  },
  // docs/rules/workstations.md, spot checks: the county's second visit found something the township's decision missed.
  spot_check: { severity: 'normal', days: 10, zh: '抽查发现问题', en: 'spot check finding', action: '重新核查，按核查结果调整' },
};

/** The chain's line for a warning's raising (chain/events.ts), as the chain event written before migration 14 said it. */
export function raisedSummary(rule: string, personName: string | null, dueOn: string): string {
  const id = WARNING_RULES.find((x) => x === rule);
  const r = id ? RULES[id] : undefined;
  return r
    ? `预警：${r.zh}（${personName ?? ''}），${r.action}；核查期限 ${dueOn}`
    : `预警：${rule}（${personName ?? ''}）；核查期限 ${dueOn}`;
}

export const OUTCOME_ZH: Record<Outcome, string> = {
  no_change: '无变化',
  adjust: '调整待遇',
  new_assistance: '新增救助',
  referral: '转介推送',
};
