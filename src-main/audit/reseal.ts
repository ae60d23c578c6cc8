/**
 * The audit chain of a backup restored on another computer (docs/security.md "Audit", "Restore and
 * the audit log"): its sealed rows are HMACs under the key of the database they were written in
 * (audit/key.ts), and the restore re-keys the data to this computer's key, so they would no longer
 * verify here. A chain that is consistent — each row linked to the one before, rows older than
 * the keyed chain matching their SHA-256, the last row the head the backup's manifest records (the
 * manifest authenticated by the passphrase, the database file by its SHA-256) — is re-sealed under
 * this computer's key in the restore's transaction; one that is not is refused.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appError } from '../common/errors';
import { GENESIS_HASH, chainKey, rowHash, rowSeal, type AuditHead, type AuditRow } from './audit';

const PAGE = 5000;

const refused = (en: string, zh: string) =>
  appError(
    'backup_audit_broken',
    `The audit log in this backup is not intact (${en}); it is not restored. Nothing was changed.`,
    `该备份中的审计日志不完整（${zh}），不予恢复；数据未作任何改动。`,
    'package',
  );

/** The first sealed row of a chain (audit_chain.keyed_from), read from `schema`: none in a log made before the chain was keyed. */
function keyedFromIn(raw: BetterSqlite3.Database, schema: string): number {
  const table = raw.prepare(`SELECT 1 FROM ${schema}.sqlite_master WHERE type = 'table' AND name = 'audit_chain'`).get();
  if (!table) return Number.MAX_SAFE_INTEGER;
  const row = raw.prepare(`SELECT keyed_from FROM ${schema}.audit_chain WHERE id = 1`).get() as { keyed_from: number } | undefined;
  return row?.keyed_from ?? 1;
}

/** Walks `schema`.audit_log in pages by seq. */
function* rowsOf(raw: BetterSqlite3.Database, schema: string, from = Number.MIN_SAFE_INTEGER): Generator<AuditRow> {
  const page = raw.prepare(`SELECT * FROM ${schema}.audit_log WHERE seq > ? ORDER BY seq LIMIT ${PAGE}`);
  for (let after = from - 1; ;) {
    const rows = page.all(after) as AuditRow[];
    yield* rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1].seq;
  }
}

/**
 * Checks a backup's chain as far as one can without the key it was sealed with: no row missing,
 * each linked to the one before, the unkeyed rows' SHA-256, and the end at the manifest's head
 * (when it records one). Throws `backup_audit_broken` otherwise.
 */
export function checkChainConsistent(raw: BetterSqlite3.Database, schema: string, head: AuditHead | null): void {
  const hasLog = raw.prepare(`SELECT 1 FROM ${schema}.sqlite_master WHERE type = 'table' AND name = 'audit_log'`).get();
  if (!hasLog) return;
  const from = keyedFromIn(raw, schema);
  let prevSeq = 0;
  let prevHash = GENESIS_HASH;
  for (const r of rowsOf(raw, schema)) {
    if (r.seq !== prevSeq + 1) throw refused(`row ${prevSeq + 1} is missing`, `缺少第 ${prevSeq + 1} 条`);
    if (r.prev_hash !== prevHash) throw refused(`row ${r.seq} does not follow row ${prevSeq}`, `第 ${r.seq} 条与上一条不相连`);
    const { hash, ...rest } = r;
    if (r.seq < from && rowHash(rest) !== hash) throw refused(`row ${r.seq} was edited`, `第 ${r.seq} 条已被改动`);
    prevSeq = r.seq;
    prevHash = hash;
  }
  if (head && (head.rows !== prevSeq || head.hash !== prevHash))
    throw refused(`it ends at row ${prevSeq}, its manifest says ${head.short}`, `止于第 ${prevSeq} 条，清单记载为 ${head.short}`);
}

export interface Resealed {
  from: number;
  through: number;
  /** The backup's head as it was printed before the re-seal, so that earlier printouts can be matched. */
  backupHead: string;
}

/**
 * In the restore's transaction, after the restored rows are in `main` and before its append-only
 * triggers are made: when the chain's first sealed row does not verify under this store's key,
 * re-seals every sealed row under it (each hash, and the next row's link). Answers what it did,
 * or null when the chain is this computer's own.
 */
export function resealForeignChain(raw: BetterSqlite3.Database, head: AuditHead | null): Resealed | null {
  const from = keyedFromIn(raw, 'main');
  const first = raw.prepare('SELECT * FROM main.audit_log WHERE seq >= ? ORDER BY seq LIMIT 1').get(from) as AuditRow | undefined;
  if (!first) return null;
  const key = chainKey(raw);
  const { hash, ...rest } = first;
  if (rowSeal(key, rest) === hash) return null;
  // Sealed elsewhere: the manifest's head is the only anchor of these rows (checked with the package in verifyBackup).
  if (!head)
    throw refused(
      'it was sealed on another computer and its manifest records no audit head to check it against',
      '其在另一台计算机上签封，且清单未记载审计链头，无法核对',
    );
  checkChainConsistent(raw, 'main', head);
  const update = raw.prepare('UPDATE main.audit_log SET prev_hash = ?, hash = ? WHERE seq = ?');
  let prevHash: string | null = null;
  let through = from;
  // Page by page: an update keeps each row's seq, so the pages after it are read as they were.
  for (const r of rowsOf(raw, 'main', from)) {
    const row = { ...r, prev_hash: prevHash ?? r.prev_hash };
    const { hash: _old, ...unsealed } = row;
    const sealed = rowSeal(key, unsealed);
    update.run(row.prev_hash, sealed, r.seq);
    prevHash = sealed;
    through = r.seq;
  }
  return { from, through, backupHead: head.short };
}
