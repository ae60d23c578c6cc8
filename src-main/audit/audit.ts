/**
 * Append-only audit log, each row chained to the previous one and sealed with HMAC-SHA256 under
 * a key kept outside the database (./key.ts), so that an edited, deleted or re-computed row shows
 * (./verify.ts); the chain's head is anchored outside the database (./anchors.ts). Writers call
 * `appendAudit` inside their own transaction. docs/security.md "Audit".
 */
import crypto from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Selectable } from 'kysely';
import { parseJson, type JsonValue } from '../common/json';
import { all, qb } from '../db/query';
import { prepared } from '../db/prepared';
import type { AuditLogTable } from '../db/schema';
import { keyFor } from './key';
import { appendAnchor } from './anchors';
import type { AuditAction, AuditEntity } from '../common/audit-labels';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  userId: number | null;
  username: string;
  action: AuditAction;
  entity: AuditEntity;
  entityId?: string | number | null;
  summary?: string | null;
  before?: unknown;
  after?: unknown;
  at?: string;
}

/** A stored audit row, as the table declares it. */
export type AuditRow = Selectable<AuditLogTable>;

/** The sealed text: every column but `hash`, in a fixed order, unambiguous separators. */
function sealedText(r: Omit<AuditRow, 'hash'>): string {
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
  return JSON.stringify(parts);
}

/** The unkeyed SHA-256 link of rows written before the chain was keyed (migrations/0005). */
export function rowHash(r: Omit<AuditRow, 'hash'>): string {
  return crypto.createHash('sha256').update(sealedText(r)).digest('hex');
}

/** A row's seal: HMAC-SHA256 of the same text under the chain's key. */
export function rowSeal(key: Buffer, r: Omit<AuditRow, 'hash'>): string {
  return crypto.createHmac('sha256', key).update(sealedText(r)).digest('hex');
}

const LAST_ENTRY = `SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`;
const INSERT_ENTRY = `INSERT INTO audit_log (seq, at, user_id, username, action, entity, entity_id, summary, before_json, after_json, prev_hash, hash)
  VALUES (@seq, @at, @user_id, @username, @action, @entity, @entity_id, @summary, @before_json, @after_json, @prev_hash, @hash)`;

const keyedFromCache = new WeakMap<BetterSqlite3.Database, number>();

/** The first sealed row (audit_chain, fixed by its triggers). */
export function keyedFrom(raw: BetterSqlite3.Database): number {
  const known = keyedFromCache.get(raw);
  if (known !== undefined) return known;
  const table = prepared(raw, `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_chain'`).get();
  const row = table
    ? (prepared(raw, `SELECT keyed_from FROM audit_chain WHERE id = 1`).get() as { keyed_from: number } | undefined)
    : undefined;
  // A database not yet migrated to the keyed chain: every row is an unkeyed one.
  const v = table ? (row?.keyed_from ?? 1) : Number.MAX_SAFE_INTEGER;
  keyedFromCache.set(raw, v);
  return v;
}

/** The key of this connection's chain (made with a new office's first sealed row, never replaced). */
export function chainKey(raw: BetterSqlite3.Database): Buffer {
  const from = keyedFrom(raw);
  return keyFor(raw, () => prepared(raw, `SELECT 1 FROM audit_log WHERE seq >= ? LIMIT 1`).get(from) !== undefined);
}

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
  const hash = row.seq >= keyedFrom(raw) ? rowSeal(chainKey(raw), row) : rowHash(row);
  prepared(raw, INSERT_ENTRY).run({ ...row, hash });
  return { ...row, hash };
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

/** Actions of the rows that record a read or an export (src-main/api/reads.ts), not a change. */
export const READ_ACTIONS = ['read', 'export', 'print'] as const;
export type ReadAction = (typeof READ_ACTIONS)[number];

/** The latest 500 changes of one record, newest first (who read it is in the log, not in its history). */
export function auditForEntity(raw: BetterSqlite3.Database, entity: string, entityId: string): AuditView[] {
  return all(
    raw,
    qb
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', entity)
      .where('entity_id', '=', entityId)
      .where('action', 'not in', READ_ACTIONS)
      .orderBy('seq', 'desc')
      .limit(500),
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

/** The chain's head: how many entries and the last one's hash; anchored outside the database (docs/security.md "Audit"). */
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

/**
 * The head, noted in the anchor log beside the database with where it went (a printed roster,
 * a backup, a package). Call it where the head leaves the database; `auditHead` only reads.
 */
export function anchorAuditHead(raw: BetterSqlite3.Database, where: string, now: Date = new Date()): AuditHead {
  const head = auditHead(raw);
  appendAnchor(raw.name, { at: now.toISOString(), rows: head.rows, hash: head.hash, keyedFrom: keyedFrom(raw), where });
  return head;
}
