/** Areas: townships and their villages/communities. Created on first use by name. */
import type BetterSqlite3 from 'better-sqlite3';

export function ensureArea(raw: BetterSqlite3.Database, township: string, village: string): number {
  const t = township.trim(),
    v = village.trim();
  let tw = raw.prepare(`SELECT id FROM areas WHERE parent_id IS NULL AND name = ?`).get(t) as { id: number } | undefined;
  if (!tw)
    tw = { id: Number(raw.prepare(`INSERT INTO areas (parent_id, level, name) VALUES (NULL, 'township', ?)`).run(t).lastInsertRowid) };
  const vi = raw.prepare(`SELECT id FROM areas WHERE parent_id = ? AND name = ?`).get(tw.id, v) as { id: number } | undefined;
  if (vi) return vi.id;
  return Number(raw.prepare(`INSERT INTO areas (parent_id, level, name) VALUES (?, 'village', ?)`).run(tw.id, v).lastInsertRowid);
}

export interface AreaView {
  id: number;
  parentId: number | null;
  level: 'township' | 'village';
  name: string;
}

export function listAreas(raw: BetterSqlite3.Database): AreaView[] {
  return raw.prepare(`SELECT id, parent_id AS parentId, level, name FROM areas ORDER BY level DESC, name`).all() as AreaView[];
}
