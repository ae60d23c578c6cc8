/**
 * Service records (docs/rules/temporary-service-recovery.md §12.4): what a provider delivered,
 * from its file (the exchange's source `service_records`, decided here at apply, row by row) or
 * entered by hand. A record is refused, with its reason, when the person has no plan for that
 * service on that date, when the month's accepted quantity with it would exceed 1.5 × the
 * month's plan, when its record id was imported already, or when the provider is not the plan's.
 * An accepted record costs quantity × the unit price in force on its date, against the provider's
 * contract of that year; the record that brings a month up to its plan puts it on the chain.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';
import { appendChainEvent } from '../chain/events';
import { todayIso } from '../common/dates';
import { AppError } from '../common/errors';
import { maskIdNumber } from '../common/id-number';
import { formatFen } from '../common/money';
import { all, first, qb, run } from '../db/query';
import { Catalogue } from './catalogue';
import { SERVICE_BASIS } from './labels';
import { withinPlan } from './months';
import { contractFor } from './providers';

/** A row of a provider's file as the exchange read it (the provider and service as the file names them). */
export interface ServiceRow {
  row: number;
  idNumber: string;
  recordId: string;
  date: string;
  provider: string;
  serviceCode: string;
  quantity: number;
  staff: string | null;
  note: string | null;
}

export type RecordField = 'recordId' | 'idNumber' | 'provider' | 'serviceCode' | 'date' | 'quantity';
export interface Refusal {
  field: RecordField;
  zh: string;
  en: string;
}

export interface RecordInput {
  providerId: number;
  recordId: string;
  idNumber: string;
  /** A code of the list, or its name. */
  serviceCode: string;
  date: string;
  quantity: number;
  staff: string | null;
  note: string | null;
}

interface Origin {
  source: 'import' | 'manual';
  importId: number | null;
  row: number | null;
}

/**
 * Decides records one after another in the caller's transaction, each seeing those accepted before it (a file's rows in
 * their order): the list, the providers and the registry's names are read once.
 */
export class RecordDesk {
  private catalogue: Catalogue;
  private providers: { id: number; code: string; name: string }[];
  private names = new Map<string, string | null>();
  accepted = 0;
  costFen = 0;
  constructor(
    private raw: BetterSqlite3.Database,
    private actor: Actor,
    private now: Date,
  ) {
    this.catalogue = new Catalogue(raw);
    this.providers = all(raw, qb.selectFrom('service_providers').select(['id', 'code', 'name']));
  }

  /** The provider a file names by its code or name. */
  providerOf(text: string): { id: number; name: string } | null {
    const t = text.trim();
    return this.providers.find((p) => p.code === t || p.name === t) ?? null;
  }

  private nameOf(idNumber: string): string {
    if (!this.names.has(idNumber)) {
      const m = first(
        this.raw,
        qb.selectFrom('members').select('name').where('id_number', '=', idNumber).orderBy('active', 'desc').orderBy('id', 'desc').limit(1),
      );
      this.names.set(idNumber, m?.name ?? null);
    }
    return this.names.get(idNumber) ?? maskIdNumber(idNumber);
  }

  /** Accepts the record (returning its id) or says why it is refused. */
  decide(r: RecordInput, origin: Origin): { id: number } | Refusal {
    const raw = this.raw;
    const provider = this.providers.find((p) => p.id === r.providerId);
    if (!provider) return { field: 'provider', zh: `没有编号为 ${r.providerId} 的服务机构`, en: `there is no provider #${r.providerId}` };
    const recordId = r.recordId.trim();
    const seen = first(
      raw,
      qb.selectFrom('service_records').select('recorded_at').where('provider_id', '=', provider.id).where('record_key', '=', recordId),
    );
    if (seen)
      return {
        field: 'recordId',
        zh: `记录编号 ${recordId} 已于 ${seen.recorded_at.slice(0, 10)} 导入（${provider.name}），不再重复计入`,
        en: `record id ${recordId} of ${provider.name} was imported already on ${seen.recorded_at.slice(0, 10)}`,
      };
    if (r.date > todayIso(this.now))
      return { field: 'date', zh: `服务日期 ${r.date} 晚于今天`, en: `the service date ${r.date} is after today` };
    const code = this.catalogue.resolve(r.serviceCode);
    if (!code) return { field: 'serviceCode', zh: `服务清单中没有“${r.serviceCode}”`, en: `"${r.serviceCode}" is not on the service list` };
    const service = this.catalogue.latest(code)!;
    const name = this.nameOf(r.idNumber);
    const month = r.date.slice(0, 7);
    const plans = all(
      raw,
      qb
        .selectFrom('service_plans as p')
        .innerJoin('service_plan_items as i', 'i.plan_id', 'p.id')
        .innerJoin('service_providers as v', 'v.id', 'p.provider_id')
        .select(['p.id', 'p.provider_id', 'p.household_id', 'i.monthly_quantity', 'v.name as provider_name'])
        .where('p.id_number', '=', r.idNumber)
        .where('i.service_code', '=', code)
        .where('p.start_month', '<=', month)
        .where('p.end_month', '>=', month),
    );
    if (plans.length === 0)
      return {
        field: 'serviceCode',
        zh: `${name}在 ${r.date} 没有“${service.nameZh}”的服务计划`,
        en: `${name} has no plan for ${service.nameEn} on ${r.date}`,
      };
    const plan = plans.find((p) => p.provider_id === provider.id);
    if (!plan)
      return {
        field: 'provider',
        zh: `${name}的“${service.nameZh}”计划由${plans[0].provider_name}提供，不是${provider.name}`,
        en: `${name}'s plan for ${service.nameEn} is with ${plans[0].provider_name}, not ${provider.name}`,
      };
    const price = this.catalogue.on(code, r.date);
    if (!price)
      return {
        field: 'serviceCode',
        zh: `“${service.nameZh}”在 ${r.date} 不在服务清单内`,
        en: `${service.nameEn} is not on the service list on ${r.date}`,
      };
    const before = this.delivered(r.idNumber, code, month);
    const after = before + r.quantity;
    if (!withinPlan(after, plan.monthly_quantity)) {
      const unit = price.unitZh;
      return {
        field: 'quantity',
        zh: `${name} ${month} 的“${service.nameZh}”已接受 ${before}${unit}，加上本条 ${r.quantity}${unit} 超过计划每月 ${plan.monthly_quantity}${unit} 的 1.5 倍`,
        en: `${name}'s ${service.nameEn} in ${month}: ${before} accepted and ${r.quantity} more exceed 1.5 × the plan of ${plan.monthly_quantity} a month`,
      };
    }
    const contract = contractFor(raw, provider.id, Number(r.date.slice(0, 4)));
    if (!contract)
      return {
        field: 'provider',
        zh: `${provider.name}没有 ${r.date.slice(0, 4)} 年度的服务合同`,
        en: `${provider.name} has no contract for ${r.date.slice(0, 4)}`,
      };
    const cost = r.quantity * price.unitPriceFen;
    const at = this.now.toISOString();
    const id = run(
      raw,
      qb.insertInto('service_records').values({
        provider_id: provider.id,
        record_key: recordId,
        plan_id: plan.id,
        household_id: plan.household_id,
        id_number: r.idNumber,
        service_code: code,
        service_date: r.date,
        month,
        quantity: r.quantity,
        unit_price_fen: price.unitPriceFen,
        cost_fen: cost,
        contract_id: contract.id,
        staff: r.staff,
        note: r.note,
        source: origin.source,
        import_id: origin.importId,
        import_row: origin.row,
        recorded_by: this.actor.username,
        recorded_at: at,
      }),
    ).lastInsertRowid;
    this.accepted++;
    this.costFen += cost;
    // The record that brings the month up to its plan: the service was received that month (§12.4, the chain).
    if (before < plan.monthly_quantity && after >= plan.monthly_quantity)
      appendChainEvent(raw, {
        householdId: plan.household_id,
        idNumber: r.idNumber,
        at: r.date,
        kind: 'department_result',
        department: 'civil_affairs',
        basis: SERVICE_BASIS,
        amountFen: this.monthCost(plan.id, code, month),
        item: code,
        status: 'received',
        refTable: 'service_plans',
        refId: plan.id,
        summary: `${month} ${name}：${service.nameZh}已服务 ${after}${price.unitZh}，达到计划每月 ${plan.monthly_quantity}${price.unitZh}（${provider.name}）`,
        recordedBy: this.actor.username,
      });
    return { id };
  }

  private delivered(idNumber: string, code: string, month: string): number {
    return (
      first(
        this.raw,
        qb
          .selectFrom('service_records')
          .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('quantity'), eb.lit(0)).as('n'))
          .where('id_number', '=', idNumber)
          .where('service_code', '=', code)
          .where('month', '=', month),
      )?.n ?? 0
    );
  }

  private monthCost(planId: number, code: string, month: string): number {
    return (
      first(
        this.raw,
        qb
          .selectFrom('service_records')
          .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('cost_fen'), eb.lit(0)).as('n'))
          .where('plan_id', '=', planId)
          .where('service_code', '=', code)
          .where('month', '=', month),
      )?.n ?? 0
    );
  }
}

/** A record entered by hand: accepted in its own transaction with its audit entry, or refused with the reason by its field. */
export function addRecord(raw: BetterSqlite3.Database, input: RecordInput, actor: Actor, now: Date): number {
  return raw.transaction(() => {
    const desk = new RecordDesk(raw, actor, now);
    const recordId = input.recordId.trim() || `M${now.getTime()}`;
    const out = desk.decide({ ...input, recordId }, { source: 'manual', importId: null, row: null });
    if ('field' in out) throw new AppError('record_refused', { zh: `${out.zh}。`, en: `${out.en}.` }, out.field);
    appendAudit(raw, {
      ...actor,
      action: 'record',
      entity: 'service_record',
      entityId: out.id,
      summary: `${input.serviceCode} × ${input.quantity} on ${input.date} for ${maskIdNumber(input.idNumber)} (${formatFen(desk.costFen)} yuan)`,
      after: { ...input, recordId },
      at: now.toISOString(),
    });
    return out.id;
  })();
}

/** What the exchange writes for a refused row: its column (the field's key; apply names the file's column) and the reason. */
export interface RefusedRow {
  row: number;
  field: RecordField;
  zh: string;
  en: string;
}

/**
 * A provider's file at apply (the exchange's transaction): each row decided in the file's order, accepted or refused.
 * Returns the refused rows and how many persons the accepted ones concern.
 */
export function applyServiceRows(
  raw: BetterSqlite3.Database,
  rows: readonly ServiceRow[],
  importId: number,
  actor: Actor,
  now: Date,
): { refused: RefusedRow[]; accepted: number; persons: number; costFen: number } {
  const desk = new RecordDesk(raw, actor, now);
  const refused: RefusedRow[] = [];
  const persons = new Set<string>();
  for (const r of rows) {
    const provider = desk.providerOf(r.provider);
    if (!provider) {
      refused.push({
        row: r.row,
        field: 'provider',
        zh: `没有名为或代码为“${r.provider}”的服务机构`,
        en: `there is no provider "${r.provider}"`,
      });
      continue;
    }
    const out = desk.decide({ ...r, providerId: provider.id }, { source: 'import', importId, row: r.row });
    if ('field' in out) refused.push({ row: r.row, ...out });
    else persons.add(r.idNumber);
  }
  return { refused, accepted: desk.accepted, persons: persons.size, costFen: desk.costFen };
}
