/** Rule texts of the benefit: 低保, marginal and rigid, money and management, entitlements (docs/rules/assistance.md §1–5, §10). */
import { and, COUNTY, DB, MR, PRODUCT, SA, t, type Bilingual, type RuleDefinition } from './rule-basis';

// Every sum with its parts (issue 21): the 12-month spending and income the rigid-expenditure ratios compare.
const RIGID_SPENT = t(
  '12个月刚性支出 {expenditureFen}（基本生活 {basicLivingFen} = 低保标准 {standardFen} × {members} 人 × 12 个月，' +
    '+ 医疗和意外 {medicalFen} + 教育 {educationFen} + 康复 {rehabilitationFen}）',
  '12-month rigid expenditure {expenditureFen} (basic living {basicLivingFen} = standard {standardFen} × {members} members × 12 months, ' +
    '+ medical and accident {medicalFen} + education {educationFen} + rehabilitation {rehabilitationFen})',
);
const MEDICAL_SPENT = t(
  '12个月医疗和意外支出 {medicalFen}（自付医疗 {outOfPocketFen} + 就医交通 {travelFen} + 意外 {accidentFen} − 已获救助 {receivedFen}）',
  '12-month medical and accident costs {medicalFen} (out-of-pocket {outOfPocketFen} + travel for treatment {travelFen} + ' +
    'accident {accidentFen} − assistance received {receivedFen})',
);
const BY_INCOME = t(
  '÷ 12个月收入 {annualIncomeFen}（月收入 {incomeFen} × 12）= {ratioRate}',
  '÷ 12-month income {annualIncomeFen} (monthly {incomeFen} × 12) = {ratioRate}',
);
const ratioText = (spent: Bilingual, op: '>' | '≤'): Bilingual => ({
  zh: `${spent.zh}${BY_INCOME.zh} ${op} {thresholdRate}`,
  en: `${spent.en} ${BY_INCOME.en} ${op} {thresholdRate}`,
});

export const BENEFIT_RULES = [
  // 低保 (§1.2, §3.1–3.2, §10.4, §10.12)
  {
    id: 'dibao.income',
    title: t('低保：收入条件', 'Dibao: income test'),
    basis: and(SA('第九条'), DB),
    params: ['dibao.standard'],
    text: t(
      '人均收入 {perCapitaFen} < 低保标准 {standardFen}（{members} 人合计 {incomeFen} < {limitFen}）',
      'per-capita income {perCapitaFen} < standard {standardFen} (total {incomeFen} < {limitFen} for {members} members)',
    ),
    failText: t(
      '人均收入 {perCapitaFen} ≥ 低保标准 {standardFen}（{members} 人合计 {incomeFen} ≥ {limitFen}）',
      'per-capita income {perCapitaFen} ≥ standard {standardFen} (total {incomeFen} ≥ {limitFen} for {members} members)',
    ),
  },
  {
    id: 'dibao.assets',
    title: t('低保：财产条件', 'Dibao: assets'),
    basis: and(SA('第九条'), DB),
    params: ['assets.financial.months'],
    text: t('家庭财产符合规定', 'assets within the limits'),
    failText: t('家庭财产有 {failed} 项超出规定', '{failed} asset test(s) fail'),
  },
  {
    id: 'dibao.gap',
    title: t('低保：差额补助', 'Dibao: top-up'),
    basis: and(DB, COUNTY),
    params: ['dibao.standard', 'benefit.mode'],
    text: t(
      '差额 {gapFen} = 标准 {standardFen} × {members} 人 − 收入 {incomeFen}',
      'gap {gapFen} = standard {standardFen} × {members} members − income {incomeFen}',
    ),
  },
  {
    id: 'dibao.addon',
    title: t('分类施保', 'Classified add-on'),
    basis: and(DB, COUNTY),
    params: ['addon.rate', 'addon.elderlyAge', 'dibao.standard'],
    text: t(
      '{idNumber}（{why}）分类施保 {addonFen}（标准的 {addonRate}）',
      '{idNumber} ({why}) classified add-on {addonFen} ({addonRate} of the standard)',
    ),
  },
  {
    id: 'single_person.inclusion',
    title: t('单人保（单独纳入）', 'Single-person inclusion'),
    basis: DB,
    params: ['dibao.standard', 'addon.rate'],
    text: t(
      '{idNumber}（{why}）本人收入 {incomeFen} < 标准 {standardFen}，单独纳入：{standardFen} − {incomeFen} + 分类施保 {addonFen} = {benefitFen}',
      '{idNumber} ({why}) own income {incomeFen} < standard {standardFen}, included alone: {standardFen} − {incomeFen} + add-on {addonFen} = {benefitFen}',
    ),
    failText: t(
      '{idNumber}（{why}）本人收入 {incomeFen} ≥ 标准 {standardFen}，不单独纳入',
      '{idNumber} ({why}) own income {incomeFen} ≥ standard {standardFen}: not included alone',
    ),
  },
  {
    id: 'gradual_exit',
    title: t('渐退期', 'Gradual exit'),
    basis: and(DB, COUNTY),
    params: ['gradualExit.taper'],
    text: t(
      '渐退期第 {month}/{months} 个月，按 {percent}% 发放原保障金 {lastBenefitFen}：{amountFen}',
      'gradual exit month {month} of {months}: {percent}% of the last benefit {lastBenefitFen} = {amountFen}',
    ),
    failText: t(
      '渐退期已满（第 {month} 个月 > {months} 个月），按新档次认定',
      'gradual exit over (month {month} > {months}): the new tier applies',
    ),
  },

  // marginal and rigid (§1.3–1.4, §10.9)
  {
    id: 'marginal.income',
    title: t('低保边缘：收入条件', 'Marginal: income test'),
    basis: MR,
    params: ['marginal.multiplier', 'dibao.standard'],
    text: t(
      '人均收入 {perCapitaFen} < {thresholdFen}（{multiplier} × 标准）（{members} 人合计 {incomeFen} < {limitFen}）',
      'per-capita income {perCapitaFen} < {thresholdFen} ({multiplier} × standard) (total {incomeFen} < {limitFen} for {members} members)',
    ),
    failText: t(
      '人均收入 {perCapitaFen} ≥ {thresholdFen}（{multiplier} × 标准）（{members} 人合计 {incomeFen} ≥ {limitFen}）',
      'per-capita income {perCapitaFen} ≥ {thresholdFen} ({multiplier} × standard) (total {incomeFen} ≥ {limitFen} for {members} members)',
    ),
  },
  {
    id: 'marginal.assets',
    title: t('低保边缘：财产条件', 'Marginal: assets'),
    basis: MR,
    params: ['assets.financial.months'],
    text: t('家庭财产符合规定', 'assets within the limits'),
    failText: t('家庭财产有 {failed} 项超出规定', '{failed} asset test(s) fail'),
  },
  {
    id: 'rigid.income',
    title: t('刚性支出：收入条件', 'Rigid expenditure: income test'),
    basis: MR,
    params: ['income.lastYearPerCapita'],
    text: t(
      '人均月收入 {perCapitaFen} < 上年人均可支配收入月均 {disposableFen}',
      "per-capita monthly income {perCapitaFen} < last year's per-capita disposable income per month {disposableFen}",
    ),
    failText: t(
      '人均月收入 {perCapitaFen} ≥ 上年人均可支配收入月均 {disposableFen}',
      "per-capita monthly income {perCapitaFen} ≥ last year's per-capita disposable income per month {disposableFen}",
    ),
  },
  {
    id: 'rigid.assets',
    title: t('刚性支出：财产条件', 'Rigid expenditure: assets'),
    basis: MR,
    params: ['assets.financial.rigidMonths'],
    text: t('家庭财产符合规定', 'assets within the limits'),
    failText: t('家庭财产有 {failed} 项超出规定', '{failed} asset test(s) fail'),
  },
  {
    id: 'rigid.ratio',
    title: t('刚性支出：支出占比', 'Rigid expenditure: share of income'),
    basis: and(MR, COUNTY),
    params: ['rigid.threshold', 'dibao.standard'],
    text: ratioText(RIGID_SPENT, '>'),
    failText: ratioText(RIGID_SPENT, '≤'),
  },
  {
    id: 'rigid.medicalRatio',
    title: t('刚性支出：医疗和意外支出占比', 'Rigid expenditure: medical and accident share'),
    basis: and(MR, COUNTY),
    params: ['rigid.medicalThreshold'],
    text: ratioText(MEDICAL_SPENT, '>'),
    failText: ratioText(MEDICAL_SPENT, '≤'),
  },

  // money and management
  {
    id: 'rounding',
    title: t('取整', 'Rounding'),
    basis: and(COUNTY, PRODUCT),
    params: ['benefit.rounding'],
    text: t(
      '月保障金合计 {unroundedFen} 按{mode}取整到元：{roundedFen}',
      'monthly total {unroundedFen} rounded {mode} to the yuan: {roundedFen}',
    ),
  },
  {
    id: 'review.class',
    title: t('分类管理', 'Review class'),
    basis: and(DB, COUNTY),
    params: ['age.adult', 'age.elderly'],
    text: t(
      '{class} 类：有劳动能力的劳动年龄成员 {able} 人，其中就业 {employed} 人',
      'class {class}: {able} able-bodied working-age member(s), {employed} employed',
    ),
  },

  // entitlements (§5)
  {
    id: 'entitlement.medical.premium',
    title: t('医疗救助：参保资助', 'Medical assistance: premium subsidy'),
    basis: SA(),
    params: [],
    text: t('{idNumber}（{tier}）参加城乡居民医保个人缴费资助', "{idNumber} ({tier}): subsidy of the residents' medical insurance premium"),
  },
  {
    id: 'entitlement.medical.outOfPocket',
    title: t('医疗救助：自付费用救助', 'Medical assistance: out-of-pocket cover'),
    basis: SA(),
    params: [],
    text: t('{idNumber}（{tier}）政策范围内自付费用救助（{why}）', '{idNumber} ({tier}): cover of out-of-pocket costs ({why})'),
  },
  {
    id: 'entitlement.education',
    title: t('教育救助', 'Education assistance'),
    basis: SA(),
    params: [],
    text: t('{idNumber}（{tier}）在读{schooling}，可享受教育救助', '{idNumber} ({tier}) enrolled in {schooling}: education assistance'),
  },
  {
    id: 'entitlement.housing.renovation',
    title: t('住房救助：危房改造', 'Housing assistance: renovation'),
    basis: SA(),
    params: [],
    text: t('住房为危房（{tier}），可申请危房改造', 'dangerous house ({tier}): dangerous-house renovation'),
  },
  {
    id: 'entitlement.housing.rental',
    title: t('住房救助：公租房或租赁补贴', 'Housing assistance: rental'),
    basis: SA(),
    params: [],
    text: t('住房{tenure}（{tier}），可申请公租房或租赁补贴', 'housing {tenure} ({tier}): public rental housing or rent subsidy'),
  },
  {
    id: 'entitlement.employment',
    title: t('就业救助', 'Employment assistance'),
    basis: SA(),
    params: ['age.adult', 'age.elderly'],
    text: t(
      '{idNumber}（{tier}）有劳动能力且失业，推送公益性岗位等就业救助',
      '{idNumber} ({tier}) able to work and unemployed: employment assistance',
    ),
  },
  {
    id: 'entitlement.temporary',
    title: t('临时救助', 'Temporary assistance'),
    basis: SA(),
    params: ['temporary.maxMultiple', 'dibao.standard'],
    text: t(
      '刚性支出困难家庭可申请临时救助，一般不超过 {maxFen}（{multiple} 个月标准）',
      'rigid-expenditure household: temporary assistance up to {maxFen} ({multiple} months of the standard)',
    ),
  },
  {
    // docs/rules/temporary-service-recovery.md §12.1
    id: 'entitlement.service_assessment',
    title: t('服务类社会救助：需求评估', 'Service assistance: needs assessment'),
    basis: SA(),
    params: [],
    text: t('{idNumber}（{tier}，{why}）建议开展服务需求评估', '{idNumber} ({tier}, {why}): a needs assessment for service assistance'),
  },
] as const satisfies readonly RuleDefinition[];
