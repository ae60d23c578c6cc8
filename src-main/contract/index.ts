/**
 * The API contract: every method the renderer (or any client) may call, once, with its zod
 * input and output schemas and the roles allowed. Both transports dispatch through it.
 * The renderer imports types (and schemas for inline validation) from here, never handlers.
 */
import type { z } from 'zod';
import { authMethods } from './auth';
import { registryMethods } from './registry';
import { policyMethods } from './policy';
import { exchangeMethods } from './exchange';
import { closedLoopMethods } from './closed-loop';

export const CONTRACT = {
  ...authMethods,
  ...registryMethods,
  ...policyMethods,
  ...exchangeMethods,
  ...closedLoopMethods,
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
