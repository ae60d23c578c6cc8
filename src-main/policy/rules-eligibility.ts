/** Rule texts of eligibility: the household and tier order, income, assets and 特困 (docs/rules/assistance.md §1–3, §10). */
import { and, COUNTY, DB, MR, PRODUCT, SA, t, TK, type RuleDefinition } from './rule-basis';

export const ELIGIBILITY_RULES = [
  // household and tier order
  {
    id: 'household.noPresentMembers',
    title: t('家庭成员', 'Household members'),
    basis: DB,
    params: [],
    text: t('没有在家的共同生活家庭成员', 'no present household member'),
  },
  {
    id: 'tier.higher',
    title: t('认定顺序', 'Tier order'),
    basis: PRODUCT,
    params: [],
    text: t('已认定为更高档次：{tier}', 'a higher tier already holds: {tier}'),
  },
  {
    id: 'tier.allTekun',
    title: t('认定顺序', 'Tier order'),
    basis: PRODUCT,
    params: [],
    text: t('全部 {members} 名在家成员均为特困人员', 'all {members} present members are extremely poor persons'),
  },

  // income (§2.1–2.3, §10.3)
  {
    id: 'income.counted',
    title: t('家庭收入', 'Household income'),
    basis: and(DB, PRODUCT),
    params: ['income.employmentDisregard'],
    text: t(
      '{members} 人计算收入 {countedFen}（合计 {grossFen}，扣减 {disregardFen}）',
      'counted income of {members} members {countedFen} (gross {grossFen}, disregard {disregardFen})',
    ),
  },
  {
    id: 'income.excluded',
    title: t('不计入收入', 'Income excluded'),
    basis: DB,
    params: [],
    text: t('{idNumber} 的{type} {amountFen} 不计入家庭收入', '{type} of {idNumber}, {amountFen}, is not counted'),
  },
  {
    id: 'income.disregard',
    title: t('就业成本扣减', 'Employment-cost disregard'),
    basis: and(DB, COUNTY),
    params: ['income.employmentDisregard'],
    text: t(
      '工资和经营收入 {earnedFen} 扣减 {disregardRate}，即 {disregardFen}',
      'wage and business income {earnedFen} less {disregardRate}: {disregardFen}',
    ),
  },

  // assets (§2.4)
  {
    id: 'asset.vehicle',
    title: t('机动车辆', 'Motor vehicle'),
    basis: and(DB, COUNTY),
    params: [],
    text: t('拥有{kind}', 'owns a {kind}'),
    failText: t('拥有{kind}，不符合财产条件', 'owns a {kind}: over the asset limits'),
  },
  {
    id: 'asset.vehicle.commercialLivelihood',
    title: t('机动车辆（例外）', 'Motor vehicle (exception)'),
    basis: and(DB, COUNTY),
    params: [],
    text: t('作为唯一生计的小型营运车辆，不视为超标', 'a small commercial vehicle that is the only livelihood passes'),
  },
  {
    id: 'asset.vehicle.disabilityMobility',
    title: t('机动车辆（例外）', 'Motor vehicle (exception)'),
    basis: and(DB, COUNTY),
    params: [],
    text: t('残疾人功能性代步车辆，不视为超标', "a disabled person's mobility vehicle passes"),
  },
  {
    id: 'asset.vehicle.ignored',
    title: t('机动车辆（例外）', 'Motor vehicle (exception)'),
    basis: and(DB, COUNTY),
    params: [],
    text: t('{kind}不计入车辆', 'a {kind} does not count as a car'),
  },
  {
    id: 'asset.machinery',
    title: t('大型农机或营运船舶', 'Large machinery or vessel'),
    basis: and(DB, COUNTY),
    params: [],
    text: t('拥有大型农机具或营运船舶', 'owns large agricultural machinery or a commercial vessel'),
    failText: t(
      '拥有大型农机具或营运船舶，不符合财产条件',
      'owns large agricultural machinery or a commercial vessel: over the asset limits',
    ),
  },
  {
    id: 'asset.business',
    title: t('经营主体', 'Business'),
    basis: and(DB, COUNTY),
    params: [],
    text: t('{role}（经营中：{operating}，雇员 {employees} 人）', '{role} (operating: {operating}, {employees} employees)'),
    failText: t(
      '{role}（经营中：{operating}，雇员 {employees} 人），不符合财产条件',
      '{role} (operating: {operating}, {employees} employees): over the asset limits',
    ),
  },
  {
    id: 'asset.business.soleProprietor',
    title: t('经营主体（个体户）', 'Business (sole proprietor)'),
    basis: and(DB, COUNTY),
    params: [],
    text: t('无雇员的个体工商户，暂予通过，需人工复核', 'sole proprietor without employees passes; needs review'),
  },
  {
    id: 'asset.homes',
    title: t('住房', 'Homes'),
    basis: and(DB, COUNTY),
    params: ['housing.floorStandard', 'assets.homes.count', 'assets.homes.areaMultiplier'],
    text: t(
      '{homes} 套住房，人均 {perCapitaArea} ㎡ ≤ {limitArea} ㎡（{multiplier} × {standardArea} ㎡），或不足 {minHomes} 套',
      '{homes} homes, {perCapitaArea} m² per person ≤ {limitArea} m² ({multiplier} × {standardArea} m²) or fewer than {minHomes} homes',
    ),
    failText: t(
      '{homes} 套住房（≥ {minHomes} 套）且人均 {perCapitaArea} ㎡ > {limitArea} ㎡（{multiplier} × {standardArea} ㎡）',
      '{homes} homes (≥ {minHomes}) and {perCapitaArea} m² per person > {limitArea} m² ({multiplier} × {standardArea} m²)',
    ),
  },
  {
    id: 'asset.homes.resettlement',
    title: t('住房（拆迁安置）', 'Homes (resettlement)'),
    basis: and(DB, COUNTY),
    params: ['housing.floorStandard', 'assets.homes.resettlementCount', 'assets.homes.resettlementAreaMultiplier'],
    text: t(
      '含拆迁安置房：{homes} 套，人均 {perCapitaArea} ㎡ ≤ {limitArea} ㎡（{multiplier} × {standardArea} ㎡），或不足 {minHomes} 套',
      'resettlement: {homes} homes, {perCapitaArea} m² per person ≤ {limitArea} m² ({multiplier} × {standardArea} m²) or fewer than {minHomes} homes',
    ),
    failText: t(
      '含拆迁安置房：{homes} 套（≥ {minHomes} 套）且人均 {perCapitaArea} ㎡ > {limitArea} ㎡（{multiplier} × {standardArea} ㎡）',
      'resettlement: {homes} homes (≥ {minHomes}) and {perCapitaArea} m² per person > {limitArea} m² ({multiplier} × {standardArea} m²)',
    ),
  },
  {
    id: 'asset.recentPurchase',
    title: t('近期购建房', 'Recent purchase'),
    basis: and(DB, COUNTY),
    params: [],
    text: t(
      '申请前一年内或享受期间购买商品房或非危房改造建房',
      'bought commercial housing or built (not replacing a dangerous house) within a year or while receiving benefits',
    ),
  },
  {
    id: 'asset.financial',
    title: t('金融资产', 'Financial assets'),
    basis: and(DB, COUNTY),
    params: ['assets.financial.months', 'dibao.standard'],
    text: t(
      '金融资产 {financialFen} ≤ {limitFen}（{months} 个月 × 标准 {standardFen} × {members} 人）',
      'financial assets {financialFen} ≤ {limitFen} ({months} months × standard {standardFen} × {members} members)',
    ),
    failText: t(
      '金融资产 {financialFen} > {limitFen}（{months} 个月 × 标准 {standardFen} × {members} 人）',
      'financial assets {financialFen} > {limitFen} ({months} months × standard {standardFen} × {members} members)',
    ),
  },
  {
    id: 'asset.financial.rigid',
    title: t('金融资产（刚性支出）', 'Financial assets (rigid expenditure)'),
    basis: and(MR, COUNTY),
    params: ['assets.financial.rigidMonths', 'dibao.standard'],
    text: t(
      '金融资产 {financialFen} ≤ {limitFen}（{months} 个月 × 标准 {standardFen} × {members} 人）',
      'financial assets {financialFen} ≤ {limitFen} ({months} months × standard {standardFen} × {members} members)',
    ),
    failText: t(
      '金融资产 {financialFen} > {limitFen}（{months} 个月 × 标准 {standardFen} × {members} 人）',
      'financial assets {financialFen} > {limitFen} ({months} months × standard {standardFen} × {members} members)',
    ),
  },

  // 特困 (§1.1, §3.3, §10.5–6)
  {
    id: 'tekun.capacity',
    title: t('特困：无劳动能力', 'Extremely poor: no capacity to work'),
    basis: and(SA('第十四条'), TK),
    params: ['age.elderly', 'age.adult'],
    text: t('{idNumber}（{age} 岁）无劳动能力：{why}', '{idNumber} (aged {age}) has no capacity to work: {why}'),
    failText: t('{idNumber}（{age} 岁）不属于无劳动能力', '{idNumber} (aged {age}) is not without capacity to work'),
  },
  {
    id: 'tekun.living',
    title: t('特困：无生活来源', 'Extremely poor: no source of living'),
    basis: and(SA('第十四条'), TK),
    params: ['dibao.standard', 'income.employmentDisregard'],
    text: t('{idNumber} 本人收入 {incomeFen} < 低保标准 {standardFen}', '{idNumber} own income {incomeFen} < standard {standardFen}'),
    failText: t('{idNumber} 本人收入 {incomeFen} ≥ 低保标准 {standardFen}', '{idNumber} own income {incomeFen} ≥ standard {standardFen}'),
  },
  {
    id: 'tekun.assets',
    title: t('特困：财产状况', 'Extremely poor: assets'),
    basis: and(TK, COUNTY),
    params: ['assets.financial.months'],
    text: t('{idNumber} 家庭财产符合特困条件', "{idNumber}: the household's assets are within the limits"),
    failText: t('{idNumber} 家庭财产有 {failed} 项超出规定', "{idNumber}: {failed} of the household's asset tests fail"),
  },
  {
    id: 'tekun.supporter.inside',
    title: t('特困：法定义务人（户内）', 'Extremely poor: supporter in the household'),
    basis: and(SA('第十四条'), and(TK, PRODUCT)),
    params: ['age.elderly', 'age.supporterOld', 'dibao.standard', 'income.lastYearPerCapita'],
    text: t('{idNumber} 的{relation} {supporter} 无履行义务能力：{why}', "{idNumber}'s {relation} {supporter} is unable to support: {why}"),
    failText: t('{idNumber} 的{relation} {supporter} 有履行义务能力', "{idNumber}'s {relation} {supporter} is able to support"),
  },
  {
    id: 'tekun.supporter.outside',
    title: t('特困：法定义务人（户外）', 'Extremely poor: supporter outside the household'),
    basis: and(SA('第十四条'), and(TK, PRODUCT)),
    params: ['age.elderly', 'age.supporterOld', 'income.lastYearPerCapita'],
    text: t(
      '{idNumber} 的户外{relation} {supporter} 无履行义务能力：{why}',
      "{idNumber}'s {relation} outside the household, {supporter}, is unable to support: {why}",
    ),
    failText: t(
      '{idNumber} 的户外{relation} {supporter} 有履行义务能力',
      "{idNumber}'s {relation} outside the household, {supporter}, is able to support",
    ),
  },
  {
    id: 'tekun.supporter',
    title: t('特困：无法定义务人或义务人无能力', 'Extremely poor: no able legal supporter'),
    basis: and(SA('第十四条'), TK),
    params: [],
    text: t('{idNumber} 无有履行能力的法定义务人', '{idNumber} has no able legal supporter'),
    failText: t('{idNumber} 有 {able} 名有履行能力的法定义务人', '{idNumber} has {able} able legal supporter(s)'),
  },
  {
    id: 'tekun.support',
    title: t('特困：基本生活标准', 'Extremely poor: basic living'),
    basis: and(SA('第十五条'), COUNTY),
    params: ['tekun.basicMultiplier', 'dibao.standard'],
    text: t(
      '{idNumber} 基本生活 {basicFen}（{multiplier} × 标准 {standardFen}）',
      '{idNumber} basic living {basicFen} ({multiplier} × standard {standardFen})',
    ),
  },
  {
    id: 'tekun.care',
    title: t('特困：照料护理补贴', 'Extremely poor: care subsidy'),
    basis: and(SA('第十五条'), COUNTY),
    params: ['tekun.care.selfCare', 'tekun.care.partialCare', 'tekun.care.fullCare'],
    text: t(
      '{idNumber} {unmanaged} 项日常活动不能自理：{level}，护理补贴 {subsidyFen}',
      '{idNumber} cannot manage {unmanaged} daily activities: {level}, care subsidy {subsidyFen}',
    ),
  },
] as const satisfies readonly RuleDefinition[];
