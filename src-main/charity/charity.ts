/**
 * Charity linkage (慈善帮扶): charitable organisations and their programmes. Cases still in
 * need after public assistance are referred to a programme like any department referral
 * (department `charity`), pushed on a masked list per organisation, and their results recorded.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { all, first, qb, run } from '../db/query';
import { appendAudit } from '../audit/audit';
import { appError } from '../common/errors';
import { ASSISTANCES, codeOf, type AssistanceCode } from '../common/codes';
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
  assistance: AssistanceCode;
  description: string | null;
  active: boolean;
}

export function listOrganisations(raw: BetterSqlite3.Database): Organisation[] {
  const orgs = all(raw, qb.selectFrom('charity_organisations').selectAll().orderBy('id'));
  const progs = all(raw, qb.selectFrom('charity_programmes').selectAll().orderBy('id'));
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
        assistance: codeOf(ASSISTANCES, p.assistance),
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
    if (first(raw, qb.selectFrom('charity_organisations').select('id').where('name', '=', input.name)))
      throw appError('duplicate', `An organisation named ${input.name} exists already.`, `已有名为“${input.name}”的慈善组织。`, 'name');
    const id = run(
      raw,
      qb.insertInto('charity_organisations').values({ name: input.name, contact: input.contact ?? null, created_at: now.toISOString() }),
    ).lastInsertRowid;
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
  input: { organisationId: number; name: string; assistance: AssistanceCode; description?: string },
  actor: Actor,
  now: Date,
): number {
  return raw.transaction(() => {
    if (!first(raw, qb.selectFrom('charity_organisations').select('id').where('id', '=', input.organisationId)))
      throw appError(
        'not_found',
        `There is no charity organisation #${input.organisationId}.`,
        `没有第 ${input.organisationId} 号慈善组织。`,
        'organisationId',
      );
    const id = run(
      raw,
      qb.insertInto('charity_programmes').values({
        organisation_id: input.organisationId,
        name: input.name,
        assistance: input.assistance,
        description: input.description ?? null,
        created_at: now.toISOString(),
      }),
    ).lastInsertRowid;
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
    const r = run(
      raw,
      qb
        .updateTable(table)
        .set({ active: input.active ? 1 : 0 })
        .where('id', '=', input.id),
    );
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
