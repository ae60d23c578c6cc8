/**
 * Applying along the last of a large file (src-main/exchange/stage.ts StageOptions.applyAlong):
 * the warnings raised while the reading thread finishes, in the transaction apply ends, with the
 * effects of applying after the last row — or not at all when anything was committed meanwhile.
 */
import { describe, expect, it } from 'vitest';
import { NOW } from './helpers';
import { connectTo } from '../../fixtures/builders';
import { stageFile } from '../../../src-main/exchange/stage';
import { applyImport } from '../../../src-main/exchange/apply';
import { runImportJob } from '../../../src-main/exchange/job';
import { ACTOR, bigFile, effects, job, twoOffices } from './staging-fixtures';

describe('applying along the last of the file', () => {
  const along = { applyAlong: { actor: ACTOR, now: NOW } };

  it('raises the warnings while the reading thread finishes, in the transaction apply ends, with the effects of applying after the last row', async () => {
    const [a, b] = await twoOffices();
    const pa = await job(a, bigFile(a.dir)),
      pb = await job(b, bigFile(b.dir));
    const st = await stageFile(a.store.raw, pa.job, { inThread: true, ...along });
    if (st === 'cancelled') throw new Error('cancelled');
    // The writer read its share before the reading thread (which starts later and reads the larger share) was done.
    expect(st.readers).toBe(2);
    expect(st.raised).toBeGreaterThan(0);
    expect(a.store.raw.inTransaction).toBe(true);
    // Raised as they came: nothing of them is kept for apply. The household index of the rows matched by then is written too.
    expect([st.candidates, st.pending]).toEqual([[], []]);
    expect(st.pairsWritten).toBeGreaterThan(0);
    expect(st.pairsWritten).toBeLessThanOrEqual(st.pairCount);
    const sa = applyImport(a.store.raw, pa.importId, ACTOR, NOW, 'en', st);
    a.store.raw.exec('COMMIT');
    const sb = await runImportJob(b.store.raw, pb.job, { actor: ACTOR, now: () => NOW, lang: 'en' });
    expect(sa.warningsRaised).toBe(st.raised);
    expect(effects(a, sa)).toEqual(effects(b, sb));
    expect((effects(a, sa).warnings as unknown[]).length).toBe(sa.warningsRaised);
  }, 120_000);

  it('with more of the file left than it may hold the lock for, it begins once the reading thread is that close to the end', async () => {
    const [a, b] = await twoOffices();
    const pa = await job(a, bigFile(a.dir)),
      pb = await job(b, bigFile(b.dir));
    // Nothing may be left: it begins with the reading thread's last part, not when this thread has read its own share.
    const st = await stageFile(a.store.raw, pa.job, { inThread: true, applyAlong: { ...along.applyAlong, maxBytes: 0 } });
    if (st === 'cancelled') throw new Error('cancelled');
    expect(st.raised).toBeGreaterThan(0);
    const sa = applyImport(a.store.raw, pa.importId, ACTOR, NOW, 'en', st);
    a.store.raw.exec('COMMIT');
    const sb = await runImportJob(b.store.raw, pb.job, { actor: ACTOR, now: () => NOW, lang: 'en' });
    expect(effects(a, sa)).toEqual(effects(b, sb));
  }, 120_000);

  it('does not when anything was committed since the person index was built, and applies after the last row as before', async () => {
    const [a, b] = await twoOffices();
    // 400,000 rows: the first batch (100,000 rows) is committed before the writer has read its share.
    const pa = await job(a, bigFile(a.dir, 400_000)),
      pb = await job(b, bigFile(b.dir, 400_000));
    const other = connectTo(a.store.file);
    let edited = false;
    // Another connection commits while the file is read (an edit elsewhere in the app), between two batches of the staging.
    const edit = () => {
      if (!edited && !a.store.raw.inTransaction) {
        other.prepare(`UPDATE households SET updated_at = '2026-11-30T10:00:00Z'`).run();
        edited = true;
      }
      return false;
    };
    const st = await stageFile(a.store.raw, pa.job, { cancelled: edit, inThread: true, ...along });
    other.close();
    if (st === 'cancelled') throw new Error('cancelled');
    expect(edited).toBe(true);
    expect(st.raised).toBeNull();
    expect(a.store.raw.inTransaction).toBe(false);
    const sa = applyImport(a.store.raw, pa.importId, ACTOR, NOW, 'en', st);
    const sb = await runImportJob(b.store.raw, pb.job, { actor: ACTOR, now: () => NOW, lang: 'en' });
    expect(effects(a, sa)).toEqual(effects(b, sb));
  }, 120_000);

  it('a cancel while applying along leaves no warning and the parts committed before; the next run completes as one in one go', async () => {
    const [a, b] = await twoOffices();
    const pa = await job(a, bigFile(a.dir)),
      pb = await job(b, bigFile(b.dir));
    const raw = a.store.raw;
    // Cancelled as soon as this connection sees a warning: one raised along, in the transaction not yet committed.
    const seen = () => (raw.prepare(`SELECT COUNT(*) FROM warnings`).pluck().get() as number) > 0;
    expect(await stageFile(raw, pa.job, { cancelled: seen, inThread: true, ...along })).toBe('cancelled');
    expect(raw.inTransaction).toBe(false);
    expect(raw.prepare(`SELECT COUNT(*) FROM warnings`).pluck().get()).toBe(0);
    const kept = raw
      .prepare(`SELECT SUM(last_row - first_row + 1) FROM exchange_row_parts WHERE import_id = ?`)
      .pluck()
      .get(pa.importId) as number;
    expect(kept).toBeGreaterThan(0);
    expect(raw.prepare(`SELECT staged_rows FROM exchange_imports WHERE id = ?`).pluck().get(pa.importId)).toBe(kept);
    const sa = await runImportJob(raw, pa.job, { actor: ACTOR, now: () => NOW, lang: 'en', inThread: true });
    const sb = await runImportJob(b.store.raw, pb.job, { actor: ACTOR, now: () => NOW, lang: 'en' });
    expect(effects(a, sa)).toEqual(effects(b, sb));
  }, 120_000);
});
