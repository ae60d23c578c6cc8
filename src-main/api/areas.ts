import type { areasMethods } from '../contract/areas';
import { listAreas } from '../registry/areas';
import type { HandlerMap } from './context';

export const areasHandlers: HandlerMap<keyof typeof areasMethods> = {
  'areas.list': (_i, ctx) => listAreas(ctx.store.raw),
};
