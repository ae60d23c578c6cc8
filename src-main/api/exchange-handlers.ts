import type { HandlerMap } from './context';
import type { exchangeMethods } from '../contract/exchange';

export const exchangeHandlers: HandlerMap<keyof typeof exchangeMethods> = {};
