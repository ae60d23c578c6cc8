import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { registryMethods } from '../contract/registry';
import { RegistrySearch } from '../registry/search';
import type { HandlerMap } from './context';

// Statements are prepared once per connection, not per call: search runs on every keystroke.
const searchers = new WeakMap<BetterSqlite3.Database, RegistrySearch>();
function searchFor(raw: BetterSqlite3.Database): RegistrySearch {
  let s = searchers.get(raw);
  if (!s) searchers.set(raw, (s = new RegistrySearch(raw)));
  return s;
}

export const registryHandlers: HandlerMap<keyof typeof registryMethods> = {
  'registry.search': (input, ctx) => {
    const t0 = performance.now();
    const hits = searchFor(ctx.store.raw).search(input.q, input.limit);
    return { hits, elapsedMs: Math.round((performance.now() - t0) * 100) / 100 };
  },
};
