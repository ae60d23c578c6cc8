import type { exportMethods } from '../contract/export';
import { exportVerificationRequests, packFile } from '../exchange/export';
import { resolveFileInput } from '../exchange/file-input';
import { openPackage } from '../exchange/package';
import { actor, masksPersonalData, type HandlerMap } from './context';

export const exportHandlers: HandlerMap<keyof typeof exportMethods> = {
  'export.verificationRequests': (i, ctx) =>
    exportVerificationRequests(ctx.store.raw, { ...i, mask: masksPersonalData(ctx) }, actor(ctx), ctx.now, ctx.opts.version),
  'export.package': (i, ctx) =>
    packFile(
      ctx.store.raw,
      resolveFileInput(i.file).file,
      i.source,
      i.folder,
      i.passphrase ?? null,
      actor(ctx),
      ctx.now,
      ctx.opts.version,
      i.zip,
    ),
  'export.verifyPackage': async (i) => {
    const p = await openPackage(i.path, i.passphrase);
    p.cleanup();
    return { ok: true as const, manifest: p.manifest };
  },
};
