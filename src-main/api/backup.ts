import { backupStatus, createBackup, restoreBackup } from '../backup/backup';
import type { backupMethods } from '../contract/backup';
import { migrateToLatest } from '../db/open';
import { actor, type HandlerMap } from './context';
import { downloadOut, gateOf, intoFolderOrDownload, packagePathOf } from './files';

export const backupHandlers: HandlerMap<keyof typeof backupMethods> = {
  'backup.create': async (i, ctx) => {
    // Into a folder the shell's dialog chose, or (a browser) a zip to download.
    const { result, download } = await intoFolderOrDownload(ctx, i.folder, async (folder) => {
      const r = await createBackup(ctx.store.raw, folder, i.passphrase, actor(ctx), ctx.now, ctx.opts.version);
      return { ...r, target: r.folder };
    });
    const { target: _target, ...r } = result;
    return { ...r, folder: download ? download.fileName : r.folder, download: downloadOut(download) };
  },
  'backup.status': (_i, ctx) => backupStatus(ctx.store.raw, ctx.now),
  'backup.restore': async (i, ctx) => {
    const r = await restoreBackup(ctx.store.raw, ctx.store.file, packagePathOf(ctx, i), i.passphrase, actor(ctx), ctx.now);
    await migrateToLatest(ctx.store.db);
    // An uploaded backup is used up (docs/security.md "Inputs").
    if (i.upload) gateOf(ctx).transfer.release(i.upload);
    return r;
  },
};
