/**
 * The anchor log: a small append-only file beside the database (`<file>.audit-anchors`), one JSON
 * line each time the chain's head leaves the database — printed on a roster, written into a backup
 * or a package, noted at start-up. Deleting the log's last rows, or re-computing it, no longer
 * matches these lines (docs/security.md "Audit").
 */
import fs from 'node:fs';

export interface Anchor {
  at: string;
  /** The chain's length (the last row's seq) when it was anchored. */
  rows: number;
  /** The hash (seal) of that row. */
  hash: string;
  /** The first sealed row of the chain (rows before it carry unkeyed SHA-256 links). */
  keyedFrom: number;
  /** Where the head went: `printed roster 2026-11`, `backup D:\…`, `start-up`. */
  where: string;
}

export const anchorFile = (dbFile: string) => `${dbFile}.audit-anchors`;

/** Appends one line (the file is created user-only); a database without a file has no anchor log. */
export function appendAnchor(dbFile: string, a: Anchor): void {
  if (!dbFile || dbFile === ':memory:') return;
  fs.appendFileSync(anchorFile(dbFile), JSON.stringify(a) + '\n', { encoding: 'utf8', mode: 0o600 });
}

export interface AnchorRead {
  anchors: Anchor[];
  /** Line numbers (1-based) that are not an anchor: the log itself was edited. */
  damaged: number[];
}

const isAnchor = (v: unknown): v is Anchor =>
  typeof v === 'object' &&
  v !== null &&
  Number.isInteger(Reflect.get(v, 'rows')) &&
  typeof Reflect.get(v, 'hash') === 'string' &&
  Number.isInteger(Reflect.get(v, 'keyedFrom')) &&
  typeof Reflect.get(v, 'at') === 'string' &&
  typeof Reflect.get(v, 'where') === 'string';

export function readAnchors(dbFile: string): AnchorRead {
  let text: string;
  try {
    text = fs.readFileSync(anchorFile(dbFile), 'utf8');
  } catch (e) {
    if (e instanceof Error && Reflect.get(e, 'code') === 'ENOENT') return { anchors: [], damaged: [] };
    throw e;
  }
  const anchors: Anchor[] = [];
  const damaged: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const v: unknown = JSON.parse(line);
      if (isAnchor(v)) anchors.push(v);
      else damaged.push(i + 1);
    } catch {
      damaged.push(i + 1);
    }
  });
  return { anchors, damaged };
}

/**
 * After a restore the rows after the restored chain's end are appended again (carried over) and so
 * have new seals: the heads anchored for them name seals that no longer exist. The log is kept
 * aside as `<log>.before-restore-<stamp>` and a new one starts with the anchors that still match
 * and the head the restore left (`matches` tells whether an anchor still names a row of the chain).
 * Answers how many anchors were set aside.
 */
export function supersedeAnchors(dbFile: string, matches: (a: Anchor) => boolean, head: Anchor): number {
  if (!dbFile || dbFile === ':memory:') return 0;
  const { anchors, damaged } = readAnchors(dbFile);
  const kept = anchors.filter(matches);
  const setAside = anchors.length - kept.length;
  if (setAside === 0 && damaged.length === 0) {
    appendAnchor(dbFile, head);
    return 0;
  }
  const stamp = head.at.replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  fs.renameSync(anchorFile(dbFile), `${anchorFile(dbFile)}.before-restore-${stamp}`);
  for (const a of [...kept, head]) appendAnchor(dbFile, a);
  return setAside;
}
