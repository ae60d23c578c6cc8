/**
 * Short labels for codes that lists, XLSX sheets, chain entries and the CLI print. One table,
 * so a sheet, a printed form and a timeline never name the same tier or change differently.
 */
import type { Bilingual } from './errors';

export const TIER_LABEL: Readonly<Record<string, Bilingual>> = {
  tekun: { zh: '特困人员', en: 'extremely poor' },
  dibao: { zh: '低保', en: 'dibao' },
  marginal: { zh: '低保边缘', en: 'marginal' },
  rigid: { zh: '刚性支出困难', en: 'rigid-expenditure' },
  none: { zh: '无', en: 'none' },
};

/** The tier's Chinese label, for the chain and other records kept in the office's language. */
export const TIER_ZH: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(TIER_LABEL).map(([k, v]) => [k, v.zh]));

export const SCAN_KIND_LABEL: Readonly<Record<string, Bilingual>> = {
  newly_eligible: { zh: '新纳入', en: 'newly eligible' },
  tier_up: { zh: '档次上调', en: 'tier up' },
  tier_down: { zh: '档次下调', en: 'tier down' },
  benefit_changed: { zh: '金额变化', en: 'benefit changed' },
  no_longer_eligible: { zh: '不再符合', en: 'no longer eligible' },
  unchanged: { zh: '无变化', en: 'unchanged' },
};
