/** Every domain's words, by domain (one file each, beside its screens). */
import { appWords } from './app';
import { authWords } from '../auth/i18n';
import { backupWords } from '../backup/i18n';
import { casesWords } from '../cases/i18n';
import { chainWords } from '../chain/i18n';
import { dashboardWords } from '../dashboard/i18n';
import { decisionsWords } from '../decisions/i18n';
import { exchangeWords } from '../exchange/i18n';
import { monitoringWords } from '../monitoring/i18n';
import { policyWords } from '../policy/i18n';
import { referralsWords } from '../referrals/i18n';
import { registryWords } from '../registry/i18n';
import { reportsWords } from '../reports/i18n';
import { scanWords } from '../scan/i18n';
import { scenariosWords } from '../scenarios/i18n';
import { settingsWords } from '../settings/i18n';
import { servicesWords } from '../services/i18n';
import { recoveryWords } from '../recovery/i18n';
import { temporaryWords } from '../temporary/i18n';
import { stationsWords } from '../stations/i18n';
import type { Bundle } from './bundle';

export const BUNDLES: Record<string, Bundle> = {
  app: appWords,
  auth: authWords,
  backup: backupWords,
  cases: casesWords,
  chain: chainWords,
  dashboard: dashboardWords,
  decisions: decisionsWords,
  exchange: exchangeWords,
  monitoring: monitoringWords,
  policy: policyWords,
  referrals: referralsWords,
  registry: registryWords,
  reports: reportsWords,
  scan: scanWords,
  scenarios: scenariosWords,
  settings: settingsWords,
  services: servicesWords,
  recovery: recoveryWords,
  temporary: temporaryWords,
  stations: stationsWords,
};
