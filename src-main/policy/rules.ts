/**
 * Every rule the engine evaluates, as data: its legal basis, the parameters it reads and the
 * sentence a reason renders to. The engine emits only `{rule, pass, figures}`; text is built
 * here on demand (render.ts), so a county scan never builds strings.
 *
 * Placeholders name figure keys. Key suffixes choose the format: `…Fen` money (640.00),
 * `…Rate` a percentage, `…Area` square metres; string figures that are codes are translated
 * through CODES.
 */
import type { ParameterId } from '../common/parameters';

export interface Bilingual {
  zh: string;
  en: string;
}

export interface RuleDefinition {
  id: string;
  title: Bilingual;
  basis: Bilingual;
  params: readonly ParameterId[];
  /** Rendered when the reason passes (or has no pass/fail). */
  text: Bilingual;
  /** Rendered when the reason fails; defaults to `text`. */
  failText?: Bilingual;
}

const SA = (article?: string): Bilingual => ({
  zh: `《社会救助暂行办法》${article ? article : ''}`,
  en: `Interim Measures for Social Assistance${article ? `, ${articleEn(article)}` : ''}`,
});
const DB: Bilingual = {
  zh: '《最低生活保障审核确认办法》（民发〔2021〕57号）',
  en: 'Measures for Reviewing and Confirming Minimum Living Security (MCA 2021 No. 57)',
};
const TK: Bilingual = {
  zh: '《特困人员认定办法》（民发〔2021〕43号）',
  en: 'Measures for Identifying Extremely Poor Persons (MCA 2021 No. 43)',
};
const MR: Bilingual = {
  zh: '《最低生活保障边缘家庭和刚性支出困难家庭认定办法》（2024）',
  en: 'Measures for Identifying Marginal and Rigid-Expenditure Hardship Households (2024)',
};
const COUNTY: Bilingual = { zh: '本县社会救助参数（县级规定）', en: 'county social-assistance parameters (local rule)' };
const PRODUCT: Bilingual = { zh: '本系统计算规则（ASSISTANCE-RULES §10）', en: 'engine evaluation rule (ASSISTANCE-RULES §10)' };
const and = (a: Bilingual, b: Bilingual): Bilingual => ({ zh: `${a.zh}；${b.zh}`, en: `${a.en}; ${b.en}` });

function articleEn(zh: string): string {
  const n: Record<string, string> = { 第九条: 'Article 9', 第十四条: 'Article 14', 第十五条: 'Article 15', 第十三条: 'Article 13' };
  return n[zh] ?? zh;
}

const t = (zh: string, en: string): Bilingual => ({ zh, en });

const defs = [
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
    text: t(
      '12个月刚性支出 {expenditureFen} ÷ 收入 {annualIncomeFen} = {ratioRate} > {thresholdRate}',
      '12-month rigid expenditure {expenditureFen} ÷ income {annualIncomeFen} = {ratioRate} > {thresholdRate}',
    ),
    failText: t(
      '12个月刚性支出 {expenditureFen} ÷ 收入 {annualIncomeFen} = {ratioRate} ≤ {thresholdRate}',
      '12-month rigid expenditure {expenditureFen} ÷ income {annualIncomeFen} = {ratioRate} ≤ {thresholdRate}',
    ),
  },
  {
    id: 'rigid.medicalRatio',
    title: t('刚性支出：医疗和意外支出占比', 'Rigid expenditure: medical and accident share'),
    basis: and(MR, COUNTY),
    params: ['rigid.medicalThreshold'],
    text: t(
      '12个月医疗和意外支出 {medicalFen} ÷ 收入 {annualIncomeFen} = {ratioRate} > {thresholdRate}',
      '12-month medical and accident costs {medicalFen} ÷ income {annualIncomeFen} = {ratioRate} > {thresholdRate}',
    ),
    failText: t(
      '12个月医疗和意外支出 {medicalFen} ÷ 收入 {annualIncomeFen} = {ratioRate} ≤ {thresholdRate}',
      '12-month medical and accident costs {medicalFen} ÷ income {annualIncomeFen} = {ratioRate} ≤ {thresholdRate}',
    ),
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
] as const satisfies readonly RuleDefinition[];

export type RuleId = (typeof defs)[number]['id'];

export const RULES: Readonly<Record<RuleId, RuleDefinition>> = Object.freeze(
  Object.fromEntries(defs.map((d) => [d.id, Object.freeze(d)])) as unknown as Record<RuleId, RuleDefinition>,
);
export const RULE_IDS: readonly RuleId[] = defs.map((d) => d.id);

/** Codes that appear as string figures, in the UX glossary's words. */
export const CODES: Readonly<Record<string, Bilingual>> = {
  tekun: t('特困人员', 'extremely poor person'),
  dibao: t('低保', 'dibao'),
  marginal: t('低保边缘家庭', 'marginal household'),
  rigid: t('刚性支出困难家庭', 'rigid-expenditure hardship household'),
  gradual_exit: t('渐退期', 'gradual exit'),
  single_person: t('单人保', 'single-person inclusion'),
  household: t('家庭', 'household'),
  // capacity / add-on / inclusion causes
  elderly: t('老年人', 'elderly'),
  minor: t('未成年人', 'minor'),
  severe: t('重度残疾', 'severely disabled'),
  critical: t('重病', 'critically ill'),
  disability: t('残疾', 'disability'),
  illness: t('患病', 'illness'),
  costs: t('有医疗费用', 'medical costs'),
  // supporter causes
  not_present: t('不在家（服刑、失踪、死亡等）', 'not present (prison, missing, deceased …)'),
  incapacitated: t('无民事行为能力', 'legally incapacitated'),
  status: t('状态非正常', 'status not present'),
  elderly_low_income: t('年满60周岁且收入低于低保标准', 'aged 60+ with income below the standard'),
  old_low_income: t('年满70周岁且收入低于上年人均可支配收入', "aged 70+ with income below last year's per-capita disposable income"),
  severe_low_income: t(
    '重度残疾且收入低于上年人均可支配收入',
    "severely disabled with income below last year's per-capita disposable income",
  ),
  no_capacity_no_income: t('本人无劳动能力且无收入', 'no capacity to work and no income'),
  tier_tekun: t('本人为特困人员', 'is an extremely poor person'),
  tier_dibao_elderly: t('年满60周岁的低保对象', 'dibao recipient aged 60+'),
  minor_child: t('未成年子女不负赡养义务', 'a minor child owes no support'),
  able: t('有履行能力', 'able'),
  // relations
  spouse: t('配偶', 'spouse'),
  parent: t('父母', 'parent'),
  child: t('子女', 'child'),
  // vehicles, businesses
  private_car: t('私家车', 'private car'),
  commercial_livelihood: t('生计用营运车辆', 'commercial livelihood vehicle'),
  disability_mobility: t('残疾人代步车', 'disability mobility vehicle'),
  motorcycle: t('摩托车', 'motorcycle'),
  ebike: t('电动自行车', 'e-bike'),
  legal_representative: t('企业法定代表人', 'legal representative'),
  senior_manager: t('企业高级管理人员', 'senior manager'),
  controlling_shareholder: t('企业控股股东', 'controlling shareholder'),
  sole_proprietor: t('个体工商户', 'sole proprietor'),
  yes: t('是', 'yes'),
  no: t('否', 'no'),
  // care levels
  self_care: t('全自理', 'self-care'),
  partial_care: t('半护理', 'partial care'),
  full_care: t('全护理', 'full care'),
  // excluded income types
  basic_pension: t('城乡居民基础养老金', "residents' basic pension"),
  care_payment: t('优待抚恤金', 'preferential-care payment'),
  family_planning: t('计划生育奖励', 'family-planning reward'),
  scholarship: t('奖学金', 'scholarship'),
  award: t('见义勇为等奖励', 'award'),
  assistance: t('社会救助金', 'social-assistance benefit'),
  old_age_allowance: t('高龄津贴', 'old-age allowance'),
  // schooling, tenure
  primary: t('小学', 'primary school'),
  junior: t('初中', 'junior secondary school'),
  senior: t('高中', 'senior secondary school'),
  vocational: t('中职', 'vocational school'),
  college: t('大专', 'college'),
  bachelor: t('本科', 'bachelor studies'),
  postgraduate: t('研究生', 'postgraduate studies'),
  rent: t('租房', 'rented'),
  none: t('无房', 'none'),
  // rounding
  up: t('向上', 'up'),
  nearest: t('四舍五入', 'to nearest'),
  down: t('向下', 'down'),
  no_income: t('∞（无计算收入）', '∞ (no counted income)'),
};
