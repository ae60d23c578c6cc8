import type { verificationMethods } from '../contract/verification';
import { verificationReport } from '../verification/report';
import { masksPersonalData, type HandlerMap } from './context';

export const verificationHandlers: HandlerMap<keyof typeof verificationMethods> = {
  'verification.report': (i, ctx) => verificationReport(ctx.store.raw, i.householdId, masksPersonalData(ctx)),
};
