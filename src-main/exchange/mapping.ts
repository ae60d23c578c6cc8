/**
 * Column mapping: each profile field is matched to a header cell by its Chinese
 * or English names — exact first, then "contains" — and the clerk's adjusted mapping is saved
 * per source, so next month's file from the same department maps itself.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { NotNull } from 'kysely';
import { all, first, qb, run } from '../db/query';
import { appendAudit } from '../audit/audit';
import { headerKey, profileOf, type Profile } from './profiles';
import type { Actor } from '../audit/actor';

/** field key → header text (as in the file); a field absent from the file is left out. */
export type Mapping = Record<string, string>;

/** A mapping as the app stored it (`mapping_json`): JSON of this type, written here and by prepareImport only. */
export const storedMapping = (json: string): Mapping => JSON.parse(json) as Mapping;

function scoreHeader(p: Profile, header: string[]): number {
  const keys = header.map(headerKey);
  let n = 0;
  for (const f of p.fields) if (f.aliases.some((a) => keys.includes(headerKey(a)))) n++;
  return n;
}

/**
 * The header row among the first rows: the first one where at least two fields (or the ID
 * column) are recognised; title rows above it ("XX县医疗保障局 2026年11月住院结算") are skipped.
 */
export function detectHeaderRow(p: Profile, rows: string[][], saved?: Mapping | null): number {
  const savedHeaders = saved ? new Set(Object.values(saved).map(headerKey)) : null;
  for (let i = 0; i < Math.min(rows.length, 15); i++) {
    const keys = rows[i].map(headerKey);
    if (savedHeaders && keys.filter((k) => savedHeaders.has(k)).length >= Math.min(2, savedHeaders.size)) return i;
    const s = scoreHeader(p, rows[i]);
    const hasId = p.fields[0] && keys.some((k) => p.fields.find((f) => f.type === 'id')!.aliases.some((a) => headerKey(a) === k));
    if (s >= 2 || (hasId && s >= 1)) return i;
  }
  return 0;
}

/** Automatic mapping: saved names first (if still present), then exact aliases, then "contains". */
export function autoMap(p: Profile, header: string[], saved?: Mapping | null): Mapping {
  const keys = header.map(headerKey);
  const used = new Set<number>();
  const m: Mapping = {};
  const take = (field: string, i: number) => {
    m[field] = header[i];
    used.add(i);
  };
  if (saved) {
    for (const [field, h] of Object.entries(saved)) {
      const i = keys.indexOf(headerKey(h));
      if (i >= 0 && !used.has(i) && p.fields.some((f) => f.key === field)) take(field, i);
    }
  }
  for (const f of p.fields) {
    if (m[f.key]) continue;
    const i = keys.findIndex((k, j) => !used.has(j) && f.aliases.some((a) => headerKey(a) === k));
    if (i >= 0) take(f.key, i);
  }
  for (const f of p.fields) {
    if (m[f.key]) continue;
    const i = keys.findIndex(
      (k, j) =>
        !used.has(j) &&
        k.length > 0 &&
        f.aliases.some((a) => {
          const ak = headerKey(a);
          return ak.length >= 2 && (k.includes(ak) || (k.length >= 2 && ak.includes(k)));
        }),
    );
    if (i >= 0) take(f.key, i);
  }
  return m;
}

/** field key → column index, and the required fields that are not mapped. */
export function resolveMapping(
  p: Profile,
  header: string[],
  m: Mapping,
): { index: Record<string, number>; missing: string[]; unknownHeaders: string[] } {
  const keys = header.map(headerKey);
  const index: Record<string, number> = {};
  const unknownHeaders: string[] = [];
  for (const [field, h] of Object.entries(m)) {
    if (!p.fields.some((f) => f.key === field)) continue;
    const i = keys.indexOf(headerKey(h));
    if (i >= 0) index[field] = i;
    else unknownHeaders.push(h);
  }
  const missing = p.fields.filter((f) => f.required && index[f.key] === undefined).map((f) => f.key);
  return { index, missing, unknownHeaders };
}

export function savedMapping(raw: BetterSqlite3.Database, source: string): Mapping | null {
  const r = first(raw, qb.selectFrom('exchange_mappings').select('mapping_json').where('source', '=', source));
  return r ? storedMapping(r.mapping_json) : null;
}

export function listMappings(raw: BetterSqlite3.Database): { source: string; mapping: Mapping; updatedBy: string; updatedAt: string }[] {
  const rows = all(
    raw,
    qb.selectFrom('exchange_mappings').selectAll().where('source', 'is not', null).$narrowType<{ source: NotNull }>().orderBy('source'),
  );
  return rows.map((r) => ({
    source: r.source,
    mapping: storedMapping(r.mapping_json),
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  }));
}

/** Saves (audited) the mapping a clerk confirmed for a source; unchanged mappings write nothing. */
export function saveMapping(raw: BetterSqlite3.Database, source: string, mapping: Mapping, actor: Actor, now: Date): void {
  profileOf(source);
  const before = savedMapping(raw, source);
  if (before && JSON.stringify(before) === JSON.stringify(mapping)) return;
  raw.transaction(() => {
    const row = { source, mapping_json: JSON.stringify(mapping), updated_by: actor.username, updated_at: now.toISOString() };
    const { source: _key, ...changed } = row;
    run(
      raw,
      qb
        .insertInto('exchange_mappings')
        .values(row)
        .onConflict((oc) => oc.column('source').doUpdateSet(changed)),
    );
    appendAudit(raw, {
      ...actor,
      action: 'save_mapping',
      entity: 'exchange_mapping',
      entityId: source,
      summary: `column mapping for ${source}`,
      before,
      after: mapping,
      at: now.toISOString(),
    });
  })();
}
