/**
 * Verifying the audit chain (docs/security.md "Audit"): every row's link to the one before, every
 * row's seal (HMAC under the key outside the database; SHA-256 for rows written before the chain
 * was keyed), the rows the anchor log says existed, and — given a head as printed on a form — that
 * the log still holds it. Problems are named by row numbers, consecutive rows in one range.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { all, qb } from '../db/query';
import { GENESIS_HASH, keyedFrom, rowHash, rowSeal, type AuditRow } from './audit';
import { readAnchors, type Anchor } from './anchors';
import { auditKey, existingSecret, storeAuditKey } from './key';
import { prepared } from '../db/prepared';

export const AUDIT_PROBLEMS = [
  /** The row's content no longer matches its seal (edited, or sealed without the key: a re-computed chain). */
  'edited',
  /** Rows before this one are missing (deleted from the middle). */
  'missing_before',
  /** The row does not point to the row before it. */
  'broken_link',
  /** Rows the anchor log recorded are gone from the end. */
  'tail_deleted',
  /** The row differs from the hash the anchor log recorded for it. */
  'anchor_mismatch',
  /** The anchor log has lines that are not anchors. */
  'anchor_log_damaged',
  /** No key (key file or SAFETYNET_AUDIT_KEY): the seals cannot be checked. */
  'key_missing',
] as const;
export type AuditProblemKind = (typeof AUDIT_PROBLEMS)[number];

export interface AuditProblem {
  /** The first row concerned (0: the anchor log or the key, not a row). */
  seq: number;
  /** The last row of the range (the same as `seq` for one row). */
  through: number;
  problem: AuditProblemKind;
  /** For anchor problems: when and where the head was anchored. */
  detail?: string;
}

/** A head as printed on a form (`48211:3f9a…c2`): the row, and the start and end of its hash. */
export interface PrintedHead {
  rows: number;
  prefix: string;
  suffix: string;
}

export interface HeadProof {
  head: PrintedHead;
  /** The row is in the log, its hash matches what was printed, and the chain up to it holds. */
  proved: boolean;
  reason: 'proved' | 'row_missing' | 'hash_differs' | 'chain_broken_before';
}

export interface VerifyResult {
  ok: boolean;
  rows: number;
  lastHash: string;
  keyedFrom: number;
  anchorsChecked: number;
  problems: AuditProblem[];
  head?: HeadProof;
}

/** Reads `48211:3f9a…c2`, `48211:3f9a...c2` or `48211:<hex>` (a hash prefix, or the whole hash). */
export function parsePrintedHead(text: string): PrintedHead | null {
  const m = /^\s*#?(\d+)\s*[:·\s]\s*([0-9a-f]+)(?:\s*(?:…|\.\.\.?)\s*([0-9a-f]*))?\s*$/i.exec(text);
  if (!m) return null;
  return { rows: Number(m[1]), prefix: m[2].toLowerCase(), suffix: (m[3] ?? '').toLowerCase() };
}

const PAGE = 5000;

/**
 * Walks the chain in pages by seq, in one read transaction (one snapshot); `dbFile` names the
 * anchor log and the key file (the connection's own file when omitted).
 */
export function verifyAudit(raw: BetterSqlite3.Database, opts: { dbFile?: string; head?: PrintedHead } = {}): VerifyResult {
  const dbFile = opts.dbFile ?? raw.name;
  const from = keyedFrom(raw);
  // An encrypted store's chain is keyed by its database key; a plaintext one's by the interim secret (./key.ts).
  const storeKey = storeAuditKey(raw);
  const secret = storeKey ? null : existingSecret(dbFile);
  const key = storeKey ?? (secret ? auditKey(secret) : null);
  const { anchors, damaged } = readAnchors(dbFile);
  const anchored = new Map<number, Anchor[]>();
  for (const a of anchors) anchored.set(a.rows, [...(anchored.get(a.rows) ?? []), a]);

  const problems: AuditProblem[] = [];
  // Consecutive rows with the same problem make one range, whatever else is noted between them.
  const open = new Map<AuditProblemKind, AuditProblem>();
  const note = (seq: number, problem: AuditProblemKind, detail?: string, through = seq) => {
    const range = open.get(problem);
    if (range && !detail && range.through === seq - 1) range.through = seq;
    else {
      const p: AuditProblem = { seq, through, problem, ...(detail ? { detail } : {}) };
      problems.push(p);
      if (!detail) open.set(problem, p);
    }
  };
  if (damaged.length) note(0, 'anchor_log_damaged', `lines ${damaged.join(', ')}`);
  if (!key && prepared(raw, `SELECT 1 FROM audit_log WHERE seq >= ? LIMIT 1`).get(from)) note(0, 'key_missing');
  for (const a of anchors)
    if (a.keyedFrom !== from) note(0, 'anchor_mismatch', `keyed from row ${a.keyedFrom} when anchored ${a.at} (${a.where}), now ${from}`);

  let prevHash = GENESIS_HASH;
  let prevSeq = 0;
  let rows = 0;
  let firstBad = Number.POSITIVE_INFINITY;
  let headRow: AuditRow | undefined;
  raw.transaction(() => {
    for (let after = Number.MIN_SAFE_INTEGER; ;) {
      const page = all(raw, qb.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(PAGE));
      for (const r of page) {
        rows++;
        const before = problems.length;
        if (r.seq !== prevSeq + 1) note(r.seq, 'missing_before');
        else if (r.prev_hash !== prevHash) note(r.seq, 'broken_link');
        const { hash, ...rest } = r;
        const expected = r.seq < from ? rowHash(rest) : key ? rowSeal(key, rest) : hash;
        if (expected !== hash) note(r.seq, 'edited');
        for (const a of anchored.get(r.seq) ?? []) if (a.hash !== hash) note(r.seq, 'anchor_mismatch', `anchored ${a.at} (${a.where})`);
        if (problems.length > before || [...open.values()].some((p) => p.through === r.seq)) firstBad = Math.min(firstBad, r.seq);
        if (opts.head && r.seq === opts.head.rows) headRow = r;
        prevHash = r.hash;
        prevSeq = r.seq;
      }
      if (page.length < PAGE) return;
      after = page[page.length - 1].seq;
    }
  })();
  // Anchored rows beyond the last one: the log was cut at its end.
  const beyond = anchors.filter((a) => a.rows > prevSeq).sort((a, b) => b.rows - a.rows)[0];
  if (beyond) note(prevSeq + 1, 'tail_deleted', `anchored ${beyond.at} (${beyond.where})`, beyond.rows);

  let head: HeadProof | undefined;
  if (opts.head) {
    const h = opts.head;
    const reason: HeadProof['reason'] = !headRow
      ? 'row_missing'
      : !headRow.hash.startsWith(h.prefix) || !headRow.hash.endsWith(h.suffix)
        ? 'hash_differs'
        : firstBad <= h.rows
          ? 'chain_broken_before'
          : 'proved';
    head = { head: h, proved: reason === 'proved', reason };
  }
  return {
    ok: problems.length === 0 && (head?.proved ?? true),
    rows,
    lastHash: prevHash,
    keyedFrom: from,
    anchorsChecked: anchors.length,
    problems,
    ...(head ? { head } : {}),
  };
}
