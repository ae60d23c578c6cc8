import type { stationsMethods } from '../contract/stations';
import { setupCountyStation } from '../stations/identity';
import { enrolTownship, joinStation } from '../stations/enrol';
import { exportPackage } from '../stations/sync-export';
import { importPackage } from '../stations/sync-import';
import { stationStatus } from '../stations/status';
import { actor, type HandlerMap } from './context';
import { downloadOut, gateOf, intoFolderOrDownload, packagePathOf } from './files';

export const stationsHandlers: HandlerMap<keyof typeof stationsMethods> = {
  'stations.status': (_i, ctx) => stationStatus(ctx.store.raw),
  'stations.setup': (i, ctx) => setupCountyStation(ctx.store.raw, i.name, actor(ctx), ctx.now),
  'stations.enrol': async (i, ctx) => {
    const { result, download } = await intoFolderOrDownload(ctx, i.folder, async (folder, forDownload) => {
      const target = forDownload ? `${folder}/enrol-${i.name}` : folder;
      const r = await enrolTownship(ctx.store.raw, i, target, i.passphrase, actor(ctx), ctx.now);
      return { ...r, target };
    });
    const { target: _t, ...r } = result;
    return { ...r, download: downloadOut(download) };
  },
  'stations.join': async (i, ctx) => {
    const r = await joinStation(ctx.store.raw, packagePathOf(ctx, i), i.passphrase, actor(ctx), ctx.now);
    if (i.upload) gateOf(ctx).transfer.release(i.upload);
    return r;
  },
  'stations.export': async (i, ctx) => {
    const { result, download } = await intoFolderOrDownload(ctx, i.folder, async (folder, forDownload) => {
      const target = forDownload ? `${folder}/station-package` : folder;
      const r = await exportPackage(ctx.store.raw, i.to, target, actor(ctx), ctx.now);
      return { ...r, target };
    });
    const { target: _t, ...r } = result;
    return { ...r, download: downloadOut(download) };
  },
  'stations.preview': (i, ctx) => importPackage(ctx.store.raw, packagePathOf(ctx, i), actor(ctx), ctx.now, true),
  'stations.import': async (i, ctx) => {
    const r = await importPackage(ctx.store.raw, packagePathOf(ctx, i), actor(ctx), ctx.now);
    if (i.upload) gateOf(ctx).transfer.release(i.upload);
    return r;
  },
};
