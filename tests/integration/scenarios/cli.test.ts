/** `safetynet scenario …`: JSON in yuan, budget mode's answer, invalid input exits 2 with the error on stderr. */
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI } from '../../fixtures/paths';
import { tempDir } from '../../fixtures/builders';

const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

describe('safetynet scenario', () => {
  it('runs a scenario, solves a budget, lists the parameters, and refuses invalid input with exit 2', () => {
    const db = path.join(tempDir(), 'county.db');
    expect(run(['demo', '--households', '400', '--db', db, '--seed', '3']).status).toBe(0);
    const params = JSON.parse(run(['scenario', 'params', '--db', db, '--date', '2027-01-01', '--json']).stdout);
    expect(params.parameters).toContainEqual({ id: 'dibao.standard', unit: 'fen_per_month', money: true, urban: 750, rural: 600 });

    const r = run([
      'scenario',
      'run',
      '--db',
      db,
      '--set',
      'dibao.standard.rural=650',
      '--set',
      'addon.rate=0.2',
      '--from',
      '2027-01-01',
      '--json',
    ]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out.households).sort()).toEqual(['benefitChanged', 'leaving', 'newlyEligible', 'tierDown', 'tierUp', 'unchanged']);
    expect(out.monthlyCost.delta).toBeCloseTo(out.monthlyCost.after - out.monthlyCost.before, 2);
    expect(out.monthlyCost.delta).toBeGreaterThan(0);
    const towns = Object.values(out.byTownship) as { before: number; after: number; delta: number }[];
    expect(towns.reduce((a, t) => a + t.after, 0)).toBeCloseTo(out.monthlyCost.after, 2);
    expect(out.byTier.dibao).toMatchObject({ before: expect.any(Number), after: expect.any(Number), delta: expect.any(Number) });

    const budget = Math.round(out.monthlyCost.before * 1.03);
    const b = run([
      'scenario',
      'run',
      '--db',
      db,
      '--from',
      '2027-01-01',
      '--budget',
      String(budget),
      '--solve',
      'dibao.standard.rural',
      '--json',
    ]);
    expect(b.status).toBe(0);
    const solved = JSON.parse(b.stdout);
    expect(solved.solved.parameter).toBe('dibao.standard.rural');
    expect(solved.monthlyCost.after).toBeLessThanOrEqual(budget);
    const more = JSON.parse(
      run(['scenario', 'run', '--db', db, '--set', `dibao.standard.rural=${solved.solved.value + 1}`, '--from', '2027-01-01', '--json'])
        .stdout,
    );
    expect(more.monthlyCost.after).toBeGreaterThan(budget);

    for (const bad of [
      ['--set', 'dibao.standard.rural=abc', '--from', '2027-01-01'],
      ['--set', 'addon.rate=2', '--from', '2027-01-01'],
      ['--budget', '100', '--from', '2027-01-01'],
    ]) {
      const e = run(['scenario', 'run', '--db', db, ...bad, '--json']);
      expect({ bad, status: e.status }).toEqual({ bad, status: 2 });
      expect(JSON.parse(e.stderr.split('\n')[0]).error.code).toMatch(/^(invalid|usage)/);
    }
  }, 180_000);
});
