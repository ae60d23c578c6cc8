import { z } from 'zod';
import { method } from './common';

/** Referrals, charity, the assistance chain, monthly payments, reports, dashboard. */
export const closedLoopMethods = {} as const;
void z; void method;
