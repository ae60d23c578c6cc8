/**
 * What the loopback host may serve from the renderer folder, decided without `new URL` or a
 * bare `decodeURIComponent` (both throw on what an attacker sends: `GET /%`, `GET http://[zz/`).
 * A file is served only if, after decoding, it lies inside the folder by `path.relative`, and
 * again after following symlinks; never a directory listing.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Longer request targets are refused (414) before any work; Node itself answers 431 past 16 KB of headers. */
export const MAX_TARGET_LENGTH = 4096;

export type Refusal = { status: 400 | 403 | 404 | 414; reason: string };
export type Target = { ok: true; path: string } | ({ ok: false } & Refusal);

/**
 * The still-encoded path of an origin-form request target (`/a/b?x`). Absolute-form
 * (`http://host/x`), authority-form and `*` are refused: a browser never sends them to this host.
 */
export function requestPath(target: string | undefined): Target {
  if (!target) return { ok: false, status: 400, reason: 'empty request target' };
  if (target.length > MAX_TARGET_LENGTH) return { ok: false, status: 414, reason: 'request target too long' };
  if (!target.startsWith('/')) return { ok: false, status: 400, reason: 'only origin-form request targets (/path) are served' };
  const end = target.search(/[?#]/);
  return { ok: true, path: end === -1 ? target : target.slice(0, end) };
}

/** True when `file` is `root` itself or below it (no `..` first, not on another drive). */
export function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** Maps an encoded URL path to a file name below `root`, or the reason it is refused. */
export function staticFile(root: string, encodedPath: string): { ok: true; file: string } | ({ ok: false } & Refusal) {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encodedPath);
  } catch {
    return { ok: false, status: 400, reason: 'bad percent-encoding' };
  }
  if (decoded.includes('\0')) return { ok: false, status: 400, reason: 'NUL in path' };
  // Encoded slashes (%2f, %5c) and backslashes count as separators on every platform, and no
  // segment may climb (`..`) or name a drive or an NTFS stream (`C:`, `a::$DATA`).
  const segments = decoded.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..' || s.includes(':'))) return { ok: false, status: 403, reason: 'outside the renderer folder' };
  const file = path.join(root, ...segments);
  if (!isInside(root, file)) return { ok: false, status: 403, reason: 'outside the renderer folder' };
  return { ok: true, file };
}

/**
 * The real file to send for `file` (below `root`): a directory or a missing extension-less path
 * is the app's index.html (no listing; the app routes in the fragment); a symlink that leads
 * outside the folder is refused.
 */
export async function resolveServed(
  root: string,
  file: string,
): Promise<{ ok: true; real: string; rel: string } | ({ ok: false } & Refusal)> {
  const realRoot = await fs.promises.realpath(root).catch(() => null);
  if (!realRoot) return { ok: false, status: 404, reason: 'renderer not built: run `npm run build`' };
  let candidate = file;
  const st = await fs.promises.stat(candidate).catch(() => null);
  if (!st || st.isDirectory()) {
    if (st === null && path.extname(candidate) !== '') return { ok: false, status: 404, reason: 'not found' };
    candidate = path.join(root, 'index.html');
  }
  const real = await fs.promises.realpath(candidate).catch(() => null);
  if (!real) return { ok: false, status: 404, reason: 'renderer not built: run `npm run build`' };
  if (!isInside(realRoot, real)) return { ok: false, status: 403, reason: 'outside the renderer folder' };
  const realStat = await fs.promises.stat(real).catch(() => null);
  if (!realStat?.isFile()) return { ok: false, status: 404, reason: 'not found' };
  return { ok: true, real, rel: path.relative(realRoot, real) };
}
