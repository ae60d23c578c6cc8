import { z } from 'zod';
import { method } from './common';

/** Departmental data exchange, monitoring (warnings, visits, reviews), packages, backup. */
export const exchangeMethods = {} as const;
void z; void method;
