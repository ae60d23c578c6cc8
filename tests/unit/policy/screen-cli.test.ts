import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScreen, type ScreenIo } from '../../../src-main/cli/screen';
import { checkCharacter } from '../../../src-main/common/id-number';

const GOLDEN = path.resolve(__dirname, '../../fixtures/golden');
const golden = (name: string) => JSON.parse(fs.readFileSync(path.join(GOLDEN, `${name}.json`), 'utf8')).file;

function io(files: Record<string, string>, locale = 'zh-CN') {
  const out = { stdout: '', stderr: '' };
  const x: ScreenIo = {
    readFile: (p) => {
      if (!(p in files)) throw Object.assign(new Error(`ENOENT: no such file, open '${p}'`), { code: 'ENOENT' });
      return files[p];
    },
    stdout: (s) => (out.stdout += s),
    stderr: (s) => (out.stderr += s),
    today: '2026-11-29',
    locale,
  };
  return { io: x, out };
}

describe('safetynet screen', () => {
  const family = JSON.stringify(golden('dibao-family-disregard-class-c'));

  it('exit 0 with the screen shape on stdout', () => {
    const { io: x, out } = io({ 'h.json': family });
    expect(runScreen(['h.json', '--lang', 'en'], x)).toBe(0);
    const r = JSON.parse(out.stdout);
    expect(Object.keys(r)).toEqual([
      'referenceDate',
      'parameterSet',
      'tier',
      'tiers',
      'singlePersonInclusion',
      'monthlyBenefit',
      'breakdown',
      'reviewClass',
      'gradualExit',
      'entitlements',
    ]);
    expect(r).toMatchObject({
      referenceDate: '2026-11-01',
      parameterSet: 'demo-county@2026-01-01',
      tier: 'dibao',
      monthlyBenefit: 1313,
      reviewClass: 'C',
      gradualExit: null,
    });
    expect(r.tiers.map((t: { tier: string }) => t.tier)).toEqual(['tekun', 'dibao', 'marginal', 'rigid']);
    expect(r.tiers[1].reasons).toContain(
      'Dibao: income test: per-capita income 350.00 < standard 750.00 (total 1,050.00 < 2,250.00 for 3 members)',
    );
    // The rule of each reason travels beside it; people are named by relation and name (issue 21).
    expect(r.tiers[1].rules).toHaveLength(r.tiers[1].reasons.length);
    expect(r.tiers[1].rules).toContain('dibao.income');
    const all = JSON.stringify(r.tiers) + JSON.stringify(r.entitlements.map((e: { detail: string }) => e.detail));
    expect(all).toContain('spouse 李娜');
    expect(all).not.toMatch(/110105\d{11}[\dX]/);
    expect(r.breakdown).toEqual([
      { item: 'gap', amount: 1200, rule: 'dibao.gap' },
      { item: 'addon', idNumber: expect.any(String), amount: 112.5, rule: 'dibao.addon' },
      { item: 'rounding', amount: 0.5, rule: 'rounding' },
    ]);
    expect(r.entitlements.map((e: { assistance: string; department: string }) => `${e.assistance}/${e.department}`)).toEqual(
      expect.arrayContaining(['medical/medical_insurance', 'education/education', 'employment/hrss']),
    );
    expect(out.stderr).toBe('');
  });

  it('defaults to the system locale, else Chinese', () => {
    const en = io({ 'h.json': family }, 'en-US');
    runScreen(['h.json'], en.io);
    expect(JSON.parse(en.out.stdout).tiers[1].reasons[0]).toMatch(/Household income/);
    const fr = io({ 'h.json': family }, 'fr-FR');
    runScreen(['h.json'], fr.io);
    expect(JSON.parse(fr.out.stdout).tiers[1].reasons[0]).toMatch(/家庭收入/);
  });

  it('--date overrides the file reference date', () => {
    const { io: x, out } = io({ 'h.json': family });
    expect(runScreen(['h.json', '--date', '2026-12-15'], x)).toBe(0);
    expect(JSON.parse(out.stdout).referenceDate).toBe('2026-12-15');
  });

  it('exit 2 with the field for invalid household data', () => {
    const bad = JSON.parse(family);
    const first17 = '11010519860404001';
    bad.household.members[1].idNumber = first17 + (checkCharacter(first17) === '0' ? '1' : '0'); // wrong check character
    const { io: x, out } = io({ 'h.json': JSON.stringify(bad) });
    expect(runScreen(['h.json'], x)).toBe(2);
    expect(JSON.parse(out.stderr)).toEqual({
      error: { code: 'invalid_input', message: expect.any(String), field: 'household.members[1].idNumber' },
    });
    expect(out.stdout).toBe('');
  });

  it('exit 2 for JSON that does not parse, unknown fields, bad options and dates without parameters', () => {
    const cases: [string[], Record<string, string>, string][] = [
      [['h.json'], { 'h.json': '{ nope' }, ''],
      [['h.json'], { 'h.json': JSON.stringify({ ...JSON.parse(family), extra: 1 }) }, ''],
      [['h.json', '--date', '2026-02-30'], { 'h.json': family }, '--date'],
      [['h.json', '--lang', 'fr'], { 'h.json': family }, '--lang'],
      [['h.json', '--date', '2025-06-01'], { 'h.json': family }, '--date'],
      [['h.json', '--bogus'], { 'h.json': family }, ''],
      [[], {}, ''],
    ];
    for (const [argv, files, field] of cases) {
      const { io: x, out } = io(files);
      expect(runScreen(argv, x), argv.join(' ')).toBe(2);
      const e = JSON.parse(out.stderr).error;
      expect(e.field).toBe(field);
      expect(typeof e.code).toBe('string');
    }
  });

  it('exit 1 when the file cannot be read', () => {
    const { io: x, out } = io({});
    expect(runScreen(['missing.json'], x)).toBe(1);
    expect(JSON.parse(out.stderr).error.code).toBe('file_unreadable');
  });
});
