import type { exportMethods } from '../contract/export';
import { exportVerificationRequests, packFile } from '../exchange/export';
import { openPackage } from '../exchange/package';
import { actor, masksPersonalData, type HandlerMap } from './context';
import { downloadOut, fileOf, intoFolderOrDownload, packagePathOf } from './files';

export const exportHandlers: HandlerMap<keyof typeof exportMethods> = {
  'export.verificationRequests': async (i, ctx) => {
    const { result, download } = await intoFolderOrDownload(ctx, i.folder, (folder, forDownload) =>
      exportVerificationRequests(
        ctx.store.raw,
        { ...i, folder, zip: forDownload || i.zip, mask: masksPersonalData(ctx) },
        actor(ctx),
        ctx.now,
        ctx.opts.version,
      ),
    );
    return { ...result, download: downloadOut(download) };
  },
  'export.package': async (i, ctx) => {
    const file = fileOf(ctx, i.file).file;
    const { result, download } = await intoFolderOrDownload(ctx, i.folder, (folder, forDownload) =>
      packFile(ctx.store.raw, file, i.source, folder, i.passphrase, actor(ctx), ctx.now, ctx.opts.version, forDownload || i.zip),
    );
    return { ...result, download: downloadOut(download) };
  },
  // A check that reports what it found: a plain package passes it, saying so (`encrypted`); restoring or importing one does not.
  'export.verifyPackage': async (i, ctx) => {
    const p = await openPackage(packagePathOf(ctx, i), i.passphrase, { encrypted: false });
    p.cleanup();
    return { ok: true as const, encrypted: p.manifest.encryption !== null, manifest: p.manifest };
  },
};
