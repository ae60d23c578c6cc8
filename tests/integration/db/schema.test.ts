/**
 * src-main/db/schema.ts types every table and column the migrations make, with the right
 * nullability: read from the file's text and compared with a migrated database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyDatabase } from '../../fixtures/builders';
import { ROOT } from '../../fixtures/paths';

function declaredTables(): Map<string, Map<string, { nullable: boolean }>> {
  const text = fs.readFileSync(path.join(ROOT, 'src-main/db/schema.ts'), 'utf8');
  const interfaces = new Map<string, Map<string, { nullable: boolean }>>();
  for (const m of text.matchAll(/export interface (\w+) \{([^}]*)\}/g)) {
    const cols = new Map<string, { nullable: boolean }>();
    for (const c of m[2].matchAll(/^\s*(\w+): (.+);$/gm)) cols.set(c[1], { nullable: /\| null\b/.test(c[2]) });
    interfaces.set(m[1], cols);
  }
  const db = interfaces.get('Database')!;
  const out = new Map<string, Map<string, { nullable: boolean }>>();
  for (const [table] of db) {
    const body = /export interface Database \{([^}]*)\}/.exec(text)![1];
    const iface = new RegExp(`^\\s*${table}: (\\w+);$`, 'm').exec(body)![1];
    out.set(table, interfaces.get(iface)!);
  }
  return out;
}

describe('the Database type', () => {
  it('has every table and column of a migrated database, nullable where the column is', async () => {
    const { store } = await emptyDatabase();
    try {
      const tables = (
        store.raw
          .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%'`)
          .all() as { name: string }[]
      ).map((t) => t.name);
      const declared = declaredTables();
      expect([...declared.keys()].sort()).toEqual(tables.sort());
      for (const t of tables) {
        const cols = store.raw.prepare(`PRAGMA table_info(${t})`).all() as { name: string; notnull: number; pk: number; type: string }[];
        const single = cols.filter((c) => c.pk > 0).length === 1;
        const actual = Object.fromEntries(
          cols.map((c) => [c.name, { nullable: c.notnull === 0 && !(c.pk > 0 && single && c.type === 'INTEGER') }]),
        );
        expect({ table: t, columns: Object.fromEntries(declared.get(t)!) }).toEqual({ table: t, columns: actual });
      }
    } finally {
      await store.close();
    }
  });
});
