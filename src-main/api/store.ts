import path from 'node:path';
import { appendAudit } from '../audit/audit';
import { appError } from '../common/errors';
import type { storeMethods } from '../contract/store';
import { keyFingerprint } from '../db/keys';
import { first, qb } from '../db/query';
import { officeOf } from '../office/office';
import { renderRecoverySheet } from '../reports/recovery-sheet';
import { actor, type Ctx, type HandlerMap } from './context';

const anyUser = (ctx: Ctx) => first(ctx.store.raw, qb.selectFrom('users').select('id').limit(1)) !== undefined;

/** The wizard's methods answer only before the first account exists; afterwards the sheet is an administrator's. */
function beforeSetUp(ctx: Ctx): void {
  if (anyUser(ctx))
    throw appError(
      'already_set_up',
      'This office is already set up: an administrator prints the recovery sheet under Settings › Backup.',
      '本单位已完成初始设置：恢复密钥单由管理员在“系统设置 › 备份与恢复”中打印。',
    );
}

function storeKey(ctx: Ctx): string {
  if (ctx.store.key === null)
    throw appError('not_encrypted', 'This database is not encrypted, so it has no recovery key.', '该数据库未加密，没有恢复密钥。');
  return ctx.store.key;
}

async function sheet(ctx: Ctx, office: { name: string; county: string } | null, format: 'html' | 'pdf') {
  const f = await renderRecoverySheet(
    { key: storeKey(ctx), office, dbName: path.basename(ctx.store.file), keyKept: ctx.store.keys?.kind ?? null, now: ctx.now },
    format,
  );
  return format === 'html'
    ? { fileName: f.fileName, mime: f.mime, pages: f.pages, html: f.data.toString('utf8') }
    : { fileName: f.fileName, mime: f.mime, pages: f.pages, base64: f.data.toString('base64') };
}

export const storeHandlers: HandlerMap<keyof typeof storeMethods> = {
  // The store is open (a locked store answers this call in api/locked-service.ts): nothing to do.
  'store.unlock': () => ({ ok: true as const }),
  'store.status': (_i, ctx) => {
    const keys = ctx.store.keys;
    return {
      encrypted: ctx.store.key !== null,
      keyKept: keys?.kind ?? null,
      where: keys?.where ?? null,
      notice: keys?.notice?.[ctx.lang] ?? null,
      fingerprint: ctx.store.key === null ? null : keyFingerprint(ctx.store.key),
    };
  },
  'store.recoverySheet': async (input, ctx) => {
    const o = officeOf(ctx.store.raw);
    const out = await sheet(ctx, o ? { name: o.name, county: o.county } : null, input.format);
    // Each printed copy of the key is on record (who printed it, when); the preview is not a copy.
    if (input.format === 'pdf') {
      const raw = ctx.store.raw;
      const who = actor(ctx);
      raw.transaction(() =>
        appendAudit(raw, {
          ...who,
          action: 'recovery_sheet',
          entity: 'database',
          entityId: null,
          summary: 'recovery sheet printed',
          at: ctx.now.toISOString(),
        }),
      )();
    }
    return out;
  },
  'store.setupRecoverySheet': async (input, ctx) => {
    beforeSetUp(ctx);
    return sheet(ctx, input.office, input.format);
  },
  'store.setupRecoveryKept': (input, ctx) => {
    beforeSetUp(ctx);
    const raw = ctx.store.raw;
    raw.transaction(() =>
      appendAudit(raw, {
        userId: null,
        username: input.username,
        action: 'recovery_sheet',
        entity: 'database',
        entityId: null,
        summary: 'recovery sheet printed and kept (confirmed in the set-up wizard)',
        after: { fingerprint: keyFingerprint(storeKey(ctx)), keeper: input.keeper ?? null },
        at: ctx.now.toISOString(),
      }),
    )();
    return { ok: true as const };
  },
};
