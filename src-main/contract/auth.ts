import { z } from 'zod';
import { method, ok, officeSchema, roleSchema, userSchema } from './common';

const username = z.string().trim().min(2, 'username needs at least 2 characters').max(32).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only');
const password = z.string().min(4, 'password needs at least 4 characters').max(200);

export const officeInput = z.object({
  name: z.string().trim().min(1, 'office name is required').max(100),
  county: z.string().trim().min(1, 'county is required').max(100),
  regionCode: z.string().trim().regex(/^\d{6}$/, 'region code has 6 digits'),
});

export const authMethods = {
  'app.status': method({
    input: z.object({}),
    output: z.object({ needsSetup: z.boolean(), office: officeSchema.nullable(), version: z.string(), idleLockMinutes: z.number() }),
    access: 'public',
  }),
  'setup.complete': method({
    input: z.object({
      office: officeInput,
      admin: z.object({ username, displayName: z.string().trim().min(1).max(50), password }),
      demo: z.boolean(),
      demoHouseholds: z.number().int().min(10).max(20000).optional(),
    }),
    output: ok,
    access: 'public',
    write: true,
  }),
  'auth.login': method({
    input: z.object({ username: z.string().trim().min(1, 'enter your username'), password: z.string().min(1, 'enter your password') }),
    output: z.object({ session: z.string(), user: userSchema }),
    access: 'public',
    write: true,
  }),
  'auth.logout': method({ input: z.object({}), output: ok, access: 'any', write: true }),
  'auth.unlock': method({ input: z.object({ password: z.string().min(1, 'enter your password') }), output: ok, access: 'any', write: true }),
  'auth.me': method({ input: z.object({}), output: userSchema, access: 'any' }),
  'users.list': method({ input: z.object({}), output: z.array(userSchema), access: ['administrator'] }),
  /** Who work can be assigned to: managers assign warnings and referrals without managing users. */
  'users.assignable': method({
    input: z.object({}),
    output: z.array(z.object({ id: z.number().int(), username: z.string(), displayName: z.string(), role: roleSchema })),
    access: ['manager', 'administrator'],
  }),
  'users.create': method({
    input: z.object({ username, displayName: z.string().trim().min(1).max(50), role: roleSchema, password }),
    output: userSchema,
    access: ['administrator'],
    write: true,
  }),
  'users.update': method({
    input: z.object({ id: z.number().int(), displayName: z.string().trim().min(1).max(50).optional(), role: roleSchema.optional(), active: z.boolean().optional(), password: password.optional() }),
    output: userSchema,
    access: ['administrator'],
    write: true,
  }),
  'office.get': method({ input: z.object({}), output: officeSchema, access: 'any' }),
  'office.update': method({ input: officeInput, output: officeSchema, access: ['administrator'], write: true }),
} as const;
