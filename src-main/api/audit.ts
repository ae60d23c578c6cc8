import { auditForEntity, recentAudit, verifyAudit } from '../audit/audit';
import type { auditMethods } from '../contract/audit';
import type { HandlerMap } from './context';

export const auditHandlers: HandlerMap<keyof typeof auditMethods> = {
  'audit.forEntity': (input, ctx) => auditForEntity(ctx.store.raw, input.entity, input.entityId),
  'audit.recent': (input, ctx) => recentAudit(ctx.store.raw, input.beforeSeq, input.limit),
  'audit.verify': (_i, ctx) => verifyAudit(ctx.store.raw),
};
