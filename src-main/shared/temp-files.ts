/**
 * The app's temporary folder (docs/security.md "Files on disk"): uploads, print parts, backup
 * and restore copies live in `<system temp>/safetynet-<user>` (0700), each in a folder named after
 * the process that made it. They are removed when done, and at start whatever a process that
 * is no longer running left behind (a crash, a kill) is swept away. Processes running side by
 * side (the app, the CLI, tests) never sweep each other's folders.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let root: string | null = null;

function userTag(): string {
  if (typeof process.getuid === 'function') return String(process.getuid());
  return os.userInfo().username.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/** Whether `dir` is a real folder of this user that nobody else may enter (POSIX; on Windows the per-user temp folder is). */
function ownedPrivateFolder(dir: string): boolean {
  const st = fs.lstatSync(dir);
  if (!st.isDirectory() || st.isSymbolicLink()) return false;
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return true;
  return st.uid === process.getuid() && (st.mode & 0o077) === 0;
}

/** The app's temporary folder, made on first use. */
export function appTempDir(): string {
  if (root && fs.existsSync(root)) return root;
  const dir = path.join(os.tmpdir(), `safetynet-${userTag()}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Someone else's folder (or a link) under that name in a shared /tmp is not used: a private one of this process instead.
  root = ownedPrivateFolder(dir) ? dir : fs.mkdtempSync(path.join(os.tmpdir(), `safetynet-${userTag()}-`));
  return root;
}

/** A new folder for one piece of work (`label-<pid>-xxxxxx`, 0700): remove it when done. */
export function makeTempDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(appTempDir(), `${label}-${process.pid}-`));
  if (process.platform !== 'win32') fs.chmodSync(dir, 0o700);
  return dir;
}

const perProcess = new Map<string, string>();

/** A folder kept for this process's lifetime (uploads that later calls read): swept once the process has ended. */
export function processTempDir(label: string): string {
  const known = perProcess.get(label);
  if (known && fs.existsSync(known)) return known;
  const dir = makeTempDir(label);
  perProcess.set(label, dir);
  return dir;
}

function running(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user.
    return e instanceof Error && Reflect.get(e, 'code') === 'EPERM';
  }
}

const OWNED = /-(\d+)-[A-Za-z0-9]{6}$/;
/** Anything else in the folder is left for a day (it may be being written by a process that names it otherwise). */
const STRAY_MS = 24 * 3600_000;

/** Removes what ended processes left in the app's temporary folder; answers how many entries went. */
export function sweepTempFiles(now = Date.now()): number {
  const dir = appTempDir();
  let removed = 0;
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    const m = OWNED.exec(name);
    let stale: boolean;
    try {
      stale = m ? !running(Number(m[1])) : now - fs.lstatSync(p).mtimeMs > STRAY_MS;
    } catch {
      continue;
    }
    if (!stale) continue;
    fs.rmSync(p, { recursive: true, force: true });
    removed++;
  }
  return removed;
}
