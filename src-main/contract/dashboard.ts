/** The dashboard: the open month's figures, the trend of closed months, warnings, referrals, the queue. */
import { z } from 'zod';
import { REFERRAL_STATUSES } from '../common/codes';
import { method, STAFF } from './common';

const figure = z.object({ recipients: z.number().int(), persons: z.number().int(), amountFen: z.number().int() });
const dashboardSummary = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  total: figure,
  byTier: z.record(z.string(), figure),
  byTownship: z.record(z.string(), figure),
  trend: z.array(
    z.object({ month: z.string(), recipients: z.number().int(), amountFen: z.number().int(), byTier: z.record(z.string(), figure) }),
  ),
  referrals: z.object({
    byDepartmentStatus: z.array(z.object({ department: z.string(), status: z.enum(REFERRAL_STATUSES), n: z.number().int() })),
    overdue: z.number().int(),
    drafted: z.number().int(),
  }),
  warnings: z.object({ byStatus: z.partialRecord(z.enum(['open', 'closed']), z.number().int()), overdue: z.number().int() }).nullable(),
  queue: z.object({
    overdueReferrals: z.number().int(),
    draftedReferrals: z.number().int(),
    pendingProposals: z.number().int(),
    overdueWarnings: z.number().int(),
    overdueCases: z.number().int(),
  }),
  cases: z.object({
    open: z.number().int(),
    overdue: z.number().int(),
    overdueByTownship: z.record(z.string(), z.object({ townshipId: z.number().int(), n: z.number().int() })),
    calendarGaps: z.array(z.string()),
  }),
});

export const dashboardMethods = {
  'dashboard.summary': method({ input: z.object({}), output: dashboardSummary, access: STAFF }),
} as const;
