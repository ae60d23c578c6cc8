/** The departmental sources (exchange.sources), loaded once per window. */
import { useEffect, useState } from 'react';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { SOURCES, type Source } from '../../../src-main/common/codes';

export type SourceInfo = Output<'exchange.sources'>[number];
let cache: SourceInfo[] | null = null;

export function useSources(): SourceInfo[] {
  const [s, setS] = useState<SourceInfo[]>(cache ?? []);
  useEffect(() => {
    if (cache) return;
    let live = true;
    call('exchange.sources', {})
      .then((r) => {
        cache = r;
        if (live) setS(r);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  return s;
}

export const sourceName = (s: Pick<SourceInfo, 'zh' | 'en'>, lang: string) => (lang === 'en' ? s.en : s.zh);

/** A source code as the contract takes it, or null for anything else (an empty choice). */
export const asSource = (s: string): Source | null => SOURCES.find((x) => x === s) ?? null;

/** Words in a file name that point to a department. */
const NAME_HINTS: [RegExp, string][] = [
  [/医保|医疗|住院|medical|hospital/i, 'medical_insurance'],
  [/死亡|火化|殡葬|death|cremat/i, 'public_security_deaths'],
  [/车辆|机动车|vehicle/i, 'public_security_vehicles'],
  [/不动产|房产|real.?estate|property/i, 'real_estate'],
  [/市场|工商|企业|market|business/i, 'market_regulation'],
  [/人社|社保|失业|养老|hrss/i, 'hrss'],
  [/税|tax/i, 'tax'],
  [/公积金|housing.?fund/i, 'housing_fund'],
  [/银行|存款|bank/i, 'banks'],
  [/教育|学籍|education|school/i, 'education'],
  [/残联|残疾|disab/i, 'disability_federation'],
  [/农业|返贫|agri/i, 'agriculture_monitoring'],
  [/反馈|feedback/i, 'referral_feedback'],
  [/服务记录|服务台账|service.?record/i, 'service_records'],
];
export function sourceFromName(name: string): string | null {
  for (const [re, s] of NAME_HINTS) if (re.test(name)) return s;
  return null;
}
