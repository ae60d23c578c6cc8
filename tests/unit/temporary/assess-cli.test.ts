/**
 * `safetynet temporary assess`: exit codes and the error JSON on stderr (as `safetynet screen`),
 * `--date` never moving the event date, the language of the reasons, and the real process once.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTemporaryCli } from '../../../src-main/cli/temporary';
import { cliIo } from './helpers';
import { ROOT } from '../../fixtures/paths';
import { emptyDatabase } from '../../fixtures/builders';
import { addParameterValue } from '../../../src-main/policy/parameter-store';

const golden = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/temporary-golden', `${name}.json`), 'utf8')).case as {
    household: { members: { idNumber: string }[] };
    temporary: Record<string, unknown>;
  };

async function assess(file: unknown, ...args: string[]) {
  const { io, out } = cliIo({ 'case.json': typeof file === 'string' ? file : JSON.stringify(file) });
  const code = await runTemporaryCli(['assess', 'case.json', ...args], io);
  return { code, stdout: out.stdout, stderr: out.stderr, error: out.stderr ? JSON.parse(out.stderr).error : null };
}

describe('safetynet temporary assess: invalid input', () => {
  const base = golden('income-exactly-at-pcdi-eligible');

  it('a bad ID number: exit 2, the household file’s error naming the member', async () => {
    const f = structuredClone(base);
    f.household.members[0].idNumber = '110105194912310021';
    const r = await assess(f);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.error).toMatchObject({ code: 'invalid_input', field: 'household.members[0].idNumber' });
    expect(Object.keys(r.error)).toEqual(['code', 'message', 'field']);
  });

  it('a missing temporary block: exit 2, field temporary', async () => {
    const { temporary: _gone, ...f } = structuredClone(base);
    const r = await assess(f, '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.error).toEqual({ code: 'invalid_input', message: 'the temporary block (the request) is missing', field: 'temporary' });
  });

  it('an unknown reason code, or one of the other kind: exit 2, field temporary.reason', async () => {
    const f = structuredClone(base);
    f.temporary.reason = 'lottery';
    expect((await assess(f)).error).toMatchObject({ code: 'invalid_input', field: 'temporary.reason' });
    f.temporary.reason = 'fire';
    const r = await assess(f, '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.error).toMatchObject({ field: 'temporary.reason', message: expect.stringMatching(/not a reason of expenditure/) });
  });

  it('spending: missing, more than two decimals, negative, or given to an emergency', async () => {
    const f = structuredClone(base);
    delete f.temporary.spending;
    expect((await assess(f)).error).toMatchObject({ field: 'temporary.spending' });
    f.temporary.spending = 100.005;
    expect((await assess(f)).error).toMatchObject({ field: 'temporary.spending', message: 'amount has more than two decimals' });
    f.temporary.spending = -1;
    expect((await assess(f)).error).toMatchObject({ field: 'temporary.spending' });
    const e = golden('emergency-exactly-1s-quick');
    e.temporary.spending = 10;
    expect((await assess(e)).error).toMatchObject({ field: 'temporary.spending' });
    delete e.temporary.spending;
    delete e.temporary.amount;
    expect((await assess(e)).error).toMatchObject({ field: 'temporary.amount' });
  });

  it('an unknown field in the block, a bad event date, a date before any parameter', async () => {
    const f = structuredClone(base);
    f.temporary.colour = 'red';
    expect((await assess(f)).error).toMatchObject({ field: 'temporary', message: 'unknown field(s): colour' });
    delete f.temporary.colour;
    f.temporary.eventDate = '2026-02-30';
    expect((await assess(f)).error).toMatchObject({ field: 'temporary.eventDate' });
    f.temporary.eventDate = '2025-12-31';
    const r = await assess(f);
    expect(r.code).toBe(2);
    expect(r.error).toMatchObject({ code: 'no_parameters', field: 'temporary.eventDate' });
  });

  it('not JSON; bad options; a file that cannot be read (exit 1)', async () => {
    expect((await assess('{"format":')).error).toMatchObject({ code: 'invalid_input', field: '' });
    expect((await assess(base, '--lang', 'fr')).error).toMatchObject({ code: 'invalid_argument', field: '--lang' });
    expect((await assess(base, '--date', '2026-13-01')).error).toMatchObject({ code: 'invalid_argument', field: '--date' });
    expect((await assess(base, '--colour')).code).toBe(2);
    const { io, out } = cliIo({});
    expect(await runTemporaryCli(['assess', 'missing.json'], io)).toBe(1);
    expect(JSON.parse(out.stderr).error.code).toBe('file_unreadable');
  });
});

describe('safetynet temporary assess: dates and language', () => {
  it('--date is today for the checks, never the event date: S stays the one in force on the event date', async () => {
    const f = golden('standard-change-day-before');
    const { io, out } = cliIo({ 'case.json': JSON.stringify(f) }, [
      { id: 'dibao.standard', effectiveFrom: '2027-01-01', urban: 80000, rural: 65000 },
    ]);
    expect(await runTemporaryCli(['assess', 'case.json', '--date', '2027-03-01', '--db', 'office.db'], io)).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ cap: 7500, amount: 7500 });
  });

  it('an eligible and a refused case both exit 0; the reasons follow --lang', async () => {
    const zh = await assess(golden('spending-exactly-at-threshold-refused'), '--lang', 'zh');
    expect(zh.code).toBe(0);
    expect(JSON.parse(zh.stdout).reasons.at(-1)).toBe(
      '[temporary.threshold] 支出门槛（第4–5步）：支出未超过家庭收入的 20%：支出 E 2,400.00 元 ≤ 门槛 T = 20% × 12,000.00 元 = 2,400.00 元，不予救助',
    );
    const en = await assess(golden('spending-exactly-at-threshold-refused'), '--lang', 'en');
    expect(JSON.parse(en.stdout).reasons.at(-1)).toBe(
      "[temporary.threshold] Spending threshold (steps 4–5): spending does not exceed 20% of the household's income: E 2,400.00 ≤ T = 20% × 12,000.00 = 2,400.00: refused",
    );
  });

  it('the exact figures before step 7 appear in the reasons', async () => {
    const r = JSON.parse((await assess(golden('income-wage-disregard'), '--lang', 'en')).stdout);
    expect(r.reasons).toContain(
      '[temporary.amount] Amount (step 7): A = (E 10,000.00 − T 9,599.9904) × 40% = 160.00384, rounded half up to the fen = 160.00',
    );
  });
});

describe('the command line process', () => {
  it('exit codes and streams through bin/safetynet.mjs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'temporary-cli-'));
    const file = path.join(dir, 'case.json');
    fs.writeFileSync(file, JSON.stringify(golden('cap-a-fen-above-case-by-case')));
    const out = execFileSync(process.execPath, [path.join(ROOT, 'bin/safetynet.mjs'), 'temporary', 'assess', file, '--lang', 'en'], {
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toMatchObject({ eligible: true, amount: 7500, cap: 7500, band: 'case_by_case', caseByCase: true });
    const bad = golden('cap-a-fen-above-case-by-case');
    bad.temporary.reason = 'nothing';
    fs.writeFileSync(file, JSON.stringify(bad));
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/safetynet.mjs'), 'temporary', 'assess', file], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr).error).toMatchObject({ code: 'invalid_input', field: 'temporary.reason' });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('--db reads the office’s dated parameters: a new standard from the event date applies', async () => {
    const { store, file: db } = await emptyDatabase();
    addParameterValue(
      store.raw,
      { parameterId: 'dibao.standard', effectiveFrom: '2027-01-01', urban: 80_000, rural: 65_000 },
      { userId: null, username: 't' },
      new Date(),
    );
    await store.close();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'temporary-cli-'));
    const file = path.join(dir, 'case.json');
    fs.writeFileSync(file, JSON.stringify(golden('standard-change-on-event-date')));
    const run = (...more: string[]) =>
      spawnSync(process.execPath, [path.join(ROOT, 'bin/safetynet.mjs'), 'temporary', 'assess', file, '--lang', 'en', ...more], {
        encoding: 'utf8',
      });
    expect(JSON.parse(run('--db', db).stdout)).toMatchObject({ cap: 8000, amount: 8000, caseByCase: true });
    // Without it, the shipped values: 750 still.
    expect(JSON.parse(run().stdout)).toMatchObject({ cap: 7500 });
    const missing = run('--db', path.join(dir, 'nothing.db'));
    expect(missing.status).toBe(2);
    expect(JSON.parse(missing.stderr).error).toMatchObject({ code: 'invalid_argument', field: '--db' });
    expect(fs.existsSync(path.join(dir, 'nothing.db'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
