/**
 * The sentences of temporary assistance's reasons (docs/rules/temporary-service-recovery.md §11.2–§11.4),
 * in both languages. Reasons are data (./assess.ts, ./limits.ts); text is made here on demand.
 */
import type { Lang } from '../common/errors';
import { TIER_LABEL } from '../common/labels';
import type { TemporaryReasonData } from './assess';

interface Text {
  title: [string, string];
  text: [string, string];
  fail?: [string, string];
}

/** [zh, en] pairs; `{name}` is a figure. */
const TEXTS: Record<string, Text> = {
  'temporary.tier': {
    title: ['事发日认定类别', 'Tier on the event date'],
    text: ['{eventDate} 在册类别：{tier}', 'determination in force on {eventDate}: {tier}'],
  },
  'temporary.standard': {
    title: ['低保标准', 'Dibao standard'],
    text: [
      '事发日低保标准 S = {standard} 元；上限 {multiple} × S = {cap} 元，一事一议最高 {max} 元',
      'standard S on the event date = {standard}; cap {multiple} × S = {cap}, case by case at most {max}',
    ],
  },
  'temporary.income': {
    title: ['收入条件（第1–2步）', 'Income test (steps 1–2)'],
    text: [
      '家庭月计算收入 {monthly} 元 × 12 = 年收入 I {annual} 元，{members} 人，人均月收入 p = {perCapita} 元 ≤ 上年人均可支配收入 {pcdi} 元 ÷ 12 = {limit} 元',
      'counted monthly income {monthly} × 12 = I {annual} for {members} members; per-capita monthly income p = {perCapita} ≤ PCDI {pcdi} ÷ 12 = {limit}',
    ],
    fail: [
      '家庭月计算收入 {monthly} 元 × 12 = 年收入 I {annual} 元，{members} 人，人均月收入 p = {perCapita} 元，高于上年人均可支配收入 {pcdi} 元 ÷ 12 = {limit} 元，不予救助',
      'counted monthly income {monthly} × 12 = I {annual} for {members} members; per-capita monthly income p = {perCapita} > PCDI {pcdi} ÷ 12 = {limit}: refused',
    ],
  },
  'temporary.spending': {
    title: ['必需支出（第3步）', 'Essential spending (step 3)'],
    text: [
      '本次事件扣除医保、医疗救助等后的自付必需支出 E = {spending} 元',
      'out-of-pocket essential spending of this event E = {spending}',
    ],
  },
  'temporary.threshold': {
    title: ['支出门槛（第4–5步）', 'Spending threshold (steps 4–5)'],
    text: [
      '门槛 T = {rate} × 年收入 {annual} 元 = {threshold} 元；支出 E {spending} 元 > T',
      'threshold T = {rate} × I {annual} = {threshold}; spending E {spending} > T',
    ],
    fail: [
      '支出未超过家庭收入的 20%：支出 E {spending} 元 ≤ 门槛 T = {rate} × {annual} 元 = {threshold} 元，不予救助',
      "spending does not exceed 20% of the household's income: E {spending} ≤ T = {rate} × {annual} = {threshold}: refused",
    ],
  },
  'temporary.thresholdZero': {
    title: ['支出门槛（第4–5步）', 'Spending threshold (steps 4–5)'],
    text: ['{tier}家庭门槛 T = 0；支出 E {spending} 元 > 0', '{tier} household: threshold T = 0; spending E {spending} > 0'],
    fail: [
      '{tier}家庭门槛 T = 0；支出 E {spending} 元未超过门槛，不予救助',
      '{tier} household: threshold T = 0; spending E {spending} ≤ 0: refused',
    ],
  },
  'temporary.rateInTier': {
    title: ['救助比例（第6步）', 'Rate (step 6)'],
    text: [
      '特困、低保、低保边缘家庭 r = {rate}（本户：{tier}）',
      'extremely poor, dibao and marginal households: r = {rate} (this household: {tier})',
    ],
  },
  'temporary.rateOther': {
    title: ['救助比例（第6步）', 'Rate (step 6)'],
    text: ['其他家庭 r = {rate}（本户：{tier}）', 'other households: r = {rate} (this household: {tier})'],
  },
  'temporary.amount': {
    title: ['救助金额（第7步）', 'Amount (step 7)'],
    text: [
      'A = (E {spending} − T {threshold}) × {rate} = {exact} 元，四舍五入到分 = {amount} 元',
      'A = (E {spending} − T {threshold}) × {rate} = {exact}, rounded half up to the fen = {amount}',
    ],
  },
  'temporary.cap': {
    title: ['上限（第8步）', 'Cap (step 8)'],
    text: ['A {amount} 元 ≤ {multiple} × S = {cap} 元', 'A {amount} ≤ {multiple} × S = {cap}'],
    fail: [
      'A {amount} 元 > {multiple} × S = {cap} 元，按上限 {cap} 元救助',
      'A {amount} > {multiple} × S = {cap}: the amount is the cap {cap}',
    ],
  },
  'temporary.caseByCase': {
    title: ['一事一议', 'Case-by-case decision'],
    text: [
      '{amount} 元超过上限 {cap} 元：经一事一议、两名不同的县级审核人员批准，可提高至最多 {max} 元',
      '{amount} is above the cap {cap}: a case-by-case decision approved by two different county managers may raise it up to {max}',
    ],
  },
  'temporary.requested': {
    title: ['申请金额', 'Amount asked'],
    text: ['急难型申请 {requested} 元，在 30 × S = {max} 元以内', 'emergency: {requested} asked, within 30 × S = {max}'],
    fail: ['急难型申请 {requested} 元超过 30 × S = {max} 元，不予救助', 'emergency: {requested} asked is above 30 × S = {max}: refused'],
  },
  'temporary.band': {
    title: ['审批权限', 'Who decides'],
    text: ['{amount} 元 ≤ {limit} 元：{band}', '{amount} ≤ {limit}: {band}'],
  },
  'temporary.bandCaseByCase': {
    title: ['审批权限', 'Who decides'],
    text: ['{amount} 元 > 10 × S（{cap} 元）：{band}，最高 {limit} 元', '{amount} > 10 × S ({cap}): {band}, at most {limit}'],
  },
  'temporary.noHousehold': {
    title: ['家庭', 'Household'],
    text: [
      '支出型救助须按家庭核算，流动人口仅可急难型救助',
      'expenditure assistance is computed on a household; a non-local person receives emergency assistance only',
    ],
  },
  'temporary.noMembers': {
    title: ['家庭人口', 'Members'],
    text: ['家庭无在家成员，无法核算', 'no present member: nothing to compute on'],
  },
  'temporary.sameReason': {
    title: ['同一事由', 'Same reason, same year'],
    text: [
      '{year} 年已因同一事由（{reason}）获临时救助（{earlier}），本次须一事一议',
      'already assisted for the same reason ({reason}) in {year} ({earlier}): this one needs a case-by-case decision',
    ],
  },
};

const BAND: Record<string, [string, string]> = {
  quick: ['小额快救，乡镇或县经办人员决定', 'small quick assistance, a township or county clerk decides'],
  township: ['乡镇（经授权）或县级审核人员决定', 'the township (when delegated) or a county manager decides'],
  county: ['县级审核人员决定', 'a county manager decides'],
  case_by_case: ['一事一议，两名不同的县级审核人员批准', 'case by case, two different county managers approve'],
};

const REASON_CODE: Record<string, [string, string]> = {
  fire: ['火灾', 'fire'],
  disaster: ['自然灾害', 'natural disaster'],
  accident: ['意外事故', 'accident'],
  sudden_illness: ['突发疾病', 'sudden illness'],
  other_emergency: ['其他急难', 'other emergency'],
  medical: ['医疗', 'medical'],
  education: ['教育', 'education'],
  other_essential: ['其他必需支出', 'other essential spending'],
};

const i = (lang: Lang) => (lang === 'zh' ? 0 : 1);

/** A figure in the reader's language: tiers, bands and reason codes are words; the rest is written as it is. */
function figure(key: string, value: string, lang: Lang): string {
  if (key === 'tier') return TIER_LABEL[value]?.[lang] ?? value;
  if (key === 'band') return BAND[value]?.[i(lang)] ?? value;
  if (key === 'reason') return REASON_CODE[value]?.[i(lang)] ?? value;
  return value;
}

/** `[temporary.income] 收入条件（第1–2步）：…` */
export function renderTemporaryReason(r: TemporaryReasonData, lang: Lang): string {
  const t = TEXTS[r.rule];
  if (!t) return `[${r.rule}] ${JSON.stringify(r.figures)}`;
  const template = (r.pass === false && t.fail ? t.fail : t.text)[i(lang)];
  const body = template.replace(/\{(\w+)\}/g, (_, k: string) => (r.figures[k] !== undefined ? figure(k, r.figures[k], lang) : `{${k}}`));
  return `[${r.rule}] ${t.title[i(lang)]}${lang === 'zh' ? '：' : ': '}${body}`;
}

export const REASON_LABEL = REASON_CODE;
export const BAND_LABEL = BAND;
export const TEMPORARY_REASON_RULES = Object.keys(TEXTS);
