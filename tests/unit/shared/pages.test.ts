import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { forEachPaged } from '../../../src-main/shared/pages';

describe('forEachPaged', () => {
  it('visits every row once, in key order, and leaves the connection free between pages', async () => {
    const db = new BetterSqlite3(':memory:');
    db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, g INTEGER, v TEXT)`);
    const ins = db.prepare(`INSERT INTO t (id, g, v) VALUES (?, ?, ?)`);
    // Gaps in the key, and rows of another group between them.
    for (let i = 1; i <= 40; i++) ins.run(i * 3, i % 4 === 0 ? 2 : 1, `v${i}`);
    const seen: number[] = [];
    let pagesDone = 0;
    const other = db.prepare(`UPDATE t SET v = v || '!' WHERE id = ?`);
    const page = db.prepare<[number, number, number], { id: number }>(`SELECT id FROM t WHERE g = ? AND id > ? ORDER BY id LIMIT ?`);
    const done = forEachPaged(
      (after, limit) => page.all(1, after, limit),
      (r) => r.id,
      (r) => seen.push(r.id),
      7,
    );
    // Between pages another call writes on the same connection: with an open cursor better-sqlite3 would refuse it.
    while (seen.length < 30) {
      await new Promise((r) => setImmediate(r));
      other.run(3);
      pagesDone++;
    }
    await done;
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => (i + 1) * 3).filter((id) => (id / 3) % 4 !== 0));
    expect(pagesDone).toBeGreaterThan(1);
    expect(db.prepare(`SELECT v FROM t WHERE id = 3`).pluck().get()).toMatch(/^v1!+$/);
  });

  it('an exact multiple of the page size ends after one empty page', async () => {
    const db = new BetterSqlite3(':memory:');
    db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO t (id) VALUES (1), (2), (3), (4)`);
    const seen: number[] = [];
    const page = db.prepare<[number, number], { id: number }>(`SELECT id FROM t WHERE id > ? ORDER BY id LIMIT ?`);
    await forEachPaged(
      (after, limit) => page.all(after, limit),
      (r) => r.id,
      (r) => seen.push(r.id),
      2,
    );
    expect(seen).toEqual([1, 2, 3, 4]);
  });
});
