import type { reviewsMethods } from '../contract/reviews';
import { recordReview, reviewsDue } from '../monitoring/reviews';
import { actor, type HandlerMap } from './context';

export const reviewsHandlers: HandlerMap<keyof typeof reviewsMethods> = {
  'reviews.due': (i, ctx) => reviewsDue(ctx.store.raw, ctx.now, i),
  'reviews.record': (i, ctx) => ({ id: recordReview(ctx.store.raw, i, actor(ctx), ctx.now) }),
};
