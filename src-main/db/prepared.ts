/**
 * A statement prepared once per connection, for inserts called tens of thousands of times in
 * one import (warnings, chain events): preparing on every call cost more than the insert.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

const cache = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

export function prepared(raw: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
  let byText = cache.get(raw);
  if (!byText) cache.set(raw, (byText = new Map()));
  let st = byText.get(sql);
  if (!st) byText.set(sql, (st = raw.prepare(sql)));
  return st;
}
