/**
 * All-or-nothing imports (docs/rules/assistance.md §6): a worker killed mid-way, then a re-run
 * that resumes; a cancelled import; the running import found again and marked in the history.
 */
import { describe, expect, it } from 'vitest';
import { idFor } from '../../fixtures/builders';
import { office, writeCsv, importFile, registry, type Office } from './helpers';
import { importFinished, importStatus, killImport } from '../../../src-main/exchange/runner';
import { unpackPart } from '../../../src-main/exchange/packed';

const HEAD = idFor('1960-03-01', 11);
const count = (o: Office, sql: string) => (o.store.raw.prepare(sql).get() as { n: number }).n;

/** 160,000 hospital stays of other residents, with the registry head's expensive stay near the end. */
function bigFile(o: Office): string {
  const lines = ['身份证号码,姓名,入院日期,个人自付'];
  for (let i = 0; i < 160_000; i++)
    lines.push(`${idFor('1970-01-01', 100 + (i % 800), String(130200 + (i % 90)))},某人,2026-10-0${1 + (i % 9)},${100 + (i % 50)}`);
  lines.push(`${HEAD},王建国,2026-10-05,9000`);
  return writeCsv(o.dir, 'big.csv', lines.join('\n') + '\n');
}

describe('all-or-nothing', () => {
  it('an import killed mid-way leaves registry and warnings as before; the re-run resumes and completes', async () => {
    const o = await office();
    await registry(o);
    const file = bigFile(o);
    const st = await o.clerk.value('exchange.start', { file: { path: file }, source: 'medical_insurance' });
    // Wait for the first committed batch, then kill the worker as a crash would.
    for (let i = 0; i < 600; i++) {
      if (count(o, `SELECT staged_rows AS n FROM exchange_imports WHERE id = ${st.importId}`) > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await killImport(st.importId);
    const staged = count(o, `SELECT staged_rows AS n FROM exchange_imports WHERE id = ${st.importId}`);
    expect(staged).toBeGreaterThan(0);
    expect(staged).toBeLessThan(160_000);
    expect(importStatus(o.store.raw, st.importId, 'en').status).not.toBe('applied');
    expect(count(o, `SELECT COUNT(*) AS n FROM warnings`)).toBe(0);
    const again = await o.clerk.value('exchange.start', { file: { path: file }, source: 'medical_insurance' });
    expect(again).toMatchObject({ importId: st.importId, duplicateFile: false, resumed: true });
    await importFinished(again.importId);
    const s = importStatus(o.store.raw, again.importId, 'en');
    expect(s.summary).toMatchObject({ rowsRead: 160_001, accepted: 160_001, matchedPersons: 1, warningsRaised: 1 });
    // The registry head's row is the one finding, packed in its part; the parts of both runs cover every line of the file once.
    const parts = o.store.raw
      .prepare(`SELECT first_row, last_row, n, data FROM exchange_row_parts WHERE import_id = ? ORDER BY first_row`)
      .all(again.importId) as { first_row: number; last_row: number; n: number; data: Uint8Array }[];
    expect(parts.flatMap((x) => unpackPart(x.data)).map((r) => [r.row, r.idNumber])).toEqual([[160_002, HEAD]]);
    expect(parts.reduce((a, x) => a + x.last_row - x.first_row + 1, 0)).toBe(160_002);
    expect(parts.every((x, i) => i === 0 || x.first_row === parts[i - 1].last_row + 1)).toBe(true);
    expect(count(o, `SELECT COUNT(*) AS n FROM exchange_household_rows WHERE import_id = ${again.importId}`)).toBe(1);
  }, 120_000);

  it('the running import is found again (a wizard opened later shows it) and marked in the history until it ends', async () => {
    const o = await office();
    await registry(o);
    expect(await o.clerk.call('exchange.running', {})).toMatchObject({ ok: true, value: { importId: null } });
    const st = await o.clerk.value('exchange.start', { file: { path: bigFile(o) }, source: 'medical_insurance' });
    expect(await o.manager.call('exchange.running', {})).toMatchObject({ ok: true, value: { importId: st.importId } });
    const during = (await o.clerk.value('exchange.history', {})).items;
    expect(during).toEqual([expect.objectContaining({ id: st.importId, running: true })]);
    await importFinished(st.importId);
    expect(await o.clerk.call('exchange.running', {})).toMatchObject({ ok: true, value: { importId: null } });
    expect((await o.clerk.value('exchange.history', {})).items).toEqual([
      expect.objectContaining({ id: st.importId, running: false, status: 'applied' }),
    ]);
  }, 120_000);

  it('a cancelled import changes nothing and can be run again', async () => {
    const o = await office();
    await registry(o);
    const file = bigFile(o);
    const st = await o.clerk.value('exchange.start', { file: { path: file }, source: 'medical_insurance' });
    expect(await o.clerk.call('exchange.cancel', { importId: st.importId })).toMatchObject({ ok: true });
    expect(importStatus(o.store.raw, st.importId, 'en').status).toBe('cancelled');
    expect(count(o, `SELECT COUNT(*) AS n FROM warnings`)).toBe(0);
    const r = await importFile(o, file, 'medical_insurance');
    expect(r.summary).toMatchObject({ rowsRead: 160_001, warningsRaised: 1 });
  }, 120_000);
});
