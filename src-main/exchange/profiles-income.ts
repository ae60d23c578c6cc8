/**
 * Profiles of the files that tell what a person earns, holds or spends, and of departments'
 * results (docs/rules/assistance.md §5, §6): social insurance and pensions, tax, housing fund,
 * financial assets, hospital stays, and the results of referrals.
 */
import { date, field, ID, isProblem, joined, money, NAME, need, type FeedbackResult, type Profile } from './profile-fields';

const HRSS_KINDS: [RegExp, string][] = [
  [/养老金|退休|pension/i, 'pension_start'],
  [/失业|停缴|中断|unemploy|stopp/i, 'unemployment'],
  [/就业|employ/i, 'employment'],
];

/** A Map, not an object: a cell reading "constructor" must not find Object's. */
const RESULTS = new Map<string, FeedbackResult>([
  ['assisted', 'assisted'],
  ['已救助', 'assisted'],
  ['已帮扶', 'assisted'],
  ['已办理', 'assisted'],
  ['declined', 'declined'],
  ['本人拒绝', 'declined'],
  ['拒绝', 'declined'],
  ['not_eligible', 'not_eligible'],
  ['不符合条件', 'not_eligible'],
  ['不符合', 'not_eligible'],
]);

export const INCOME_PROFILES = {
  hrss: {
    source: 'hrss',
    zh: '人社：社保、养老金、就业失业',
    en: 'HR & social security',
    department: 'hrss',
    needsAuthorisation: true,
    fields: [
      ID,
      NAME,
      field('recordType', 'text', true, '业务类型', ['险种', '类型', '记录类型', 'recordtype', 'type']),
      field('amount', 'money', false, '月领取金额', ['养老金', '月养老金', '失业金', '金额', '缴费基数', 'amount']),
      field('date', 'date', true, '日期', ['开始日期', '登记日期', '领取开始日期', 'date', 'startdate']),
    ],
    stage(v) {
      const p = need(v, 'recordType', '业务类型');
      if (p) return p;
      const d = date(v, 'date', '日期', true);
      if (isProblem(d)) return d;
      const a = money(v, 'amount', '金额', false);
      if (isProblem(a)) return a;
      const category = HRSS_KINDS.find(([re]) => re.test(v.recordType))?.[1] ?? 'social_insurance';
      return { category, eventDate: d, evidenceKey: `${category}:${d}`, amountFen: a, detail: v.recordType };
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
      field('incomeType', 'text', false, '所得项目', ['收入类型', '所得类型', 'incometype']),
      field('income', 'money', true, '收入额', ['收入', '所得额', 'income', 'amount']),
      field('taxPaid', 'money', false, '已缴税额', ['税额', 'taxpaid']),
      field('period', 'date', true, '所属期', ['税款所属期', '期间', 'period', 'date']),
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
        detail: joined(v.incomeType, v.taxPaid && `税额 ${v.taxPaid}`),
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
      field('account', 'text', false, '公积金账号', ['个人账号', '账号', 'account']),
      field('status', 'text', false, '账户状态', ['状态', 'status']),
      field('monthly', 'money', false, '月缴存额', ['月缴额', 'monthly']),
      field('balance', 'money', false, '余额', ['账户余额', 'balance']),
      field('date', 'date', true, '日期', ['缴存日期', '开户日期', 'date']),
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
        detail: joined(v.status, b !== null && `余额 ${b / 100}`),
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
      field('institution', 'text', true, '金融机构', ['机构名称', '银行', 'institution', 'bank']),
      field('product', 'text', false, '资产类型', ['产品类型', '账户类型', 'product', 'type']),
      field('account', 'text', false, '账号', ['账户', 'account']),
      field('balance', 'money', true, '余额', ['金额', '资产金额', '现金价值', 'balance', 'amount']),
      field('date', 'date', true, '查询日期', ['日期', '截止日期', 'date']),
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
        detail: joined(v.institution, v.product),
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
      field('settlement', 'text', false, '结算单号', ['结算号', '住院号', '单据号', 'settlement']),
      field('admittedOn', 'date', true, '入院日期', ['入院时间', 'admittedon', 'admission']),
      field('dischargedOn', 'date', false, '出院日期', ['出院时间', 'dischargedon', 'discharge']),
      field('hospital', 'text', false, '医疗机构', ['医院', '定点医疗机构', '医疗机构名称', 'hospital']),
      field('totalCost', 'money', false, '总费用', ['医疗总费用', '费用总额', 'totalcost', 'total']),
      field('fundPaid', 'money', false, '统筹支付', ['基金支付', '统筹基金支付', 'fundpaid']),
      field('outOfPocket', 'money', true, '个人自付', ['个人负担', '个人自付金额', '自付', 'outofpocket']),
    ],
    stage(v) {
      const d = date(v, 'admittedOn', '入院日期', true);
      if (isProblem(d)) return d;
      const o = money(v, 'outOfPocket', '个人自付', true);
      if (isProblem(o)) return o;
      const detail = v.hospital ? `${v.hospital}；总费用 ${v.totalCost || '-'}` : null;
      // A stay is known by its admission date: the evidence key is the date itself (packed.ts stores it once).
      return { category: 'hospital_stay', eventDate: d, evidenceKey: d as string, amountFen: o, detail };
    },
  },
  referral_feedback: {
    source: 'referral_feedback',
    zh: '部门反馈：需求推送结果',
    en: 'Department results of referrals',
    department: 'various',
    needsAuthorisation: false,
    fields: [
      field('referralNumber', 'text', true, '推送编号', ['转介编号', '编号', 'referralnumber', 'referral']),
      ID,
      NAME,
      field('result', 'text', true, '结果', ['办理结果', 'result']),
      field('amount', 'money', false, '金额', ['救助金额', 'amount']),
      field('item', 'text', false, '项目', ['救助项目', 'item']),
      field('date', 'date', true, '日期', ['办理日期', 'date']),
      field('reason', 'text', false, '原因', ['说明', 'reason']),
    ],
    stage(v) {
      const p = need(v, 'referralNumber', '推送编号');
      if (p) return p;
      const result = RESULTS.get(v.result) ?? RESULTS.get(v.result?.toLowerCase());
      if (!result)
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
        category: result,
        eventDate: d,
        evidenceKey: v.referralNumber,
        amountFen: a,
        detail: null,
        feedback: { referralNumber: v.referralNumber, result, item: v.item || null, reason: v.reason || null },
      };
    },
  },
} satisfies Record<string, Profile>;
