/**
 * The contract's schemas of the engine's result and of the screen output keep every field the
 * engine writes: parsing a real result gives it back unchanged (a field the schema lacked would
 * be dropped on the way to the screen).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { determinationSchema, screenOutputSchema } from '../../../src-main/common/determination';
import { toScreenOutput } from '../../../src-main/policy/engine';
import { run, type ParameterChange } from './helpers';

const DIR = path.resolve(__dirname, '../../fixtures/golden');
const files = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('the contract schemas of a determination', () => {
  it('give back every golden household’s result and screen output exactly, in both languages', () => {
    const tiers = new Set<string>();
    for (const name of files) {
      const g: { file: unknown; parameterChanges?: ParameterChange[] } = JSON.parse(fs.readFileSync(path.join(DIR, name), 'utf8'));
      const d = run(g.file, g.parameterChanges);
      tiers.add(d.tier);
      expect(determinationSchema.parse(JSON.parse(JSON.stringify(d))), name).toEqual(JSON.parse(JSON.stringify(d)));
      for (const lang of ['zh', 'en'] as const) {
        const out = toScreenOutput(d, lang);
        expect(screenOutputSchema.parse(out), name).toEqual(out);
      }
    }
    // The cases cover every outcome the schema names.
    expect([...tiers].sort()).toEqual(['dibao', 'marginal', 'none', 'rigid', 'tekun']);
  });
});
