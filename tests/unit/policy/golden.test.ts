import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toScreenOutput } from '../../../src-main/policy/engine';
import { allReasons, run, type ParameterChange } from './helpers';

const DIR = path.resolve(__dirname, '../../fixtures/golden');
const files = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

interface Golden {
  description: string;
  parameterChanges?: ParameterChange[];
  file: unknown;
  expect: {
    tier: string;
    monthlyBenefit: number;
    reviewClass?: string | null;
    tekunMembers?: string[];
    singlePerson?: string[];
    gradualExit?: { month: number; percent: number } | null;
    parameterSet?: string;
    reasonRules: { rule: string; pass?: boolean }[];
  };
}

describe('golden households (figures worked by hand from docs/rules/assistance.md)', () => {
  it('has at least 40 cases', () => expect(files.length).toBeGreaterThanOrEqual(40));

  for (const name of files) {
    const g = JSON.parse(fs.readFileSync(path.join(DIR, name), 'utf8')) as Golden;
    it(`${name.replace(/\.json$/, '')}: ${g.description}`, () => {
      const d = run(g.file, g.parameterChanges);
      const e = g.expect;
      expect(d.tier).toBe(e.tier);
      expect(d.monthlyBenefitFen / 100).toBe(e.monthlyBenefit);
      if (e.reviewClass !== undefined) expect(d.reviewClass).toBe(e.reviewClass);
      if (e.tekunMembers) expect([...d.tekun.members].sort()).toEqual([...e.tekunMembers].sort());
      if (e.singlePerson) expect(d.singlePersonInclusion.map((s) => s.idNumber).sort()).toEqual([...e.singlePerson].sort());
      if (e.gradualExit !== undefined) expect(d.gradualExit).toEqual(e.gradualExit);
      if (e.parameterSet) expect(d.parameterSet).toBe(e.parameterSet);
      const reasons = allReasons(d);
      for (const r of e.reasonRules) {
        const hit = reasons.some((x) => x.rule === r.rule && (r.pass === undefined || x.pass === r.pass));
        expect(hit, `reason ${r.rule}${r.pass === undefined ? '' : r.pass ? ' (pass)' : ' (fail)'}`).toBe(true);
      }
      // The breakdown always adds up to the rounded benefit.
      const sum = d.breakdown.reduce((s, b) => s + b.amountFen, 0);
      expect(Math.abs(sum - d.monthlyBenefitFen)).toBeLessThan(1e-6);
      // And the screen output renders without gaps in either language.
      for (const lang of ['zh', 'en'] as const) {
        const out = toScreenOutput(d, lang);
        expect(out.monthlyBenefit).toBe(e.monthlyBenefit);
        const text = JSON.stringify(out);
        expect(text).not.toMatch(/\{\w+\}|undefined|NaN|—/);
      }
    });
  }
});
