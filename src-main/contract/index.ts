/**
 * The API contract: every method the renderer (or any client) may call, once, with its zod
 * input and output schemas and the roles allowed — one file per namespace, merged here.
 * Both transports dispatch through it. The renderer imports this folder and src-main/common,
 * never handlers (docs/architecture.md).
 */
import type { z } from 'zod';
import { appMethods } from './app';
import { authMethods } from './auth';
import { usersMethods } from './users';
import { officeMethods } from './office';
import { areasMethods } from './areas';
import { registryMethods } from './registry';
import { householdsMethods } from './households';
import { auditMethods } from './audit';
import { parametersMethods } from './parameters';
import { screeningMethods } from './screening';
import { determinationsMethods } from './determinations';
import { scanMethods } from './scan';
import { scenariosMethods } from './scenarios';
import { exchangeMethods } from './exchange';
import { exportMethods } from './export';
import { monitoringMethods } from './monitoring';
import { reviewsMethods } from './reviews';
import { verificationMethods } from './verification';
import { calendarMethods } from './calendar';
import { backupMethods } from './backup';
import { referralsMethods } from './referrals';
import { charityMethods } from './charity';
import { chainMethods } from './chain';
import { paymentsMethods } from './payments';
import { reportsMethods } from './reports';
import { dashboardMethods } from './dashboard';
import { servicesMethods } from './services';
import { recoveryMethods } from './recovery';
import { temporaryMethods } from './temporary';
import { requestsMethods } from './requests';
import { storeMethods } from './store';
import { filesMethods } from './files';
import { stationsMethods } from './stations';
import { conflictsMethods } from './conflicts';
import { casesMethods } from './cases';

export const CONTRACT = {
  ...appMethods,
  ...authMethods,
  ...usersMethods,
  ...officeMethods,
  ...areasMethods,
  ...registryMethods,
  ...householdsMethods,
  ...auditMethods,
  ...parametersMethods,
  ...screeningMethods,
  ...determinationsMethods,
  ...scanMethods,
  ...scenariosMethods,
  ...exchangeMethods,
  ...exportMethods,
  ...monitoringMethods,
  ...reviewsMethods,
  ...verificationMethods,
  ...calendarMethods,
  ...backupMethods,
  ...referralsMethods,
  ...charityMethods,
  ...chainMethods,
  ...paymentsMethods,
  ...reportsMethods,
  ...dashboardMethods,
  ...servicesMethods,
  ...recoveryMethods,
  ...temporaryMethods,
  ...requestsMethods,
  ...storeMethods,
  ...filesMethods,
  ...stationsMethods,
  ...conflictsMethods,
  ...casesMethods,
} as const;

export type Contract = typeof CONTRACT;
export type MethodName = keyof Contract;
export type Input<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type Output<M extends MethodName> = z.output<Contract[M]['output']>;

export interface Request {
  method: string;
  input: unknown;
  session?: string | null;
  lang?: 'zh' | 'en';
}

export type Envelope<T = unknown> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; field?: string } };

export * from './common';
