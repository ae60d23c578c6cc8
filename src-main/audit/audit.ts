/**
 * Append-only audit log, each row chained to the previous one by SHA-256 so that an edited
 * or deleted row breaks the chain. Writers call `appendAudit` inside their own transaction.
 */
import crypto from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Selectable } from 'kysely';
import { parseJson, type JsonValue } from '../common/json';
import { all, qb } from '../db/query';
import { prepared } from '../db/prepared';
import type { AuditLogTable } from '../db/schema';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  userId: number | null;
  username: string;
  action: string;
  entity: string;
  entityId?: string | number | null;
  summary?: string | null;
  before?: unknown;
  after?: unknown;
  at?: string;
}

/** A stored audit row, as the table declares it. */
export type AuditRow = Selectable<AuditLogTable>;

/** The hashed text: every column but `hash`, in a fixed order, unambiguous separators. */
export function rowHash(r: Omit<AuditRow, 'hash'>): string {
  const parts = [
    r.seq,
    r.at,
    r.user_id ?? '',
    r.username,
    r.action,
    r.entity,
    r.entity_id ?? '',
    r.summary ?? '',
    r.before_json ?? '',
    r.after_json ?? '',
    r.prev_hash,
  ];
  return crypto.createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

const LAST_ENTRY = `SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`;
const INSERT_ENTRY = `INSERT INTO audit_log (seq, at, user_id, username, action, entity, entity_id, summary, before_json, after_json, prev_hash, hash)
  VALUES (@seq, @at, @user_id, @username, @action, @entity, @entity_id, @summary, @before_json, @after_json, @prev_hash, @hash)`;

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/** Appends one entry; must run inside the caller's write transaction (better-sqlite3 is synchronous). */
export function appendAudit(raw: BetterSqlite3.Database, e: AuditInput): AuditRow {
  // hot path: bench/import.ts — every write appends here, the import worker too, which would otherwise load the query builder.
  const last = prepared(raw, LAST_ENTRY).get() as { seq: number; hash: string } | undefined;
  const row: Omit<AuditRow, 'hash'> = {
    seq: (last?.seq ?? 0) + 1,
    at: e.at ?? new Date().toISOString(),
    user_id: e.userId,
    username: e.username,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId === undefined || e.entityId === null ? null : String(e.entityId),
    summary: e.summary ?? null,
    before_json: json(e.before),
    after_json: json(e.after),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  const hash = rowHash(row);
  prepared(raw, INSERT_ENTRY).run({ ...row, hash });
  return { ...row, hash };
}

export interface VerifyResult {
  ok: boolean;
  rows: number;
  problems: { seq: number; problem: 'edited' | 'missing_before' | 'broken_link' }[];
}

/**
 * Walks the chain. An edited row fails its own hash; a deleted row leaves a gap in `seq`
 * and a `prev_hash` that no longer matches; a deleted tail is caught by the caller comparing
 * the last hash with one recorded elsewhere (the CLI prints it so it can be noted).
 */
const VERIFY_PAGE = 5000;

export function verifyAudit(raw: BetterSqlite3.Database): VerifyResult & { lastHash: string } {
  const problems: VerifyResult['problems'] = [];
  let prevHash = GENESIS_HASH;
  let prevSeq = 0;
  let rows = 0;
  // In pages by seq, so that a long log is never all in memory at once; in one read transaction, so that the pages are one snapshot.
  raw.transaction(() => {
    for (let after = Number.MIN_SAFE_INTEGER; ;) {
      const page = all(raw, qb.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(VERIFY_PAGE));
      for (const r of page) {
        rows++;
        if (r.seq !== prevSeq + 1) problems.push({ seq: r.seq, problem: 'missing_before' });
        else if (r.prev_hash !== prevHash) problems.push({ seq: r.seq, problem: 'broken_link' });
        const { hash, ...rest } = r;
        if (rowHash(rest) !== hash) problems.push({ seq: r.seq, problem: 'edited' });
        prevHash = r.hash;
        prevSeq = r.seq;
      }
      if (page.length < VERIFY_PAGE) return;
      after = page[page.length - 1].seq;
    }
  })();
  return { ok: problems.length === 0, rows, problems, lastHash: prevHash };
}

/** An audit row as screens show it: its before and after parsed back from JSON. */
export interface AuditView {
  seq: number;
  at: string;
  username: string;
  action: string;
  entity: string;
  entityId: string | null;
  summary: string | null;
  before: JsonValue;
  after: JsonValue;
}

function auditView(r: AuditRow): AuditView {
  return {
    seq: r.seq,
    at: r.at,
    username: r.username,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    summary: r.summary,
    before: r.before_json ? parseJson(r.before_json) : null,
    after: r.after_json ? parseJson(r.after_json) : null,
  };
}

/** The latest 500 entries about one record, newest first. */
export function auditForEntity(raw: BetterSqlite3.Database, entity: string, entityId: string): AuditView[] {
  return all(
    raw,
    qb.selectFrom('audit_log').selectAll().where('entity', '=', entity).where('entity_id', '=', entityId).orderBy('seq', 'desc').limit(500),
  ).map(auditView);
}

/** A page of the log, newest first, before `beforeSeq`. */
export function recentAudit(raw: BetterSqlite3.Database, beforeSeq: number | undefined, limit: number): AuditView[] {
  return all(
    raw,
    qb
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '<', beforeSeq ?? Number.MAX_SAFE_INTEGER)
      .orderBy('seq', 'desc')
      .limit(limit),
  ).map(auditView);
}

/** The chain's head: how many entries and the last one's hash; anchored outside the database (docs/security.md). */
export interface AuditHead {
  rows: number;
  hash: string;
  /** As printed on forms: `审计链 #48211 · 3f9a…c2`. */
  short: string;
}

export function auditHead(raw: BetterSqlite3.Database): AuditHead {
  const last = prepared(raw, LAST_ENTRY).get() as { seq: number; hash: string } | undefined;
  const rows = last?.seq ?? 0;
  const hash = last?.hash ?? GENESIS_HASH;
  return { rows, hash, short: `审计链 #${rows} · ${hash.slice(0, 4)}…${hash.slice(-2)}` };
}
