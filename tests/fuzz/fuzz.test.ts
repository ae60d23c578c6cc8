/**
 * The fuzz suite and the kill loops in `npm test` (docs/security.md "Inputs"): 100 mutated files
 * and 3 kills of each kind, each in a process of its own (its peak memory measured apart from the
 * tests'); `npm run fuzz` runs 1,000 files and 20 kills of each.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../fixtures/paths';

function runTs(file: string, args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests', 'fuzz', file), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 420_000,
    maxBuffer: 16 << 20,
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (!line.startsWith('{')) throw new Error(`${file} did not report (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(line);
}

describe('fuzz', () => {
  it('100 mutated department files and packages: no crash, no partial write, every file a clear message, peak RSS under 500 MB', () => {
    const r = runTs('run.ts', ['--files', '100', '--seed', '20261130', '--quiet']);
    expect(r.failures).toEqual([]);
    expect(r.outcomes.crash).toBe(0);
    expect(r.outcomes.accepted + r.outcomes.refused).toBe(100);
    // Both outcomes occur: the suite is not refusing everything, nor accepting everything.
    expect(r.outcomes.accepted).toBeGreaterThan(5);
    expect(r.outcomes.refused).toBeGreaterThan(30);
    expect(r.integrity).toBe('ok');
    expect(r.leftovers).toEqual([]);
    expect(r.peakRssMb).toBeLessThan(500);
  }, 480_000);

  it('kill -9 three times during an import and during a restore: integrity ok, all or nothing, a re-run completes', () => {
    const r = runTs('kill.ts', ['--kills', '3', '--seed', '20261130']);
    expect(r.imports).toMatchObject({ kills: 3, rerun: 'complete' });
    expect(r.restores).toMatchObject({ kills: 3, rerun: 'complete' });
    // The kills landed while the command was still at work, not after it had ended.
    expect(r.imports.landedWhileRunning).toBe(3);
    expect(r.restores.landedWhileRunning).toBeGreaterThan(0);
  }, 480_000);
});
