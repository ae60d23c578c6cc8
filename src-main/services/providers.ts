/**
 * Service providers (docs/rules/temporary-service-recovery.md §12.4): township social-work
 * stations and social organisations, the townships each serves, and a yearly contract with its
 * budget in fen and the services the provider may deliver that year. A contract, once signed,
 * is never changed.
 */
import { codeWords } from '../common/audit-labels';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';
import { codeOf, PROVIDER_KINDS, type ProviderKind } from '../common/codes';
import { appError } from '../common/errors';
import { formatFen } from '../common/money';
import { all, first, qb, run } from '../db/query';
import { Catalogue } from './catalogue';

export interface Contract {
  id: number;
  providerId: number;
  year: number;
  number: string;
  budgetFen: number;
  services: string[];
  signedOn: string;
}

export interface Provider {
  id: number;
  code: string;
  name: string;
  kind: ProviderKind;
  contact: string | null;
  active: boolean;
  townships: { id: number; name: string }[];
  contracts: Contract[];
}

function toContract(c: {
  id: number;
  provider_id: number;
  year: number;
  number: string;
  budget_fen: number;
  services_json: string;
  signed_on: string;
}): Contract {
  const services: string[] = JSON.parse(c.services_json); // written by saveContract: a list of service codes
  return { id: c.id, providerId: c.provider_id, year: c.year, number: c.number, budgetFen: c.budget_fen, services, signedOn: c.signed_on };
}

export function listProviders(raw: BetterSqlite3.Database): Provider[] {
  const towns = all(
    raw,
    qb
      .selectFrom('service_provider_townships as pt')
      .innerJoin('areas as a', 'a.id', 'pt.township_id')
      .select(['pt.provider_id', 'a.id', 'a.name'])
      .orderBy('a.id'),
  );
  const contracts = all(raw, qb.selectFrom('service_contracts').selectAll().orderBy('year', 'desc')).map(toContract);
  return all(raw, qb.selectFrom('service_providers').selectAll().orderBy('id')).map((p) => ({
    id: p.id,
    code: p.code,
    name: p.name,
    kind: codeOf(PROVIDER_KINDS, p.kind),
    contact: p.contact,
    active: p.active === 1,
    townships: towns.filter((t) => t.provider_id === p.id).map((t) => ({ id: t.id, name: t.name })),
    contracts: contracts.filter((c) => c.providerId === p.id),
  }));
}

export function mustProvider(raw: BetterSqlite3.Database, id: number) {
  const p = first(raw, qb.selectFrom('service_providers').selectAll().where('id', '=', id));
  if (!p) throw appError('not_found', `There is no provider #${id}.`, `没有编号为 ${id} 的服务机构。`, 'providerId');
  return p;
}

/** The provider's contract for a year, or undefined. */
export function contractFor(raw: BetterSqlite3.Database, providerId: number, year: number): Contract | undefined {
  const c = first(raw, qb.selectFrom('service_contracts').selectAll().where('provider_id', '=', providerId).where('year', '=', year));
  return c ? toContract(c) : undefined;
}

export interface ProviderInput {
  id?: number;
  code: string;
  name: string;
  kind: ProviderKind;
  contact?: string | null;
  active?: boolean;
  townshipIds: number[];
}

/** Creates a provider, or changes one (name, kind, contact, townships served; its code stays). */
export function saveProvider(raw: BetterSqlite3.Database, input: ProviderInput, actor: Actor, now: Date): number {
  return raw.transaction(() => {
    for (const t of input.townshipIds) {
      const a = first(raw, qb.selectFrom('areas').select(['level']).where('id', '=', t));
      if (!a || a.level !== 'township')
        throw appError('invalid_input', `Area #${t} is not a township.`, `编号 ${t} 不是乡镇（街道）。`, 'townshipIds');
    }
    if (input.townshipIds.length === 0)
      throw appError(
        'invalid_input',
        'Name at least one township the provider serves.',
        '请至少选择一个服务的乡镇（街道）。',
        'townshipIds',
      );
    const clash = first(
      raw,
      qb
        .selectFrom('service_providers')
        .select(['id', 'name', 'code'])
        .where((eb) => eb.or([eb('name', '=', input.name), eb('code', '=', input.code)]))
        .where('id', '!=', input.id ?? 0),
    );
    if (clash) {
      const field = clash.name === input.name ? 'name' : 'code';
      throw appError(
        'duplicate',
        `Another provider has this ${field} already.`,
        field === 'name' ? `已有名为“${input.name}”的服务机构。` : `服务机构代码“${input.code}”已被使用。`,
        field,
      );
    }
    const at = now.toISOString();
    let id: number;
    let before: unknown = null;
    if (input.id !== undefined) {
      const p = mustProvider(raw, input.id);
      before = p;
      id = p.id;
      run(
        raw,
        qb
          .updateTable('service_providers')
          .set({ name: input.name, kind: input.kind, contact: input.contact ?? null, active: input.active === false ? 0 : 1 })
          .where('id', '=', id),
      );
      run(raw, qb.deleteFrom('service_provider_townships').where('provider_id', '=', id));
    } else {
      id = run(
        raw,
        qb.insertInto('service_providers').values({
          code: input.code,
          name: input.name,
          kind: input.kind,
          contact: input.contact ?? null,
          active: input.active === false ? 0 : 1,
          created_by: actor.username,
          created_at: at,
        }),
      ).lastInsertRowid;
    }
    run(raw, qb.insertInto('service_provider_townships').values(input.townshipIds.map((t) => ({ provider_id: id, township_id: t }))));
    appendAudit(raw, {
      ...actor,
      action: input.id !== undefined ? 'update' : 'create',
      entity: 'service_provider',
      entityId: id,
      summary: `${input.name} (${codeWords(input.kind)}), townships ${input.townshipIds.join(', ')}`,
      before,
      after: input,
      at,
    });
    return id;
  })();
}

export interface ContractInput {
  providerId: number;
  year: number;
  number: string;
  budgetFen: number;
  services: string[];
  signedOn: string;
}

/** Records a provider's contract for a year; a year has one contract. */
export function saveContract(raw: BetterSqlite3.Database, input: ContractInput, actor: Actor, now: Date): number {
  return raw.transaction(() => {
    const p = mustProvider(raw, input.providerId);
    if (contractFor(raw, input.providerId, input.year))
      throw appError(
        'duplicate',
        `${p.name} has a contract for ${input.year} already.`,
        `${p.name} 已有 ${input.year} 年度的服务合同。`,
        'year',
      );
    const cat = new Catalogue(raw);
    const unknown = input.services.filter((s) => !cat.latest(s));
    if (unknown.length)
      throw appError(
        'invalid_input',
        `Not on the service list: ${unknown.join(', ')}.`,
        `服务清单中没有：${unknown.join('、')}。`,
        'services',
      );
    if (input.services.length === 0)
      throw appError('invalid_input', 'A contract names at least one service.', '合同至少应包含一项服务。', 'services');
    const at = now.toISOString();
    const id = run(
      raw,
      qb.insertInto('service_contracts').values({
        provider_id: input.providerId,
        year: input.year,
        number: input.number,
        budget_fen: input.budgetFen,
        services_json: JSON.stringify([...new Set(input.services)]),
        signed_on: input.signedOn,
        created_by: actor.username,
        created_at: at,
      }),
    ).lastInsertRowid;
    appendAudit(raw, {
      ...actor,
      action: 'contract',
      entity: 'service_provider',
      entityId: input.providerId,
      summary: `${p.name} contract ${input.number} for ${input.year}: budget ${formatFen(input.budgetFen)} yuan, ${input.services.join(', ')}`,
      after: input,
      at,
    });
    return id;
  })();
}
