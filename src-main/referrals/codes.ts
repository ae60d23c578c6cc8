/** Codes of the closed loop: kinds of assistance, responsible departments, legal bases, words. */

export const ASSISTANCES = ['medical', 'education', 'housing', 'employment', 'temporary', 'charity'] as const;
export type AssistanceCode = (typeof ASSISTANCES)[number];

export const DEPARTMENTS = ['medical_insurance', 'education', 'housing', 'hrss', 'civil_affairs', 'charity'] as const;
export type DepartmentCode = (typeof DEPARTMENTS)[number];

export const REFERRAL_STATUSES = ['drafted', 'pushed', 'acknowledged', 'completed', 'declined'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const OPEN_STATUSES: readonly ReferralStatus[] = ['drafted', 'pushed', 'acknowledged'];

export const RESULTS = ['assisted', 'declined', 'not_eligible'] as const;
export type ReferralResult = (typeof RESULTS)[number];

/** §5: the department that serves each kind of assistance. */
export const DEPARTMENT_OF: Record<AssistanceCode, DepartmentCode> = {
  medical: 'medical_insurance',
  education: 'education',
  housing: 'housing',
  employment: 'hrss',
  temporary: 'civil_affairs',
  charity: 'charity',
};

export const DEPARTMENT_ZH: Record<string, string> = {
  medical_insurance: '医疗保障局',
  education: '教育局',
  housing: '住房和城乡建设局',
  hrss: '人力资源和社会保障局',
  civil_affairs: '民政局（临时救助）',
  charity: '慈善组织',
};
export const DEPARTMENT_EN: Record<string, string> = {
  medical_insurance: 'medical insurance',
  education: 'education',
  housing: 'housing and construction',
  hrss: 'HR & social security',
  civil_affairs: 'civil affairs (temporary assistance)',
  charity: 'charity',
};

export const ASSISTANCE_ZH: Record<string, string> = {
  medical: '医疗救助',
  education: '教育救助',
  housing: '住房救助',
  employment: '就业救助',
  temporary: '临时救助',
  charity: '慈善帮扶',
};

/** Legal basis per kind of assistance (chapters of 《社会救助暂行办法》, 2014). */
export const BASIS_ZH: Record<string, string> = {
  medical: '《社会救助暂行办法》第五章 医疗救助',
  education: '《社会救助暂行办法》第六章 教育救助',
  housing: '《社会救助暂行办法》第七章 住房救助',
  employment: '《社会救助暂行办法》第八章 就业救助',
  temporary: '《社会救助暂行办法》第九章 临时救助',
  charity: '《社会救助暂行办法》第十章 社会力量参与',
  dibao: '《社会救助暂行办法》第二章 最低生活保障',
  tekun: '《社会救助暂行办法》第三章 特困人员供养',
};

export const STATUS_ZH: Record<string, string> = {
  drafted: '已起草',
  pushed: '已推送',
  acknowledged: '已签收',
  completed: '已办结',
  declined: '未予救助',
  escalated: '逾期上报',
};

export const RESULT_ZH: Record<string, string> = { assisted: '已救助', declined: '拒绝', not_eligible: '不符合条件' };

/** Calendar days a department has to answer a pushed referral before it escalates to the manager. */
export const REFERRAL_DUE_DAYS = 20;

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
