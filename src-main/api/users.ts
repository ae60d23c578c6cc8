import { hashPassword } from '../auth/password';
import { askUserCreate, askUserUpdate } from '../auth/request-kinds';
import { assertUsernameFree, assignableUsers, changeNeedsTwo, listUsers, updateUserAlone, userById } from '../auth/users';
import { appError } from '../common/errors';
import type { usersMethods } from '../contract/users';
import { person, type HandlerMap } from './context';

export const usersHandlers: HandlerMap<keyof typeof usersMethods> = {
  'users.list': (_i, ctx) => listUsers(ctx.store.raw),
  'users.assignable': (_i, ctx) => assignableUsers(ctx.store.raw),

  'users.create': async (input, ctx) => {
    assertUsernameFree(ctx.store.raw, input.username);
    // The password is stored in the request as its hash: the request table never holds it in clear.
    const passwordHash = await hashPassword(input.password);
    return askUserCreate(
      ctx.store.raw,
      { username: input.username, displayName: input.displayName, role: input.role, passwordHash },
      person(ctx),
      ctx.now,
    );
  },

  'users.update': async (input, ctx) => {
    const raw = ctx.store.raw;
    const before = userById(raw, input.id);
    const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
    const change = { ...input, password: undefined, passwordHash };
    if (!changeNeedsTwo(before, change)) {
      if (ctx.user?.role !== 'administrator' && input.active === false)
        throw appError('forbidden', 'The administrator switches accounts off.', '停用账号由管理员操作。', 'active');
      return {
        user: updateUserAlone(raw, { id: input.id, displayName: input.displayName, active: input.active }, person(ctx), ctx.now),
        request: null,
      };
    }
    const request = askUserUpdate(
      raw,
      {
        id: before.id,
        username: before.username,
        ...(input.role !== undefined && input.role !== before.role ? { role: input.role } : {}),
        ...(input.active === true && !before.active ? { active: true as const } : {}),
        ...(passwordHash ? { passwordHash } : {}),
        ...(input.displayName !== undefined && input.displayName !== before.displayName ? { displayName: input.displayName } : {}),
      },
      person(ctx),
      ctx.now,
    );
    return { user: before, request };
  },
};
