/**
 * Charity linkage (慈善帮扶): charitable organisations and their programmes. Cases still in
 * need after public assistance are referred to a programme like any department referral
 * (department `charity`), pushed on a masked list per organisation, and their results recorded.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { appendAudit } from '../audit/audit';
import { appError } from '../common/errors';
import type { Actor } from '../audit/actor';

export interface Organisation {
  id: number;
  name: string;
  contact: string | null;
  active: boolean;
  programmes: Programme[];
}
export interface Programme {
  id: number;
  organisationId: number;
  name: string;
  assistance: string;
  description: string | null;
  active: boolean;
}

export function listOrganisations(raw: BetterSqlite3.Database): Organisation[] {
  const orgs = raw.prepare(`SELECT * FROM charity_organisations ORDER BY id`).all() as any[];
  const progs = raw.prepare(`SELECT * FROM charity_programmes ORDER BY id`).all() as any[];
  return orgs.map((o) => ({
    id: o.id,
    name: o.name,
    contact: o.contact,
    active: !!o.active,
    programmes: progs
      .filter((p) => p.organisation_id === o.id)
      .map((p) => ({
        id: p.id,
        organisationId: p.organisation_id,
        name: p.name,
        assistance: p.assistance,
        description: p.description,
        active: !!p.active,
      })),
  }));
}

export function createOrganisation(
  raw: BetterSqlite3.Database,
  input: { name: string; contact?: string },
  actor: Actor,
  now: Date,
): number {
  return raw.transaction(() => {
    if (raw.prepare(`SELECT 1 FROM charity_organisations WHERE name = ?`).get(input.name))
      throw appError('duplicate', `An organisation named ${input.name} exists already.`, `已有名为“${input.name}”的慈善组织。`, 'name');
    const id = Number(
      raw
        .prepare(`INSERT INTO charity_organisations (name, contact, created_at) VALUES (?, ?, ?)`)
        .run(input.name, input.contact ?? null, now.toISOString()).lastInsertRowid,
    );
    appendAudit(raw, {
      ...actor,
      action: 'create',
      entity: 'charity_organisation',
      entityId: id,
      summary: input.name,
      after: input,
      at: now.toISOString(),
    });
    return id;
  })();
}

export function createProgramme(
  raw: BetterSqlite3.Database,
  input: { organisationId: number; name: string; assistance: string; description?: string },
  actor: Actor,
  now: Date,
): number {
  return raw.transaction(() => {
    if (!raw.prepare(`SELECT 1 FROM charity_organisations WHERE id = ?`).get(input.organisationId))
      throw appError(
        'not_found',
        `There is no charity organisation #${input.organisationId}.`,
        `没有第 ${input.organisationId} 号慈善组织。`,
        'organisationId',
      );
    const id = Number(
      raw
        .prepare(`INSERT INTO charity_programmes (organisation_id, name, assistance, description, created_at) VALUES (?, ?, ?, ?, ?)`)
        .run(input.organisationId, input.name, input.assistance, input.description ?? null, now.toISOString()).lastInsertRowid,
    );
    appendAudit(raw, {
      ...actor,
      action: 'create',
      entity: 'charity_programme',
      entityId: id,
      summary: input.name,
      after: input,
      at: now.toISOString(),
    });
    return id;
  })();
}

export function setActive(
  raw: BetterSqlite3.Database,
  input: { kind: 'organisation' | 'programme'; id: number; active: boolean },
  actor: Actor,
  now: Date,
): void {
  raw.transaction(() => {
    const table = input.kind === 'organisation' ? 'charity_organisations' : 'charity_programmes';
    const r = raw.prepare(`UPDATE ${table} SET active = ? WHERE id = ?`).run(input.active ? 1 : 0, input.id);
    if (r.changes === 0) throw appError('not_found', `There is no ${input.kind} #${input.id}.`, `没有第 ${input.id} 号记录。`);
    appendAudit(raw, {
      ...actor,
      action: input.active ? 'activate' : 'deactivate',
      entity: `charity_${input.kind}`,
      entityId: input.id,
      at: now.toISOString(),
    });
  })();
}
