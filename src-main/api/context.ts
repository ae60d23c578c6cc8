/** What a handler receives besides its input: the store, the caller, the language, the clock. */
import type { Store } from '../db/open';
import type { Lang } from '../common/errors';
import { appError } from '../common/errors';
import type { Actor, StaffActor } from '../audit/actor';
import type { Person } from '../auth/requests';
import type { MethodName, ParsedInput, Output, User } from '../contract';
import type { FileGate } from '../shared/file-gate';

export interface ServiceOptions {
  /** Minutes without a call after which the session locks (re-enter the password). */
  idleLockMinutes?: number;
  now?: () => Date;
  version?: string;
  /** Creates the demo county inside the setup transaction (see src-main/demo). */
  seedDemo?: (store: Store, households: number) => void;
  /** Which paths callers may name, and the transfer folder (shared/file-gate.ts); none when absent (api/files.ts gateOf). */
  files?: FileGate;
}

export interface Ctx {
  store: Store;
  user: User | null;
  /** The user still has an initial or demo password: only the password change is open (service.ts). */
  mustChangePassword?: boolean;
  /** Who acts when nobody is logged in (the CLI: `cli:<os user>`); audit entries name it. */
  actorName?: string;
  sessionHash: string | null;
  lang: Lang;
  now: Date;
  opts: Required<Pick<ServiceOptions, 'idleLockMinutes' | 'version'>> & ServiceOptions;
}

export type Handler<M extends MethodName> = (input: ParsedInput<M>, ctx: Ctx) => Output<M> | Promise<Output<M>>;
export type HandlerMap<K extends MethodName> = { [M in K]: Handler<M> };

/** The caller as the audit log names it. */
export const actor = (ctx: Ctx): Actor => ({ userId: ctx.user?.id ?? null, username: ctx.user?.username ?? ctx.actorName ?? 'system' });

/** The caller, who must be a logged-in user (the dispatcher has checked the session). */
export function staffActor(ctx: Ctx): StaffActor {
  if (!ctx.user) throw appError('not_logged_in', 'Please log in.', '请先登录。');
  return { userId: ctx.user.id, username: ctx.user.username };
}

/** The caller with their role: who asks or decides a two-person request. */
export function person(ctx: Ctx): Person {
  if (!ctx.user) throw appError('not_logged_in', 'Please log in.', '请先登录。');
  return { userId: ctx.user.id, username: ctx.user.username, role: ctx.user.role };
}

/**
 * The administrator keeps the system and the auditor reads the log, neither works on cases: full ID numbers
 * and health details are masked for them in every answer (docs/security.md "Who sees full ID numbers").
 */
export const masksPersonalData = (ctx: Ctx): boolean => ctx.user?.role === 'administrator' || ctx.user?.role === 'auditor';
