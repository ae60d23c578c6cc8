import { backupStatus, createBackup, verifyBackup } from '../backup/backup';
import { askRestore } from '../auth/request-kinds';
import type { backupMethods } from '../contract/backup';
import { actor, person, type HandlerMap } from './context';
import { downloadOut, intoFolderOrDownload, packagePathOf } from './files';

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
  // Asked now (the package checked with its passphrase), restored when a second person confirms (src-main/auth/request-kinds.ts).
  'backup.restore': async (i, ctx) => {
    // The package named now (a path the gate allows, or an upload in the transfer folder) is the one restored at confirmation.
    const file = packagePathOf(ctx, i);
    const v = await verifyBackup(file, i.passphrase);
    v.cleanup();
    const m = v.manifest;
    return askRestore(
      ctx.store.raw,
      { path: file, sha256: m.files[0]?.sha256 ?? '', backupCreatedAt: m.createdAt, createdBy: m.createdBy ?? '' },
      person(ctx),
      ctx.now,
    );
  },
};
