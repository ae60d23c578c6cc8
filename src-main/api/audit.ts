import { auditForEntity, auditHead, recentAudit } from '../audit/audit';
import { verifyAudit } from '../audit/verify';
import type { auditMethods } from '../contract/audit';
import type { HandlerMap } from './context';

export const auditHandlers: HandlerMap<keyof typeof auditMethods> = {
  'audit.forEntity': (input, ctx) => auditForEntity(ctx.store.raw, input.entity, input.entityId),
  'audit.recent': (input, ctx) => recentAudit(ctx.store.raw, input.beforeSeq, input.limit),
  'audit.verify': (_i, ctx) => {
    const { head: _head, ...r } = verifyAudit(ctx.store.raw, { dbFile: ctx.store.file });
    return r;
  },
  'audit.head': (_i, ctx) => auditHead(ctx.store.raw),
};
