/**
 * Words and legal bases of the closed loop (docs/rules/assistance.md §5, §7), in the office's
 * language, for the chain, the push lists and the printed forms. The code lists themselves
 * (kinds of assistance, departments, statuses, results): src-main/common/codes.ts.
 */
import type { AssistanceCode, DepartmentCode, ReferralResult, ReferralStatus } from '../common/codes';

// demo/history.ts reads it from here.
export { DEPARTMENT_OF } from '../common/codes';

// Looked up by any code a record holds (a chain entry's department, say), hence string keys; every code has its word.
export const DEPARTMENT_ZH: Readonly<Record<string, string>> = {
  medical_insurance: '医疗保障局',
  education: '教育局',
  housing: '住房和城乡建设局',
  hrss: '人力资源和社会保障局',
  // The bureau itself: it pays dibao and 特困 too, so its name does not say 临时救助 (docs/rules/assistance.md §7).
  civil_affairs: '民政局',
  charity: '慈善组织',
} satisfies Record<DepartmentCode, string>;

export const ASSISTANCE_ZH: Readonly<Record<string, string>> = {
  medical: '医疗救助',
  education: '教育救助',
  housing: '住房救助',
  employment: '就业救助',
  temporary: '临时救助',
  charity: '慈善帮扶',
} satisfies Record<AssistanceCode, string>;

/** Legal basis per kind of assistance (chapters of 《社会救助暂行办法》, 2014), and of the dibao and 特困 cash benefits. */
export const BASIS_ZH: Readonly<Record<string, string>> = {
  medical: '《社会救助暂行办法》第五章 医疗救助',
  education: '《社会救助暂行办法》第六章 教育救助',
  housing: '《社会救助暂行办法》第七章 住房救助',
  employment: '《社会救助暂行办法》第八章 就业救助',
  temporary: '《社会救助暂行办法》第九章 临时救助',
  charity: '《社会救助暂行办法》第十章 社会力量参与',
  dibao: '《社会救助暂行办法》第二章 最低生活保障',
  tekun: '《社会救助暂行办法》第三章 特困人员供养',
} satisfies Record<AssistanceCode, string> & Record<string, string>;

/** A referral's statuses, and `escalated` (an event of its history, not a status). */
export const STATUS_ZH: Readonly<Record<string, string>> = {
  drafted: '已起草',
  pushed: '已推送',
  acknowledged: '已签收',
  completed: '已办结',
  declined: '未予救助',
  escalated: '逾期上报',
} satisfies Record<ReferralStatus | 'escalated', string>;

export const RESULT_ZH: Readonly<Record<string, string>> = {
  assisted: '已救助',
  declined: '拒绝',
  not_eligible: '不符合条件',
} satisfies Record<ReferralResult, string>;

/** Calendar days a department has to answer a pushed referral before it escalates to the manager. */
export const REFERRAL_DUE_DAYS = 20;

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const RESULT_EN: Readonly<Record<string, string>> = { assisted: 'assisted', declined: 'declined', not_eligible: 'not eligible' };

/**
 * A referral event's note in the reader's language. The office's own notes (a result as its code and the department's reason,
 * the due date, an escalation) are read into words; a note a person typed is shown as typed.
 */
export function eventNote(note: string | null, lang: 'zh' | 'en'): string | null {
  if (note === null) return null;
  const result = /^(assisted|declined|not_eligible)(?:: ([\s\S]*))?$/.exec(note);
  if (result) {
    const word = lang === 'en' ? RESULT_EN[result[1]] : RESULT_ZH[result[1]];
    return result[2] ? `${word}${lang === 'en' ? ': ' : '：'}${result[2]}` : word;
  }
  const due = /^答复期限 (\d{4}-\d{2}-\d{2})$/.exec(note);
  if (due) return lang === 'en' ? `answer due by ${due[1]}` : note;
  const late = /^超过答复期限 (\d{4}-\d{2}-\d{2})，已上报审核人员$/.exec(note);
  if (late) return lang === 'en' ? `no answer by ${late[1]}: reported to the manager` : note;
  return note;
}
