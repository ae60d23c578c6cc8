/**
 * Source profiles (ASSISTANCE-RULES §6): one per department file, with its source code, the
 * fields it carries (Chinese and English header names for automatic mapping), whether the
 * member's signed authorisation is needed, and how a row becomes a staged finding: its
 * category, date, evidence key (the de-duplication key of a warning: admission date, plate
 * number, certificate number…), amount in fen, and the candidate warning rule of §4.2.
 * Registry-dependent parts of a rule (tier thresholds, authorisation, names) are decided at
 * apply time (./apply.ts).
 */
import type { WarningRuleId as RuleId } from '../common/codes';
import { HOSPITAL_THRESHOLD_IN_TIER_FEN } from '../monitoring/rules';
import { halfWidth, moneyToFen, toIsoDate } from './normalize';

export const SOURCES = [
  'public_security_deaths',
  'public_security_vehicles',
  'real_estate',
  'market_regulation',
  'hrss',
  'tax',
  'housing_fund',
  'banks',
  'medical_insurance',
  'education',
  'disability_federation',
  'agriculture_monitoring',
  'referral_feedback',
] as const;
export type Source = (typeof SOURCES)[number];

export type FieldType = 'id' | 'name' | 'date' | 'money' | 'text';
export interface FieldSpec {
  key: string;
  type: FieldType;
  required: boolean;
  zh: string;
  aliases: string[];
}

/** What a row becomes in the staging table. */
export interface Staged {
  category: string;
  eventDate: string | null;
  evidenceKey: string;
  amountFen: number | null;
  detail: string | null;
  rule: RuleId | null;
}
/** A row-level problem: the field key and the reason in both languages. */
export interface RowProblem {
  field: string;
  en: string;
  zh: string;
}

/** Values of the mapped fields of one row, already trimmed and half-width. */
export type RowValues = Record<string, string>;

export interface Profile {
  source: Source;
  zh: string;
  en: string;
  /** Department code used on chain events. */
  department: string;
  /** §6: income and asset sources need each member's signed authorisation dated on or before the file. */
  needsAuthorisation: boolean;
  fields: FieldSpec[];
  stage(v: RowValues): Staged | RowProblem;
}

const ID: FieldSpec = {
  key: 'idNumber',
  type: 'id',
  required: true,
  zh: '身份证号码',
  aliases: ['身份证号码', '身份证号', '公民身份号码', '证件号码', '身份证', '证件号', 'idnumber', 'id', 'idno', 'idcard'],
};
const NAME: FieldSpec = {
  key: 'name',
  type: 'name',
  required: false,
  zh: '姓名',
  aliases: ['姓名', '名字', '人员姓名', '参保人姓名', '户主姓名', 'name', 'fullname'],
};
const f = (key: string, type: FieldType, required: boolean, zh: string, aliases: string[]): FieldSpec => ({
  key,
  type,
  required,
  zh,
  aliases: [zh, ...aliases],
});

function need(v: RowValues, key: string, zh: string): RowProblem | null {
  return v[key] ? null : { field: key, en: `${key} is empty`, zh: `${zh}为空` };
}
function date(v: RowValues, key: string, zh: string, required: boolean): string | null | RowProblem {
  const s = v[key];
  if (!s) return required ? { field: key, en: `${key} is empty`, zh: `${zh}为空` } : null;
  const d = toIsoDate(s);
  return d ?? { field: key, en: `"${s}" is not a date`, zh: `“${s}”不是有效日期` };
}
function money(v: RowValues, key: string, zh: string, required: boolean): number | null | RowProblem {
  const s = v[key];
  if (!s) return required ? { field: key, en: `${key} is empty`, zh: `${zh}为空` } : null;
  const fen = moneyToFen(s);
  return fen === null ? null : Number.isNaN(fen) ? { field: key, en: `"${s}" is not an amount`, zh: `“${s}”不是有效金额` } : fen;
}
const isProblem = (x: unknown): x is RowProblem => typeof x === 'object' && x !== null && 'field' in x;

/** Death, cremation, cancellation; prison and declared missing come in the same file. */
const DEATH_WORDS = /死亡|火化|注销|殡葬|death|cremat|cancel/i;
const PRISON_WORDS = /服刑|在押|监狱|羁押|prison|jail/i;
const MISSING_WORDS = /失踪|missing/i;

const MONITORING_TYPES: Record<string, string> = {
  脱贫不稳定户: 'unstable',
  边缘易致贫户: 'edge',
  突发严重困难户: 'sudden_hardship',
  unstable: 'unstable',
  edge: 'edge',
  sudden_hardship: 'sudden_hardship',
};

const HRSS_KINDS: [RegExp, string, RuleId | null][] = [
  [/养老金|退休|pension/i, 'pension_start', 'pension_start'],
  [/失业|停缴|中断|unemploy|stopp/i, 'unemployment', 'unemployment'],
  [/就业|employ/i, 'employment', null],
];

export const PROFILES: Record<Source, Profile> = {
  public_security_deaths: {
    source: 'public_security_deaths',
    zh: '公安：死亡、注销、服刑、失踪',
    en: 'Public security: deaths, cancellations, prison, missing',
    department: 'public_security',
    needsAuthorisation: false,
    fields: [
      ID,
      NAME,
      f('eventDate', 'date', true, '日期', ['死亡日期', '注销日期', '火化日期', '发生日期', 'date', 'eventdate', 'deathdate']),
      f('event', 'text', false, '事件', ['类型', '注销原因', '事件类型', '变动类型', 'event', 'type', 'reason']),
    ],
    stage(v) {
      const d = date(v, 'eventDate', '日期', true);
      if (isProblem(d)) return d;
      const ev = v.event || '死亡';
      if (PRISON_WORDS.test(ev))
        return { category: 'prison', eventDate: d, evidenceKey: `prison:${d}`, amountFen: null, detail: ev, rule: 'prison_or_missing' };
      if (MISSING_WORDS.test(ev))
        return { category: 'missing', eventDate: d, evidenceKey: `missing:${d}`, amountFen: null, detail: ev, rule: 'prison_or_missing' };
      if (!DEATH_WORDS.test(ev))
        return {
          field: 'event',
          en: `unknown event "${ev}" (death, cremation, cancellation, prison, missing)`,
          zh: `无法识别的事件“${ev}”（死亡、火化、注销、服刑、失踪）`,
        };
      return { category: 'death', eventDate: d, evidenceKey: `death:${d}`, amountFen: null, detail: ev, rule: 'death' };
    },
  },
  public_security_vehicles: {
    source: 'public_security_vehicles',
    zh: '公安：机动车登记',
    en: 'Public security: vehicles',
    department: 'public_security',
    needsAuthorisation: true,
    fields: [
      ID,
      NAME,
      f('plate', 'text', true, '号牌号码', ['车牌号', '车牌号码', '号牌', 'plate', 'platenumber']),
      f('vehicleType', 'text', false, '车辆类型', ['车型', 'vehicletype', 'type']),
      f('registeredOn', 'date', false, '初次登记日期', ['初次登记', '登记日期', 'firstregistration', 'registeredon']),
      f('status', 'text', false, '机动车状态', ['状态', 'status']),
    ],
    stage(v) {
      const p = need(v, 'plate', '号牌号码');
      if (p) return p;
      const d = date(v, 'registeredOn', '初次登记日期', false);
      if (isProblem(d)) return d;
      return {
        category: 'vehicle',
        eventDate: d,
        evidenceKey: v.plate.replace(/\s+/g, '').toUpperCase(),
        amountFen: null,
        detail: [v.vehicleType, v.status].filter(Boolean).join('；') || null,
        rule: 'vehicle_found',
      };
    },
  },
  real_estate: {
    source: 'real_estate',
    zh: '不动产登记',
    en: 'Real estate',
    department: 'natural_resources',
    needsAuthorisation: true,
    fields: [
      ID,
      NAME,
      f('certificate', 'text', true, '不动产权证号', ['产权证号', '不动产单元号', '证书号', '权证号', 'certificate', 'unit']),
      f('location', 'text', false, '坐落', ['房屋坐落', '位置', 'location']),
      f('use', 'text', false, '用途', ['规划用途', 'use']),
      f('floorArea', 'text', false, '建筑面积', ['面积', 'floorarea', 'area']),
      f('registeredOn', 'date', false, '登记日期', ['登记时间', 'registeredon', 'date']),
    ],
    stage(v) {
      const p = need(v, 'certificate', '不动产权证号');
      if (p) return p;
      const d = date(v, 'registeredOn', '登记日期', false);
      if (isProblem(d)) return d;
      return {
        category: 'property',
        eventDate: d,
        evidenceKey: v.certificate,
        amountFen: null,
        detail: [v.location, v.use, v.floorArea && `${v.floorArea}㎡`].filter(Boolean).join('；') || null,
        rule: 'property_found',
      };
    },
  },
  market_regulation: {
    source: 'market_regulation',
    zh: '市场监管：市场主体登记',
    en: 'Market regulation: businesses',
    department: 'market_regulation',
    needsAuthorisation: true,
    fields: [
      ID,
      NAME,
      f('creditCode', 'text', true, '统一社会信用代码', ['信用代码', '注册号', 'creditcode', 'uscc']),
      f('businessName', 'text', false, '企业名称', ['名称', '主体名称', 'businessname']),
      f('role', 'text', false, '身份', ['人员类型', '职务', 'role']),
      f('capital', 'money', false, '注册资本', ['出资额', '认缴出资', 'capital']),
      f('status', 'text', false, '登记状态', ['经营状态', '状态', 'status']),
      f('registeredOn', 'date', false, '成立日期', ['登记日期', 'registeredon', 'date']),
    ],
    stage(v) {
      const p = need(v, 'creditCode', '统一社会信用代码');
      if (p) return p;
      const d = date(v, 'registeredOn', '成立日期', false);
      if (isProblem(d)) return d;
      const c = money(v, 'capital', '注册资本', false);
      if (isProblem(c)) return c;
      return {
        category: 'business',
        eventDate: d,
        evidenceKey: v.creditCode.toUpperCase(),
        amountFen: c,
        detail: [v.businessName, v.role, v.status].filter(Boolean).join('；') || null,
        rule: 'business_found',
      };
    },
  },
  hrss: {
    source: 'hrss',
    zh: '人社：社保、养老金、就业失业',
    en: 'HR & social security',
    department: 'hrss',
    needsAuthorisation: true,
    fields: [
      ID,
      NAME,
      f('recordType', 'text', true, '业务类型', ['险种', '类型', '记录类型', 'recordtype', 'type']),
      f('amount', 'money', false, '月领取金额', ['养老金', '月养老金', '失业金', '金额', '缴费基数', 'amount']),
      f('date', 'date', true, '日期', ['开始日期', '登记日期', '领取开始日期', 'date', 'startdate']),
    ],
    stage(v) {
      const p = need(v, 'recordType', '业务类型');
      if (p) return p;
      const d = date(v, 'date', '日期', true);
      if (isProblem(d)) return d;
      const a = money(v, 'amount', '金额', false);
      if (isProblem(a)) return a;
      const k = HRSS_KINDS.find(([re]) => re.test(v.recordType));
      const category = k?.[1] ?? 'social_insurance';
      return { category, eventDate: d, evidenceKey: `${category}:${d}`, amountFen: a, detail: v.recordType, rule: k?.[2] ?? null };
    },
  },
  tax: {
    source: 'tax',
    zh: '税务：收入纳税',
    en: 'Tax',
    department: 'tax',
    needsAuthorisation: true,
    fields: [
      ID,
      NAME,
      f('incomeType', 'text', false, '所得项目', ['收入类型', '所得类型', 'incometype']),
      f('income', 'money', true, '收入额', ['收入', '所得额', 'income', 'amount']),
      f('taxPaid', 'money', false, '已缴税额', ['税额', 'taxpaid']),
      f('period', 'date', true, '所属期', ['税款所属期', '期间', 'period', 'date']),
    ],
    stage(v) {
      const d = date(v, 'period', '所属期', true);
      if (isProblem(d)) return d;
      const a = money(v, 'income', '收入额', true);
      if (isProblem(a)) return a;
      return {
        category: 'tax_income',
        eventDate: d,
        evidenceKey: `tax:${d!.slice(0, 7)}:${v.incomeType || ''}`,
        amountFen: a,
        detail: [v.incomeType, v.taxPaid && `税额 ${v.taxPaid}`].filter(Boolean).join('；') || null,
        rule: 'income_record',
      };
    },
  },
  housing_fund: {
    source: 'housing_fund',
    zh: '住房公积金',
    en: 'Housing provident fund',
    department: 'housing_fund',
    needsAuthorisation: true,
    fields: [
      ID,
      NAME,
      f('account', 'text', false, '公积金账号', ['个人账号', '账号', 'account']),
      f('status', 'text', false, '账户状态', ['状态', 'status']),
      f('monthly', 'money', false, '月缴存额', ['月缴额', 'monthly']),
      f('balance', 'money', false, '余额', ['账户余额', 'balance']),
      f('date', 'date', true, '日期', ['缴存日期', '开户日期', 'date']),
    ],
    stage(v) {
      const d = date(v, 'date', '日期', true);
      if (isProblem(d)) return d;
      const m = money(v, 'monthly', '月缴存额', false);
      if (isProblem(m)) return m;
      const b = money(v, 'balance', '余额', false);
      if (isProblem(b)) return b;
      return {
        category: 'housing_fund',
        eventDate: d,
        evidenceKey: `fund:${v.account || ''}:${d!.slice(0, 7)}`,
        amountFen: m,
        detail: [v.status, b !== null ? `余额 ${b / 100}` : ''].filter(Boolean).join('；') || null,
        rule: 'income_record',
      };
    },
  },
  banks: {
    source: 'banks',
    zh: '银行、证券、保险：金融资产',
    en: 'Banks, securities, insurers',
    department: 'finance',
    needsAuthorisation: true,
    fields: [
      ID,
      NAME,
      f('institution', 'text', true, '金融机构', ['机构名称', '银行', 'institution', 'bank']),
      f('product', 'text', false, '资产类型', ['产品类型', '账户类型', 'product', 'type']),
      f('account', 'text', false, '账号', ['账户', 'account']),
      f('balance', 'money', true, '余额', ['金额', '资产金额', '现金价值', 'balance', 'amount']),
      f('date', 'date', true, '查询日期', ['日期', '截止日期', 'date']),
    ],
    stage(v) {
      const p = need(v, 'institution', '金融机构');
      if (p) return p;
      const d = date(v, 'date', '查询日期', true);
      if (isProblem(d)) return d;
      const b = money(v, 'balance', '余额', true);
      if (isProblem(b)) return b;
      return {
        category: 'financial_asset',
        eventDate: d,
        evidenceKey: `${v.institution}:${v.account || v.product || ''}:${d}`,
        amountFen: b,
        detail: [v.institution, v.product].filter(Boolean).join('；'),
        rule: 'financial_assets',
      };
    },
  },
  medical_insurance: {
    source: 'medical_insurance',
    zh: '医保：住院结算',
    en: 'Medical insurance: hospital stays',
    department: 'medical_insurance',
    needsAuthorisation: false,
    fields: [
      ID,
      NAME,
      f('settlement', 'text', false, '结算单号', ['结算号', '住院号', '单据号', 'settlement']),
      f('admittedOn', 'date', true, '入院日期', ['入院时间', 'admittedon', 'admission']),
      f('dischargedOn', 'date', false, '出院日期', ['出院时间', 'dischargedon', 'discharge']),
      f('hospital', 'text', false, '医疗机构', ['医院', '定点医疗机构', '医疗机构名称', 'hospital']),
      f('totalCost', 'money', false, '总费用', ['医疗总费用', '费用总额', 'totalcost', 'total']),
      f('fundPaid', 'money', false, '统筹支付', ['基金支付', '统筹基金支付', 'fundpaid']),
      f('outOfPocket', 'money', true, '个人自付', ['个人负担', '个人自付金额', '自付', 'outofpocket']),
    ],
    stage(v) {
      const d = date(v, 'admittedOn', '入院日期', true);
      if (isProblem(d)) return d;
      const o = money(v, 'outOfPocket', '个人自付', true);
      if (isProblem(o)) return o;
      // Only stays above the lower (in-tier) threshold can raise a warning; the tier decides at apply.
      return {
        category: 'hospital_stay',
        eventDate: d,
        evidenceKey: d as string,
        amountFen: o,
        detail: v.hospital ? `${v.hospital}；总费用 ${v.totalCost || '-'}` : null,
        rule: (o as number) > HOSPITAL_THRESHOLD_IN_TIER_FEN ? 'hospital_cost' : null,
      };
    },
  },
  education: {
    source: 'education',
    zh: '教育：学籍',
    en: 'Education: enrolment',
    department: 'education',
    needsAuthorisation: false,
    fields: [
      ID,
      NAME,
      f('school', 'text', false, '学校', ['学校名称', 'school']),
      f('level', 'text', false, '学段', ['年级', '层次', 'level']),
      f('status', 'text', true, '学籍状态', ['状态', 'status']),
      f('date', 'date', true, '日期', ['变动日期', '毕业日期', 'date']),
      f('aid', 'money', false, '资助金额', ['资助', 'aid']),
    ],
    stage(v) {
      const p = need(v, 'status', '学籍状态');
      if (p) return p;
      const d = date(v, 'date', '日期', true);
      if (isProblem(d)) return d;
      const a = money(v, 'aid', '资助金额', false);
      if (isProblem(a)) return a;
      const graduated = /毕业|graduat/i.test(v.status);
      return {
        category: graduated ? 'graduated' : 'enrolment',
        eventDate: d,
        evidenceKey: `${graduated ? 'grad' : 'school'}:${d}`,
        amountFen: a,
        detail: [v.school, v.level, v.status].filter(Boolean).join('；'),
        rule: graduated ? 'graduated' : null,
      };
    },
  },
  disability_federation: {
    source: 'disability_federation',
    zh: '残联：残疾证',
    en: "Disabled persons' federation",
    department: 'disability_federation',
    needsAuthorisation: false,
    fields: [
      ID,
      NAME,
      f('certificate', 'text', false, '残疾证号', ['证号', 'certificate']),
      f('kind', 'text', true, '残疾类别', ['类别', 'kind', 'type']),
      f('grade', 'text', true, '残疾等级', ['等级', 'grade']),
      f('issuedOn', 'date', false, '发证日期', ['办证日期', 'issuedon', 'date']),
    ],
    stage(v) {
      const g = /([1-4一二三四])/.exec(v.grade ?? '');
      if (!g)
        return { field: 'grade', en: `"${v.grade ?? ''}" is not a disability grade (1–4)`, zh: `“${v.grade ?? ''}”不是残疾等级（1–4级）` };
      const grade = '1一'.includes(g[1]) ? 1 : '2二'.includes(g[1]) ? 2 : '3三'.includes(g[1]) ? 3 : 4;
      const d = date(v, 'issuedOn', '发证日期', false);
      if (isProblem(d)) return d;
      return {
        category: 'disability_certificate',
        eventDate: d,
        evidenceKey: v.certificate || `${v.kind}:${grade}`,
        amountFen: null,
        detail: `${v.kind}${grade}级`,
        rule: grade <= 2 ? 'new_disability' : null,
      };
    },
  },
  agriculture_monitoring: {
    source: 'agriculture_monitoring',
    zh: '农业农村：防止返贫监测对象',
    en: 'Agriculture: return-to-poverty monitoring',
    department: 'agriculture',
    needsAuthorisation: false,
    fields: [
      ID,
      NAME,
      f('flagType', 'text', true, '监测对象类型', ['监测类型', '类型', 'flagtype', 'type']),
      f('date', 'date', false, '识别日期', ['纳入日期', '日期', 'date']),
    ],
    stage(v) {
      const t = MONITORING_TYPES[v.flagType] ?? MONITORING_TYPES[v.flagType?.toLowerCase()];
      if (!t)
        return {
          field: 'flagType',
          en: `"${v.flagType}" is not a monitoring type (脱贫不稳定户 / 边缘易致贫户 / 突发严重困难户)`,
          zh: `“${v.flagType}”不是监测对象类型（脱贫不稳定户／边缘易致贫户／突发严重困难户）`,
        };
      const d = date(v, 'date', '识别日期', false);
      if (isProblem(d)) return d;
      return { category: t, eventDate: d, evidenceKey: `flag:${t}`, amountFen: null, detail: v.flagType, rule: 'monitoring_flag' };
    },
  },
  referral_feedback: {
    source: 'referral_feedback',
    zh: '部门反馈：需求推送结果',
    en: 'Department results of referrals',
    department: 'various',
    needsAuthorisation: false,
    fields: [
      f('referralNumber', 'text', true, '推送编号', ['转介编号', '编号', 'referralnumber', 'referral']),
      ID,
      NAME,
      f('result', 'text', true, '结果', ['办理结果', 'result']),
      f('amount', 'money', false, '金额', ['救助金额', 'amount']),
      f('item', 'text', false, '项目', ['救助项目', 'item']),
      f('date', 'date', true, '日期', ['办理日期', 'date']),
      f('reason', 'text', false, '原因', ['说明', 'reason']),
    ],
    stage(v) {
      const p = need(v, 'referralNumber', '推送编号');
      if (p) return p;
      const results: Record<string, string> = {
        assisted: 'assisted',
        已救助: 'assisted',
        已帮扶: 'assisted',
        已办理: 'assisted',
        declined: 'declined',
        本人拒绝: 'declined',
        拒绝: 'declined',
        not_eligible: 'not_eligible',
        不符合条件: 'not_eligible',
        不符合: 'not_eligible',
      };
      const r = results[v.result] ?? results[v.result?.toLowerCase()];
      if (!r)
        return {
          field: 'result',
          en: `result must be assisted, declined or not_eligible, not "${v.result}"`,
          zh: `结果须为 assisted（已救助）、declined（拒绝）或 not_eligible（不符合条件），而不是“${v.result}”`,
        };
      const d = date(v, 'date', '日期', true);
      if (isProblem(d)) return d;
      const a = money(v, 'amount', '金额', false);
      if (isProblem(a)) return a;
      return {
        category: r,
        eventDate: d,
        evidenceKey: v.referralNumber,
        amountFen: a,
        detail: JSON.stringify({ item: v.item || null, reason: v.reason || null }),
        rule: null,
      };
    },
  },
};

export function profileOf(source: string): Profile {
  const p = (PROFILES as Record<string, Profile>)[source];
  if (!p) throw new Error(`unknown source ${source}`);
  return p;
}

/** Header text reduced for comparison: half-width, lower case, no spaces, brackets, stars or units. */
export function headerKey(h: string): string {
  return halfWidth(h)
    .toLowerCase()
    .replace(/[\s_*:：()（）\[\]【】（元）]|\(元\)|元$/g, '');
}

export { halfWidth };
