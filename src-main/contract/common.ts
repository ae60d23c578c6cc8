import { z } from 'zod';

export const ROLES = ['clerk', 'manager', 'administrator'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

/** Who may call a method: nobody logged in (`public`), any logged-in user, or listed roles. */
export type Access = 'public' | 'any' | readonly Role[];

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** Writes take the write lock and are audited by their handler. */
  write?: boolean;
}

export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

export const ok = z.object({ ok: z.literal(true) });
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const isoTimestamp = z.string();

export const userSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  active: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

export const officeSchema = z.object({
  name: z.string(),
  county: z.string(),
  regionCode: z.string(),
  isDemo: z.boolean(),
});
export type Office = z.infer<typeof officeSchema>;
