import type { HandlerMap } from './context';
import type { closedLoopMethods } from '../contract/closed-loop';

export const closedLoopHandlers: HandlerMap<keyof typeof closedLoopMethods> = {};
