import { backupStatus, createBackup, restoreBackup } from '../backup/backup';
import type { backupMethods } from '../contract/backup';
import { migrateToLatest } from '../db/open';
import { actor, type HandlerMap } from './context';

export const backupHandlers: HandlerMap<keyof typeof backupMethods> = {
  'backup.create': (i, ctx) => createBackup(ctx.store.raw, i.folder, i.passphrase, actor(ctx), ctx.now, ctx.opts.version),
  'backup.status': (_i, ctx) => backupStatus(ctx.store.raw, ctx.now),
  'backup.restore': async (i, ctx) => {
    const r = await restoreBackup(ctx.store.raw, ctx.store.file, i.path, i.passphrase, actor(ctx), ctx.now);
    await migrateToLatest(ctx.store.db);
    return r;
  },
};
