import { backupStatus, createBackup, verifyBackup } from '../backup/backup';
import { askRestore } from '../auth/request-kinds';
import type { backupMethods } from '../contract/backup';
import { actor, person, type HandlerMap } from './context';

export const backupHandlers: HandlerMap<keyof typeof backupMethods> = {
  'backup.create': (i, ctx) => createBackup(ctx.store.raw, i.folder, i.passphrase, actor(ctx), ctx.now, ctx.opts.version),
  'backup.status': (_i, ctx) => backupStatus(ctx.store.raw, ctx.now),
  // Asked now (the package checked with its passphrase), restored when a second person confirms (src-main/auth/request-kinds.ts).
  'backup.restore': async (i, ctx) => {
    const v = await verifyBackup(i.path, i.passphrase);
    v.cleanup();
    const m = v.manifest;
    return askRestore(
      ctx.store.raw,
      { path: i.path, sha256: m.files[0]?.sha256 ?? '', backupCreatedAt: m.createdAt, createdBy: m.createdBy ?? '' },
      person(ctx),
      ctx.now,
    );
  },
};
