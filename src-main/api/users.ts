import { assignableUsers, insertUser, listUsers, updateUser } from '../auth/users';
import type { usersMethods } from '../contract/users';
import { actor, type HandlerMap } from './context';

export const usersHandlers: HandlerMap<keyof typeof usersMethods> = {
  'users.list': (_i, ctx) => listUsers(ctx.store.raw),
  'users.assignable': (_i, ctx) => assignableUsers(ctx.store.raw),
  'users.create': (input, ctx) => ctx.store.raw.transaction(() => insertUser(ctx.store.raw, input, actor(ctx), ctx.now))(),
  'users.update': (input, ctx) => updateUser(ctx.store.raw, input, actor(ctx), ctx.now),
};
