import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { registryMethods } from '../contract/registry';
import { COUNT_CAP, RegistrySearch } from '../registry/search';
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
    const s = searchFor(ctx.store.raw);
    const hits = s.search(input.q, input.limit);
    // Counted only when the hits fill the limit: otherwise they are all there is.
    const total = hits.length < input.limit ? hits.length : s.count(input.q);
    return { hits, total, capped: total > COUNT_CAP, elapsedMs: Math.round((performance.now() - t0) * 100) / 100 };
  },
};
