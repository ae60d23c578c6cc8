/**
 * Every action and record kind the audit log may hold (docs/security.md "Audit"), with its words in
 * both languages: the writers are typed by these lists, so a new action cannot reach the log without
 * a word for the Settings screen, which shows them to managers and auditors, never the raw code.
 */
import type { Bilingual } from './errors';
import type { ReportKind } from './codes';

export const AUDIT_ACTION_LABEL = {
  // Records
  create: { zh: '新建', en: 'created' },
  update: { zh: '修改', en: 'edited' },
  add: { zh: '新增', en: 'added' },
  set: { zh: '设定', en: 'set' },
  supersede: { zh: '更正', en: 'corrected' },
  cancel: { zh: '撤销', en: 'cancelled' },
  close: { zh: '办结', en: 'closed' },
  import: { zh: '导入', en: 'imported' },
  bulk_load: { zh: '批量载入', en: 'bulk load' },
  seed: { zh: '演示数据', en: 'demo data' },
  activate: { zh: '启用', en: 'activated' },
  deactivate: { zh: '停用', en: 'deactivated' },
  save_mapping: { zh: '保存字段对应', en: 'field mapping saved' },
  // Reads and exports (one row per call)
  read: { zh: '查看', en: 'viewed' },
  export: { zh: '导出', en: 'exported' },
  print: { zh: '打印', en: 'printed' },
  // Sign-in and accounts
  setup: { zh: '初始设置', en: 'set up' },
  login: { zh: '登录', en: 'signed in' },
  logout: { zh: '退出', en: 'signed out' },
  login_failed: { zh: '登录失败', en: 'sign-in failed' },
  login_refused: { zh: '拒绝登录', en: 'sign-in refused' },
  unlock: { zh: '解锁', en: 'unlocked' },
  unlock_failed: { zh: '解锁失败', en: 'unlock failed' },
  password_change_failed: { zh: '修改密码失败', en: 'password change failed' },
  account_locked: { zh: '账号锁定', en: 'account locked' },
  password_change: { zh: '修改密码', en: 'password changed' },
  // Two-person requests
  request: { zh: '提出申请', en: 'asked' },
  approve: { zh: '批准', en: 'approved' },
  reject: { zh: '驳回', en: 'rejected' },
  confirm: { zh: '确认', en: 'confirmed' },
  refuse: { zh: '不予批准', en: 'refused' },
  request_confirmed: { zh: '申请已确认', en: 'request confirmed' },
  request_refused: { zh: '申请被驳回', en: 'request refused' },
  request_withdrawn: { zh: '申请已撤回', en: 'request withdrawn' },
  deny: { zh: '拒绝', en: 'denied' },
  request_refused_to_decide: { zh: '不得由本人确认', en: 'may not decide own request' },
  // Determinations, reviews, scans, scenarios
  propose: { zh: '提出认定', en: 'proposed' },
  review: { zh: '复核', en: 'reviewed' },
  scan: { zh: '主动发现', en: 'proactive scan' },
  run: { zh: '测算', en: 'run' },
  // Warnings, visits, referrals
  assign: { zh: '分派', en: 'assigned' },
  visit: { zh: '入户调查', en: 'home visit' },
  check: { zh: '核查', en: 'check' },
  escalate: { zh: '逾期上报', en: 'escalated' },
  push: { zh: '推送', en: 'pushed' },
  acknowledge: { zh: '部门签收', en: 'acknowledged' },
  result: { zh: '部门反馈', en: 'department result' },
  feedback: { zh: '导入反馈', en: 'feedback imported' },
  record: { zh: '登记', en: 'recorded' },
  // The procedure's stages (docs/rules/procedure.md)
  investigation_started: { zh: '开始调查', en: 'investigation started' },
  home_visit: { zh: '入户调查', en: 'home visit' },
  investigated: { zh: '调查完成', en: 'investigated' },
  check_started: { zh: '开始审核', en: 'check started' },
  publicity: { zh: '公示', en: 'publicity' },
  objection: { zh: '异议', en: 'objection' },
  appraisal: { zh: '民主评议', en: 'appraisal' },
  extended: { zh: '延长时限', en: 'time limit extended' },
  decided: { zh: '审批', en: 'decided' },
  refused: { zh: '不予批准', en: 'refused' },
  withdrawn: { zh: '撤回申请', en: 'withdrawn' },
  draw: { zh: '抽查抽样', en: 'sample drawn' },
  revisit: { zh: '抽查复访', en: 're-visit' },
  // Payments, temporary assistance, services, recovery
  pay: { zh: '发放', en: 'paid' },
  adjust: { zh: '调整', en: 'adjusted' },
  top_up: { zh: '补充备用金', en: 'fund topped up' },
  paperwork: { zh: '补齐手续', en: 'paperwork completed' },
  assess: { zh: '需求评估', en: 'needs assessed' },
  plan: { zh: '服务计划', en: 'service plan' },
  contract: { zh: '购买服务合同', en: 'contract' },
  rate: { zh: '满意度评价', en: 'satisfaction rated' },
  price: { zh: '调整价格', en: 'price set' },
  withdraw: { zh: '停用服务项目', en: 'service withdrawn' },
  record_fact: { zh: '登记事实', en: 'fact recorded' },
  recovery_open: { zh: '立案追回', en: 'recovery opened' },
  recovery_repay: { zh: '退回款项', en: 'repaid' },
  recovery_deduct: { zh: '抵扣', en: 'deducted' },
  recovery_waive: { zh: '核销', en: 'waived' },
  recovery_extend: { zh: '延期', en: 'extended' },
  // The store and the workstations
  backup: { zh: '备份', en: 'backup' },
  restore: { zh: '恢复', en: 'restored' },
  encrypt: { zh: '加密数据库', en: 'database encrypted' },
  recovery_sheet: { zh: '恢复密钥单', en: 'recovery sheet' },
  station_setup: { zh: '工作站初始化', en: 'station set up' },
  station_enrol: { zh: '登记工作站', en: 'station enrolled' },
  station_join: { zh: '加入县级登记库', en: 'joined the county' },
  station_export: { zh: '导出交换包', en: 'package exported' },
  station_import: { zh: '导入交换包', en: 'package imported' },
  station_apply: { zh: '应用交换记录', en: 'package applied' },
  station_create: { zh: '交换新建', en: 'created from a package' },
  station_update: { zh: '交换更新', en: 'updated from a package' },
  resolve_conflict: { zh: '处理冲突', en: 'conflict resolved' },
} as const satisfies Record<string, Bilingual>;

export type AuditAction = keyof typeof AUDIT_ACTION_LABEL;

export const AUDIT_ENTITY_LABEL = {
  household: { zh: '家庭', en: 'household' },
  households: { zh: '家庭名单', en: 'households' },
  determinations: { zh: '待审批认定', en: 'proposals awaiting approval' },
  office: { zh: '单位', en: 'office' },
  user: { zh: '账号', en: 'account' },
  session: { zh: '登录', en: 'session' },
  request: { zh: '申请', en: 'request' },
  parameter: { zh: '参数', en: 'parameter' },
  parameters: { zh: '参数', en: 'parameters' },
  method: { zh: '功能', en: 'function' },
  database: { zh: '数据库', en: 'database' },
  package: { zh: '交换包', en: 'package' },
  work_calendar: { zh: '工作日历', en: 'working-day calendar' },
  warning: { zh: '预警', en: 'warning' },
  referral: { zh: '需求转介', en: 'referral' },
  verification_request: { zh: '核对请求', en: 'verification request' },
  exchange_import: { zh: '部门数据导入', en: 'department import' },
  exchange_mapping: { zh: '字段对应', en: 'field mapping' },
  report: { zh: '报表', en: 'report' },
  roster: { zh: '发放名册', en: 'roster' },
  payment_month: { zh: '发放月份', en: 'payment month' },
  scan: { zh: '主动发现', en: 'scan' },
  scenario: { zh: '政策测算', en: 'scenario' },
  case: { zh: '申请', en: 'application' },
  case_delegation: { zh: '审批权委托', en: 'delegation' },
  spot_check: { zh: '抽查', en: 'spot check' },
  charity_organisation: { zh: '慈善组织', en: 'charity' },
  charity_programme: { zh: '慈善项目', en: 'charity programme' },
  temporary_case: { zh: '临时救助', en: 'temporary assistance' },
  temporary_paperwork: { zh: '临时救助手续', en: 'temporary-assistance paperwork' },
  temporary_parameter: { zh: '临时救助参数', en: 'temporary-assistance parameter' },
  standby_fund: { zh: '备用金', en: 'standby fund' },
  service_catalogue: { zh: '服务目录', en: 'service catalogue' },
  service_provider: { zh: '服务机构', en: 'service provider' },
  service_record: { zh: '服务记录', en: 'service record' },
  station: { zh: '工作站', en: 'station' },
  station_conflict: { zh: '交换冲突', en: 'conflict' },
  demo_history: { zh: '演示历史', en: 'demo history' },
  demo_services: { zh: '演示服务', en: 'demo services' },
} as const satisfies Record<string, Bilingual>;

export type AuditEntity = keyof typeof AUDIT_ENTITY_LABEL;

/** The printed forms a `report` row names by its kind. */
export const REPORT_KIND_LABEL: Readonly<Record<ReportKind, Bilingual>> = {
  roster: { zh: '发放花名册', en: 'monthly roster' },
  changes: { zh: '变动情况表', en: 'changes' },
  publicity: { zh: '公示名单', en: 'publicity list' },
  chain: { zh: '一户一救助链', en: 'assistance chain' },
  warnings: { zh: '预警与核查情况表', en: 'warnings and checks' },
  temporary_ledger: { zh: '临时救助台账', en: 'temporary-assistance ledger' },
  temporary_publicity: { zh: '临时救助公示名单', en: 'temporary-assistance publicity list' },
  services: { zh: '服务类救助月报', en: 'services monthly report' },
  services_ledger: { zh: '服务台账', en: 'services ledger' },
  recovery: { zh: '追回台账', en: 'recovery ledger' },
  recovery_notice: { zh: '追回告知书', en: 'recovery notice' },
};

/** A stored row's words: a code the lists do not know (a row older than a rename) is shown as it was written. */
export function auditActionLabel(action: string, lang: 'zh' | 'en'): string {
  return (AUDIT_ACTION_LABEL as Record<string, Bilingual>)[action]?.[lang] ?? action;
}
export function auditEntityLabel(entity: string, lang: 'zh' | 'en'): string {
  return (AUDIT_ENTITY_LABEL as Record<string, Bilingual>)[entity]?.[lang] ?? entity;
}
/** A row's record: its kind, and its number — or, for a printed form, the form's name. */
export function auditRecordLabel(entity: string, entityId: string | null, lang: 'zh' | 'en'): string {
  const kind = auditEntityLabel(entity, lang);
  if (entityId === null) return kind;
  const form = entity === 'report' ? (REPORT_KIND_LABEL as Record<string, Bilingual>)[entityId]?.[lang] : undefined;
  return form ? `${kind}：${form}`.replace('：', lang === 'en' ? ': ' : '：') : `${kind} #${entityId}`;
}

/** A code inside an English audit summary, in words (`home_visit` → `home visit`): summaries are read by people. */
export const codeWords = (code: string): string => code.replaceAll('_', ' ');

/** Who wrote a row when no person did: the app itself, the command line, a sign-in with an unknown name. */
export function auditWhoLabel(username: string, lang: 'zh' | 'en'): string {
  if (username === 'system') return lang === 'zh' ? '系统' : 'the system';
  if (username === 'cli' || username.startsWith('cli:')) return lang === 'zh' ? '命令行' : 'command line';
  if (username === 'unknown user') return lang === 'zh' ? '未知用户' : 'unknown user';
  return username;
}
