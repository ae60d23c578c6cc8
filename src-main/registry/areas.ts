/** Areas: townships and their villages/communities. Created on first use by name. */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { all, first, qb, run } from '../db/query';

export function ensureArea(raw: BetterSqlite3.Database, township: string, village: string): number {
  const t = township.trim(),
    v = village.trim();
  const tw =
    first(raw, qb.selectFrom('areas').select('id').where('parent_id', 'is', null).where('name', '=', t))?.id ??
    run(raw, qb.insertInto('areas').values({ parent_id: null, level: 'township', name: t })).lastInsertRowid;
  const vi = first(raw, qb.selectFrom('areas').select('id').where('parent_id', '=', tw).where('name', '=', v));
  if (vi) return vi.id;
  return run(raw, qb.insertInto('areas').values({ parent_id: tw, level: 'village', name: v })).lastInsertRowid;
}

export interface AreaView {
  id: number;
  parentId: number | null;
  level: 'township' | 'village';
  name: string;
}

export function listAreas(raw: BetterSqlite3.Database): AreaView[] {
  return all(raw, qb.selectFrom('areas').select(['id', 'parent_id as parentId', 'level', 'name']).orderBy('level', 'desc').orderBy('name'));
}
