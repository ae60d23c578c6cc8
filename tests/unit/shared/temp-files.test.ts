/**
 * The app's temporary folder (src-main/shared/temp-files.ts, docs/security.md "Files on disk"):
 * private to the user, one folder per piece of work named after its process, and a sweep at start
 * that removes what ended processes left and nothing of a process still running.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { appTempDir, makeTempDir, processTempDir, sweepTempFiles } from '../../../src-main/shared/temp-files';

const mode = (f: string) => fs.statSync(f).mode & 0o777;

describe("the app's temporary folder", () => {
  it('is private, and hands out user-only folders named after this process', () => {
    const root = appTempDir();
    expect(mode(root) & 0o077).toBe(0);
    const dir = makeTempDir('print');
    expect(path.dirname(dir)).toBe(root);
    expect(path.basename(dir)).toMatch(new RegExp(`^print-${process.pid}-[A-Za-z0-9]{6}$`));
    expect(mode(dir)).toBe(0o700);
    expect(processTempDir('uploads')).toBe(processTempDir('uploads'));
    fs.rmSync(dir, { recursive: true });
  });

  it("sweeps what ended processes left, never a running process's folders, and strays only after a day", () => {
    const root = appTempDir();
    // A process that has ended: its pid is free.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(gone.stdout);
    const dead = path.join(root, `upload-${deadPid}-abcdef`);
    fs.mkdirSync(dead);
    fs.writeFileSync(path.join(dead, 'household.csv'), '130123196003010011,王建国');
    const mine = makeTempDir('pdf');
    const parent = path.join(root, `print-${process.ppid}-ghijkl`);
    fs.mkdirSync(parent, { recursive: true });
    const strayNew = path.join(root, 'stray-new');
    const strayOld = path.join(root, 'stray-old');
    fs.writeFileSync(strayNew, 'x');
    fs.writeFileSync(strayOld, 'x');
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    fs.utimesSync(strayOld, twoDaysAgo, twoDaysAgo);

    expect(sweepTempFiles()).toBeGreaterThanOrEqual(2);
    expect(fs.existsSync(dead)).toBe(false);
    expect(fs.existsSync(strayOld)).toBe(false);
    expect(fs.existsSync(mine)).toBe(true);
    expect(fs.existsSync(parent)).toBe(true);
    expect(fs.existsSync(strayNew)).toBe(true);
    for (const f of [mine, parent, strayNew]) fs.rmSync(f, { recursive: true, force: true });
  });
});
