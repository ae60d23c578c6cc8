/**
 * `safetynet audit verify|head|anchor --db FILE`: the audit chain checked from the command line
 * (docs/security.md "Audit"). Exit codes: 0 intact, 1 problems found, 2 no such file or bad usage.
 */
import fs from 'node:fs';
import { openEncryptedStore } from '../security/store';
import { anchorAuditHead, auditHead } from '../audit/audit';
import { parsePrintedHead, verifyAudit, type AuditProblem, type VerifyResult } from '../audit/verify';
import { parse, UsageError } from './args';

const USAGE = 'usage: safetynet audit verify --db FILE [--head ROWS:HASH] | audit head --db FILE | audit anchor --db FILE --note TEXT';

const WHAT: Record<AuditProblem['problem'], string> = {
  edited: 'edited after it was written, or sealed without the key (a re-computed chain)',
  missing_before: 'the rows before it were deleted',
  broken_link: 'does not point to the row before it (the chain was re-linked)',
  tail_deleted: 'deleted from the end of the log',
  anchor_mismatch: 'differs from the head recorded in the anchor log',
  anchor_log_damaged: 'the anchor log beside the database was edited',
  key_missing: 'the audit key is missing (key file or SAFETYNET_AUDIT_KEY): the seals cannot be checked',
};

const rows = (p: AuditProblem) => (p.seq === 0 ? '' : p.through > p.seq ? `rows ${p.seq}–${p.through}: ` : `row ${p.seq}: `);

function report(r: VerifyResult, err: (s: string) => void, out: (s: string) => void) {
  out(JSON.stringify(r, null, 2) + '\n');
  for (const p of r.problems) err(`audit ${rows(p)}${WHAT[p.problem]}${p.detail ? ` — ${p.detail}` : ''}\n`);
  if (r.head) {
    const h = `#${r.head.head.rows} ${r.head.head.prefix}…${r.head.head.suffix}`;
    const why = {
      proved: 'is in the log, and the chain up to it is intact',
      row_missing: 'is NOT in the log: the row is gone',
      hash_differs: 'is NOT in the log: that row has another hash',
      chain_broken_before: 'matches, but the chain before it is broken',
    };
    err(`printed head ${h} ${why[r.head.reason]}\n`);
  }
  if (r.ok) err(`audit chain intact: ${r.rows} rows (sealed from row ${r.keyedFrom}), ${r.anchorsChecked} anchor(s) checked\n`);
}

export async function runAuditCli(rest: string[]): Promise<number> {
  const { values, positionals } = parse(rest, { db: { type: 'string' }, head: { type: 'string' }, note: { type: 'string' } });
  const sub = positionals[0];
  if (!values.db || !['verify', 'head', 'anchor'].includes(sub ?? '')) throw new UsageError(USAGE);
  // Never a new, empty database for a mistyped name: one line, exit 2.
  if (!fs.existsSync(values.db) || !fs.statSync(values.db).isFile()) {
    process.stderr.write(JSON.stringify({ error: { code: 'not_found', message: `no database at ${values.db}`, field: 'db' } }) + '\n');
    return 2;
  }
  const head = values.head === undefined ? undefined : parsePrintedHead(values.head);
  if (head === null) throw new UsageError('--head is ROWS:HASH as printed, e.g. 48211:3f9a…c2');
  if (sub === 'anchor' && !values.note?.trim()) throw new UsageError('--note says where the head goes, e.g. "written in the ledger"');
  const store = await openEncryptedStore(values.db, { migrate: false, readonly: sub !== 'anchor' });
  try {
    if (sub === 'head') {
      process.stdout.write(JSON.stringify(auditHead(store.raw)) + '\n');
      return 0;
    }
    if (sub === 'anchor') {
      const h = anchorAuditHead(store.raw, `command line: ${values.note?.trim()}`);
      process.stdout.write(JSON.stringify(h) + '\n');
      return 0;
    }
    const r = verifyAudit(store.raw, { dbFile: values.db, head });
    report(
      r,
      (s) => process.stderr.write(s),
      (s) => process.stdout.write(s),
    );
    return r.ok ? 0 : 1;
  } finally {
    await store.close();
  }
}
