/**
 * The two-person rule (docs/security.md "Roles and the two-person rule"): one person asks, a
 * second confirms, and only then does the action run — in one transaction with the decision and
 * its audit entry. A kind says who may ask, who may confirm, what it does, and how it reads.
 *
 * @example
 *   export const askScenarioAdoption = defineRequestKind('scenario.adopt', {
 *     payload: adoptPayload,
 *     askers: ['manager'], confirmers: ['manager'],
 *     describe: describeAdoption,
 *     apply: (raw, p, who, now) => applyAdoption(raw, p, who.asker, now),
 *   });
 *   // in the asking handler:  return askScenarioAdoption(raw, adoptionRequestPayload(raw, id, now), asker, now);
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import { appendAudit } from '../audit/audit';
import type { StaffActor } from '../audit/actor';
import { appError } from '../common/errors';
import { parseJson, type JsonValue } from '../common/json';
import type { Role } from '../common/codes';
import { all, first, qb, run } from '../db/query';
import type { Store } from '../db/open';

/** Who asks or confirms: a logged-in user and their role. */
export interface Person extends StaffActor {
  role: Role;
}

export interface RequestKindSpec<P> {
  /** The payload as stored (never a secret in clear: a password is stored as its hash). */
  payload: z.ZodType<P>;
  askers: readonly Role[];
  /** Who may confirm; never the asker, whatever their role. */
  confirmers: readonly Role[];
  /** The account the request changes: that person may neither ask nor confirm it. */
  subject?: (p: P) => number | null;
  /** What will happen, in both languages (Settings shows it before anyone confirms). */
  describe: (p: P) => { en: string; zh: string };
  /** What the confirmer types when confirming (a backup's passphrase); used once, never stored. */
  secret?: 'passphrase';
  /** The action, in the confirming transaction; its result is kept with the decision. */
  apply?: (raw: BetterSqlite3.Database, p: P, who: { asker: Person; confirmer: Person }, now: Date) => JsonValue;
  /** After the commit: work that belongs outside the transaction (a scan to start), reporting through its own records. */
  afterCommit?: (store: Store, p: P, result: JsonValue, who: { asker: Person; confirmer: Person }, now: Date) => void;
  /**
   * Instead of `apply`, an action that cannot run inside a transaction (a restore replaces the
   * database): it runs first, then the decision and its audit entry are written.
   */
  run?: (store: Store, p: P, who: { asker: Person; confirmer: Person }, now: Date, secret: string | undefined) => Promise<JsonValue>;
}

interface ErasedKind {
  spec: RequestKindSpec<unknown>;
  parse(v: unknown): unknown;
}

const KINDS = new Map<string, ErasedKind>();

export const REQUEST_DAYS = 7;

/** Registers a kind; returns the function that asks for one (in its own transaction, audited). */
export function defineRequestKind<P>(kind: string, spec: RequestKindSpec<P>) {
  if (KINDS.has(kind)) throw new Error(`request kind ${kind} is defined twice`);
  // The spec's functions take P; stored payloads are parsed by its schema before they reach them.
  KINDS.set(kind, { spec: spec as RequestKindSpec<unknown>, parse: (v) => spec.payload.parse(v) }); // P erased in the map, restored by parse
  return (raw: BetterSqlite3.Database, payload: P, asker: Person, now: Date, note?: string) =>
    askRequest(raw, kind, payload, asker, now, note);
}

export const requestKinds = (): string[] => [...KINDS.keys()].sort();

function kindOf(kind: string): ErasedKind {
  const k = KINDS.get(kind);
  if (!k) throw appError('unknown_request_kind', `Unknown request kind ${kind}.`, `未知的申请类型 ${kind}。`);
  return k;
}

const ROLE_ZH: Record<Role, string> = { clerk: '经办人员', manager: '审核人员', administrator: '管理员', auditor: '审计员' };

function askRequest(raw: BetterSqlite3.Database, kind: string, payload: unknown, asker: Person, now: Date, note?: string): RequestView {
  const k = kindOf(kind);
  const p = k.parse(payload);
  if (!k.spec.askers.includes(asker.role))
    throw appError('forbidden', `Your role (${asker.role}) may not ask for this.`, `您的角色（${ROLE_ZH[asker.role]}）不能提出此项申请。`);
  if (k.spec.subject?.(p) === asker.userId)
    throw appError('own_account', 'A change to your own account is asked by someone else.', '本人账号的变更须由他人提出。');
  return raw.transaction(() => {
    const at = now.toISOString();
    const id = run(
      raw,
      qb.insertInto('requests').values({ kind, payload_json: JSON.stringify(p), asked_by: asker.userId, asked_at: at, note: note ?? null }),
    ).lastInsertRowid;
    const d = k.spec.describe(p);
    appendAudit(raw, { ...asker, action: 'request', entity: 'request', entityId: id, summary: `${kind}: ${d.en}`, at });
    return requestById(raw, id, asker, now);
  })();
}

export type RequestStatus = 'pending' | 'confirmed' | 'refused' | 'withdrawn' | 'expired';

export interface RequestView {
  id: number;
  kind: string;
  description: { en: string; zh: string };
  note: string | null;
  askedBy: string;
  askedAt: string;
  status: RequestStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
  result: JsonValue;
  /** What the confirmer must type (a backup's passphrase), or null. */
  secret: 'passphrase' | null;
  /** Whether the viewer may confirm or refuse it now, and why not. */
  canDecide: boolean;
  cannotDecide: { en: string; zh: string } | null;
}

const selectRequests = () =>
  qb
    .selectFrom('requests as r')
    .innerJoin('users as a', 'a.id', 'r.asked_by')
    .leftJoin('request_decisions as d', 'd.request_id', 'r.id')
    .leftJoin('users as c', 'c.id', 'd.decided_by')
    .select(['r.id', 'r.kind', 'r.payload_json', 'r.note', 'r.asked_by', 'r.asked_at', 'a.username as asker'])
    .select(['d.outcome', 'd.decided_at', 'd.reason', 'd.result_json', 'c.username as decider']);

type Row = NonNullable<ReturnType<typeof loadRow>>;
const loadRow = (raw: BetterSqlite3.Database, id: number) => first(raw, selectRequests().where('r.id', '=', id));

const expired = (askedAt: string, now: Date) => now.getTime() - Date.parse(askedAt) > REQUEST_DAYS * 86_400_000;

/** Why `viewer` may not decide a pending request (null: they may). */
function whyNot(r: Row, k: ErasedKind, p: unknown, viewer: Person, now: Date): { en: string; zh: string } | null {
  if (r.asked_by === viewer.userId)
    return { en: 'You asked for this: a second person confirms it.', zh: '此项申请由您提出，须由另一人确认。' };
  if (!k.spec.confirmers.includes(viewer.role))
    return {
      en: `Confirmed by: ${k.spec.confirmers.join(' or ')}.`,
      zh: `须由${k.spec.confirmers.map((x) => ROLE_ZH[x]).join('或')}确认。`,
    };
  if (k.spec.subject?.(p) === viewer.userId)
    return { en: 'It concerns your own account: someone else confirms it.', zh: '此项涉及您本人的账号，须由他人确认。' };
  if (expired(r.asked_at, now))
    return { en: `Asked more than ${REQUEST_DAYS} days ago: ask again.`, zh: `申请已超过 ${REQUEST_DAYS} 天，请重新申请。` };
  return null;
}

function view(r: Row, viewer: Person, now: Date): RequestView {
  const k = kindOf(r.kind);
  const p = k.parse(parseJson(r.payload_json));
  const status: RequestStatus = r.outcome ?? (expired(r.asked_at, now) ? 'expired' : 'pending');
  const cannot = status === 'pending' ? whyNot(r, k, p, viewer, now) : { en: 'Already decided.', zh: '已处理。' };
  return {
    id: r.id,
    kind: r.kind,
    description: k.spec.describe(p),
    note: r.note,
    askedBy: r.asker,
    askedAt: r.asked_at,
    status,
    decidedBy: r.decider,
    decidedAt: r.decided_at,
    reason: r.reason,
    result: r.result_json ? parseJson(r.result_json) : null,
    secret: k.spec.secret ?? null,
    canDecide: cannot === null,
    cannotDecide: cannot,
  };
}

export function requestById(raw: BetterSqlite3.Database, id: number, viewer: Person, now: Date): RequestView {
  const r = loadRow(raw, id);
  if (!r) throw appError('not_found', `No request #${id}.`, `没有编号为 ${id} 的申请。`);
  return view(r, viewer, now);
}

/** The pending requests first (oldest first), then the latest decided ones. */
export function listRequests(raw: BetterSqlite3.Database, viewer: Person, now: Date, decidedLimit = 50): RequestView[] {
  // One read transaction: the two reads are one snapshot.
  return raw.transaction(() => {
    const open = all(raw, selectRequests().where('d.request_id', 'is', null).orderBy('r.id'));
    const done = all(raw, selectRequests().where('d.request_id', 'is not', null).orderBy('r.id', 'desc').limit(decidedLimit));
    return [...open, ...done].map((r) => view(r, viewer, now));
  })();
}

export type Decision = 'confirm' | 'refuse' | 'withdraw';

/**
 * Decides a pending request. Confirming runs its action; a failing action leaves the request
 * pending and nothing written. Refusing needs a reason; only the asker withdraws.
 */
export async function decideRequest(
  store: Store,
  id: number,
  decision: Decision,
  who: Person,
  now: Date,
  opts: { reason?: string; secret?: string } = {},
): Promise<RequestView> {
  const raw = store.raw;
  const r = loadRow(raw, id);
  if (!r) throw appError('not_found', `No request #${id}.`, `没有编号为 ${id} 的申请。`);
  const k = kindOf(r.kind);
  const p = k.parse(parseJson(r.payload_json));
  const current = view(r, who, now);
  if (current.status !== 'pending')
    throw appError('request_decided', `Request #${id} is ${current.status}.`, `第 ${id} 号申请已处理（${current.status}）。`);
  const at = now.toISOString();
  if (decision === 'withdraw') {
    if (r.asked_by !== who.userId)
      throw appError('forbidden', 'Only the person who asked withdraws a request.', '只有申请人可以撤回申请。');
  } else if (current.cannotDecide) {
    raw.transaction(() =>
      appendAudit(raw, {
        ...who,
        action: 'request_refused_to_decide',
        entity: 'request',
        entityId: id,
        summary: current.cannotDecide?.en,
        at,
      }),
    )();
    throw appError('two_person_rule', current.cannotDecide.en, current.cannotDecide.zh);
  }
  if (decision === 'refuse' && !opts.reason?.trim())
    throw appError('reason_required', 'Say why the request is refused.', '请填写不同意的理由。', 'reason');
  if (decision === 'confirm' && k.spec.secret && !opts.secret)
    throw appError('secret_required', 'Enter the backup’s passphrase to confirm.', '确认前请输入备份口令。', 'secret');
  const asker: Person = { userId: r.asked_by, username: r.asker, role: askerRole(raw, r.asked_by) };
  const people = { asker, confirmer: who };
  const outcome = decision === 'confirm' ? 'confirmed' : decision === 'refuse' ? 'refused' : 'withdrawn';
  const record = (result: JsonValue) => {
    // A restore brings back a database in which this request may not exist yet: it is recorded again.
    let requestId = id;
    const same = first(raw, qb.selectFrom('requests').select(['id', 'kind']).where('id', '=', id));
    if (!same || same.kind !== r.kind)
      requestId = run(
        raw,
        qb
          .insertInto('requests')
          .values({ kind: r.kind, payload_json: r.payload_json, asked_by: r.asked_by, asked_at: r.asked_at, note: `asked as #${id}` }),
      ).lastInsertRowid;
    run(
      raw,
      qb.insertInto('request_decisions').values({
        request_id: requestId,
        outcome,
        decided_by: who.userId,
        decided_at: at,
        reason: opts.reason?.trim() || null,
        result_json: result === null ? null : JSON.stringify(result),
      }),
    );
    appendAudit(raw, {
      ...who,
      action: `request_${outcome}`,
      entity: 'request',
      entityId: requestId,
      summary: `${r.kind}: ${k.spec.describe(p).en} (asked by ${r.asker})`,
      after: result,
      at,
    });
    return requestId;
  };
  let finalId: number;
  if (decision === 'confirm' && k.spec.run) {
    const result = await k.spec.run(store, p, people, now, opts.secret);
    finalId = raw.transaction(() => record(result))();
  } else {
    let result: JsonValue = null;
    finalId = raw.transaction(() => {
      if (decision === 'confirm' && k.spec.apply) result = k.spec.apply(raw, p, people, now);
      return record(result);
    })();
    if (decision === 'confirm' && k.spec.afterCommit) k.spec.afterCommit(store, p, result, people, now);
  }
  return requestById(raw, finalId, who, now);
}

function askerRole(raw: BetterSqlite3.Database, id: number): Role {
  return first(raw, qb.selectFrom('users').select('role').where('id', '=', id))?.role ?? 'clerk';
}
