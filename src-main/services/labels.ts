/** Words of service assistance in the office's language, for the chain, the happiness list and the printed forms. */
import type { ProviderKind, ServiceArea } from '../common/codes';

/** Services bought from social forces (docs/rules/temporary-service-recovery.md §12). */
export const SERVICE_BASIS = '《社会救助暂行办法》第十章 社会力量参与';

export const AREA_ZH: Readonly<Record<ServiceArea | 'any', string>> = {
  economic: '经济',
  health: '健康',
  education: '教育',
  housing: '住房',
  employment: '就业',
  guardianship: '监护',
  social_integration: '社会融入',
  any: '不限',
};

export const PROVIDER_KIND_ZH: Readonly<Record<ProviderKind, string>> = {
  social_work_station: '乡镇社工站',
  social_organisation: '社会组织',
};
