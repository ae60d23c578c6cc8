/** The service map: one handler file per contract namespace (src-main/contract/<namespace>.ts). */
import type { MethodName } from '../contract';
import type { HandlerMap } from './context';
import { appHandlers } from './app';
import { authHandlers } from './auth';
import { usersHandlers } from './users';
import { officeHandlers } from './office';
import { areasHandlers } from './areas';
import { registryHandlers } from './registry';
import { householdsHandlers } from './households';
import { auditHandlers } from './audit';
import { parametersHandlers } from './parameters';
import { screeningHandlers } from './screening';
import { determinationsHandlers } from './determinations';
import { scanHandlers } from './scan';
import { scenariosHandlers } from './scenarios';
import { exchangeHandlers } from './exchange';
import { exportHandlers } from './export';
import { monitoringHandlers } from './monitoring';
import { reviewsHandlers } from './reviews';
import { verificationHandlers } from './verification';
import { calendarHandlers } from './calendar';
import { backupHandlers } from './backup';
import { referralsHandlers } from './referrals';
import { charityHandlers } from './charity';
import { chainHandlers } from './chain';
import { paymentsHandlers } from './payments';
import { reportsHandlers } from './reports';
import { dashboardHandlers } from './dashboard';
import { servicesHandlers } from './services';
import { recoveryHandlers } from './recovery';
import { temporaryHandlers } from './temporary';
import { requestsHandlers } from './requests';
import { storeHandlers } from './store';
import { filesHandlers } from './files';
import { stationsHandlers } from './stations';
import { conflictsHandlers } from './conflicts';
import { casesHandlers } from './cases';

export const HANDLERS: HandlerMap<MethodName> = {
  ...appHandlers,
  ...authHandlers,
  ...usersHandlers,
  ...officeHandlers,
  ...areasHandlers,
  ...registryHandlers,
  ...householdsHandlers,
  ...auditHandlers,
  ...parametersHandlers,
  ...screeningHandlers,
  ...determinationsHandlers,
  ...scanHandlers,
  ...scenariosHandlers,
  ...exchangeHandlers,
  ...exportHandlers,
  ...monitoringHandlers,
  ...reviewsHandlers,
  ...verificationHandlers,
  ...calendarHandlers,
  ...backupHandlers,
  ...referralsHandlers,
  ...charityHandlers,
  ...chainHandlers,
  ...paymentsHandlers,
  ...reportsHandlers,
  ...dashboardHandlers,
  ...servicesHandlers,
  ...recoveryHandlers,
  ...temporaryHandlers,
  ...requestsHandlers,
  ...storeHandlers,
  ...filesHandlers,
  ...stationsHandlers,
  ...conflictsHandlers,
  ...casesHandlers,
};
