/**
 * Golden cases of docs/rules/temporary-service-recovery.md §11.2–§11.3, worked by hand (tests/fixtures/temporary-golden):
 * each through the computation with the county values in force on its event date, and through
 * `safetynet temporary assess` as a script would call it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTemporaryCli } from '../../../src-main/cli/temporary';
import type { DatedValue, ParameterId } from '../../../src-main/common/parameters';
import { cliIo } from './helpers';

const DIR = path.resolve(__dirname, '../../fixtures/temporary-golden');
const files = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

interface Golden {
  description: string;
  parameterChanges?: (DatedValue & { id: ParameterId })[];
  case: unknown;
  expect: {
    eligible: boolean;
    amount: number;
    cap: number;
    band: string | null;
    caseByCase: boolean;
    reasonRules: { rule: string; pass?: boolean }[];
  };
}

describe('temporary assistance golden cases (§11.2 worked by hand)', () => {
  it('has the cases the rules name', () => {
    for (const name of [
      'income-exactly-at-pcdi-eligible',
      'income-a-fen-above-pcdi-refused',
      'spending-exactly-at-threshold-refused',
      'spending-a-fen-above-threshold-half-fen-up',
      'cap-exactly-10s-not-case-by-case',
      'cap-a-fen-above-case-by-case',
      'standard-change-on-event-date',
      'tekun-threshold-zero',
      'dibao-threshold-zero-with-income',
      'rounding-half-fen-up',
      'urban-same-income-eligible',
      'rural-same-income-refused',
    ])
      expect(files).toContain(`${name}.json`);
  });

  for (const name of files) {
    const g = JSON.parse(fs.readFileSync(path.join(DIR, name), 'utf8')) as Golden;
    it(`${name.replace(/\.json$/, '')}: ${g.description}`, async () => {
      for (const lang of ['zh', 'en'] as const) {
        const { io, out } = cliIo({ 'case.json': JSON.stringify(g.case) }, g.parameterChanges);
        const argv = ['assess', 'case.json', '--lang', lang, ...(g.parameterChanges ? ['--db', 'office.db'] : [])];
        expect(await runTemporaryCli(argv, io), out.stderr).toBe(0);
        expect(out.stderr).toBe('');
        const r = JSON.parse(out.stdout);
        expect(Object.keys(r)).toEqual(['eligible', 'amount', 'cap', 'band', 'caseByCase', 'reasons']);
        const { reasonRules, ...figures } = g.expect;
        expect({ eligible: r.eligible, amount: r.amount, cap: r.cap, band: r.band, caseByCase: r.caseByCase }).toEqual(figures);
        const text: string[] = r.reasons;
        for (const rule of reasonRules) {
          const hit = text.find((x) => x.startsWith(`[${rule.rule}]`));
          expect(hit, `reason ${rule.rule}`).toBeDefined();
          if (rule.pass === false && lang === 'en') expect(hit).toMatch(/refused|above|case by case|cap/);
        }
        // Every figure is filled in: no placeholder, no NaN, nothing undefined.
        expect(text.join('\n')).not.toMatch(/\{\w+\}|undefined|NaN/);
        if (!r.eligible) expect(text.at(-1)).toMatch(lang === 'zh' ? /不予救助/ : /refused/);
      }
    });
  }
});
