import { appendAudit, verifyAudit } from '../audit/audit';
import { HouseholdWriter, loadHousehold, presentSize, toHouseholdFile } from '../registry/households';
import { RegistrySearch } from '../registry/search';
import { listHouseholds } from '../registry/list';
import { householdListXlsx } from '../registry/list-xlsx';
import { parseHouseholdFile, normaliseHouseholdIds, type HouseholdData } from '../common/household-file';
import { appError, AppError } from '../common/errors';
import { todayIso } from '../common/dates';
import { masksPersonalData, type Ctx, type HandlerMap } from './context';
import type { registryMethods } from '../contract/registry';
import type BetterSqlite3 from 'better-sqlite3';

type Names = keyof typeof registryMethods;

// Statements are prepared once per connection, not per call: search runs on every keystroke.
const writers = new WeakMap<BetterSqlite3.Database, HouseholdWriter>();
const searchers = new WeakMap<BetterSqlite3.Database, RegistrySearch>();
const writerFor = (raw: BetterSqlite3.Database) => writers.get(raw) ?? (writers.set(raw, new HouseholdWriter(raw)), writers.get(raw)!);
const searchFor = (raw: BetterSqlite3.Database) => searchers.get(raw) ?? (searchers.set(raw, new RegistrySearch(raw)), searchers.get(raw)!);

const actor = (ctx: Ctx) => ({ userId: ctx.user?.id ?? null, username: ctx.user?.username ?? ctx.actorName ?? 'system', at: ctx.now.toISOString() });
const headOf = (h: HouseholdData) => h.members.find((m) => m.relation === 'head')!;

function mustLoad(ctx: Ctx, id: number) {
  const h = loadHousehold(ctx.store.raw, id);
  if (!h) throw appError('not_found', `There is no household #${id}.`, `没有编号为 ${id} 的家庭。`);
  return h;
}

export function createHousehold(ctx: Ctx, household: HouseholdData, action = 'create'): { id: number; version: number } {
  const raw = ctx.store.raw;
  const w = writerFor(raw);
  normaliseHouseholdIds(household, todayIso(ctx.now));
  return raw.transaction(() => {
    if (household.externalId && raw.prepare(`SELECT 1 FROM households WHERE external_id = ?`).get(household.externalId)) {
      throw appError('duplicate_household', `A household with external id ${household.externalId} is already registered.`, `外部编号为 ${household.externalId} 的家庭已登记。`, 'household.externalId');
    }
    w.checkMembersFree(household, -1);
    const id = w.insert(household, ctx.now.toISOString());
    const stored = loadHousehold(raw, id)!;
    appendAudit(raw, { ...actor(ctx), action, entity: 'household', entityId: id, summary: `household of ${headOf(household).name}`, after: stored.data });
    return { id, version: stored.version };
  })();
}

export const registryHandlers: HandlerMap<Names> = {
  'areas.list': (_i, ctx) =>
    (ctx.store.raw.prepare(`SELECT id, parent_id AS parentId, level, name FROM areas ORDER BY level DESC, name`).all() as any[]),

  'registry.search': (input, ctx) => {
    const t0 = performance.now();
    const hits = searchFor(ctx.store.raw).search(input.q, input.limit);
    return { hits, elapsedMs: Math.round((performance.now() - t0) * 100) / 100 };
  },

  'households.list': (input, ctx) => listHouseholds(ctx.store.raw, input) as any,

  'households.exportXlsx': async (input, ctx) => {
    const { buffer, rows } = await householdListXlsx(ctx.store.raw, input, ctx.lang, masksPersonalData(ctx));
    return { fileName: `households-${todayIso(ctx.now)}.xlsx`, base64: buffer.toString('base64'), rows };
  },

  'households.get': (input, ctx) => {
    const h = mustLoad(ctx, input.id);
    return { id: input.id, version: h.version, createdAt: h.createdAt, updatedAt: h.updatedAt, size: presentSize(h.data), household: h.data };
  },

  'households.create': (input, ctx) => createHousehold(ctx, input.household),

  'households.update': (input, ctx) => {
    const raw = ctx.store.raw;
    const w = writerFor(raw);
    const household = normaliseHouseholdIds(input.household, todayIso(ctx.now));
    return raw.transaction(() => {
      const before = mustLoad(ctx, input.id);
      if (household.externalId) {
        const other = raw.prepare(`SELECT id FROM households WHERE external_id = ? AND id != ?`).get(household.externalId, input.id);
        if (other) throw appError('duplicate_household', `External id ${household.externalId} belongs to another household.`, `外部编号 ${household.externalId} 已属于其他家庭。`, 'household.externalId');
      }
      w.checkMembersFree(household, input.id);
      const version = w.update(input.id, input.version, household, ctx.now.toISOString());
      const after = loadHousehold(raw, input.id)!;
      appendAudit(raw, { ...actor(ctx), action: 'update', entity: 'household', entityId: input.id, summary: `household of ${headOf(household).name}`, before: before.data, after: after.data });
      return { id: input.id, version };
    })();
  },

  'households.exportFile': (input, ctx) => {
    const h = mustLoad(ctx, input.id);
    const head = headOf(h.data);
    return { fileName: `household-${input.id}-${head.idNumber}.json`, text: toHouseholdFile(h.data) };
  },

  'households.importFile': (input, ctx) => {
    const r = parseHouseholdFile(input.text, todayIso(ctx.now));
    if (!r.ok) throw new AppError('invalid_household_file', { en: `${r.error.field || 'file'}: ${r.error.message}`, zh: `${r.error.field || '文件'}：${r.error.message}` }, r.error.field);
    return createHousehold(ctx, r.value.household, 'import');
  },

  'audit.forEntity': (input, ctx) =>
    (ctx.store.raw.prepare(`SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY seq DESC LIMIT 500`).all(input.entity, input.entityId) as any[]).map(auditOut),

  'audit.recent': (input, ctx) =>
    (ctx.store.raw.prepare(`SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?`).all(input.beforeSeq ?? Number.MAX_SAFE_INTEGER, input.limit) as any[]).map(auditOut),

  'audit.verify': (_i, ctx) => verifyAudit(ctx.store.raw),
};

function auditOut(r: any) {
  return {
    seq: r.seq, at: r.at, username: r.username, action: r.action, entity: r.entity, entityId: r.entity_id, summary: r.summary,
    before: r.before_json ? JSON.parse(r.before_json) : null, after: r.after_json ? JSON.parse(r.after_json) : null,
  };
}
