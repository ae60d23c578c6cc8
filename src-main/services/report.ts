/**
 * The monthly provider report (docs/rules/temporary-service-recovery.md §12.4, evaluation): per
 * provider and service, the quantity planned for the month against the quantity delivered
 * (accepted records), their cost against the contract's budget, and the quarter's average
 * satisfaction; and a provider's ledger of the month — every accepted record, priced.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { codeOf, PROVIDER_KINDS, type ProviderKind } from '../common/codes';
import { all, qb } from '../db/query';
import { Catalogue } from './catalogue';
import { quarterOf } from './months';
import { averageScore } from './satisfaction';

export interface ServiceLine {
  serviceCode: string;
  nameZh: string;
  nameEn: string;
  unitZh: string;
  unitEn: string;
  /** Persons with the service planned this month. */
  persons: number;
  planned: number;
  delivered: number;
  costFen: number;
}

export interface ProviderMonth {
  providerId: number;
  code: string;
  name: string;
  kind: ProviderKind;
  contractNumber: string | null;
  budgetFen: number | null;
  services: ServiceLine[];
  plannedPersons: number;
  /** Persons whose every planned service of the month reached its plan. */
  personsReceived: number;
  costFen: number;
  /** January to the month, the year of the contract. */
  yearCostFen: number;
  satisfaction: number | null;
  rated: number;
}

export interface ProviderReport {
  month: string;
  quarter: string;
  providers: ProviderMonth[];
  totals: { planned: number; delivered: number; costFen: number; yearCostFen: number; budgetFen: number };
}

export function providerReport(raw: BetterSqlite3.Database, month: string): ProviderReport {
  const year = Number(month.slice(0, 4));
  const cat = new Catalogue(raw);
  const providers = all(raw, qb.selectFrom('service_providers').selectAll().orderBy('id'));
  const contracts = all(raw, qb.selectFrom('service_contracts').selectAll().where('year', '=', year));
  const planned = all(
    raw,
    qb
      .selectFrom('service_plans as p')
      .innerJoin('service_plan_items as i', 'i.plan_id', 'p.id')
      .select(['p.id', 'p.provider_id', 'p.id_number', 'i.service_code', 'i.monthly_quantity'])
      .where('p.start_month', '<=', month)
      .where('p.end_month', '>=', month),
  );
  const delivered = all(
    raw,
    qb
      .selectFrom('service_records')
      .select((eb) => [
        'provider_id',
        'plan_id',
        'service_code',
        eb.fn.sum<number>('quantity').as('quantity'),
        eb.fn.sum<number>('cost_fen').as('cost'),
      ])
      .where('month', '=', month)
      .groupBy(['provider_id', 'plan_id', 'service_code']),
  );
  const yearCost = all(
    raw,
    qb
      .selectFrom('service_records')
      .select((eb) => ['provider_id', eb.fn.sum<number>('cost_fen').as('cost')])
      .where('month', '>=', `${year}-01`)
      .where('month', '<=', month)
      .groupBy('provider_id'),
  );
  const quarter = quarterOf(month);
  const out: ProviderMonth[] = [];
  for (const p of providers) {
    const contract = contracts.find((c) => c.provider_id === p.id);
    const mine = planned.filter((x) => x.provider_id === p.id);
    const got = delivered.filter((x) => x.provider_id === p.id);
    if (!contract && mine.length === 0 && got.length === 0) continue;
    const codes = [...new Set([...mine.map((x) => x.service_code), ...got.map((x) => x.service_code)])].sort(
      (a, b) => cat.codes().indexOf(a) - cat.codes().indexOf(b),
    );
    const services = codes.map((code): ServiceLine => {
      const e = cat.latest(code);
      const pl = mine.filter((x) => x.service_code === code);
      const dl = got.filter((x) => x.service_code === code);
      return {
        serviceCode: code,
        nameZh: e?.nameZh ?? code,
        nameEn: e?.nameEn ?? code,
        unitZh: e?.unitZh ?? '',
        unitEn: e?.unitEn ?? '',
        persons: new Set(pl.map((x) => x.id_number)).size,
        planned: pl.reduce((s, x) => s + x.monthly_quantity, 0),
        delivered: dl.reduce((s, x) => s + x.quantity, 0),
        costFen: dl.reduce((s, x) => s + x.cost, 0),
      };
    });
    // A person received the month's services when each planned item reached its quantity (§12.4, the happiness list).
    const byPerson = new Map<string, boolean>();
    for (const x of mine) {
      const n = got.find((d) => d.plan_id === x.id && d.service_code === x.service_code)?.quantity ?? 0;
      byPerson.set(x.id_number, (byPerson.get(x.id_number) ?? true) && n >= x.monthly_quantity);
    }
    const s = averageScore(raw, p.id, quarter);
    out.push({
      providerId: p.id,
      code: p.code,
      name: p.name,
      kind: codeOf(PROVIDER_KINDS, p.kind),
      contractNumber: contract?.number ?? null,
      budgetFen: contract?.budget_fen ?? null,
      services,
      plannedPersons: byPerson.size,
      personsReceived: [...byPerson.values()].filter(Boolean).length,
      costFen: services.reduce((a, x) => a + x.costFen, 0),
      yearCostFen: yearCost.find((y) => y.provider_id === p.id)?.cost ?? 0,
      satisfaction: s.average,
      rated: s.persons,
    });
  }
  const sum = (f: (p: ProviderMonth) => number) => out.reduce((a, p) => a + f(p), 0);
  return {
    month,
    quarter,
    providers: out,
    totals: {
      planned: sum((p) => p.services.reduce((a, x) => a + x.planned, 0)),
      delivered: sum((p) => p.services.reduce((a, x) => a + x.delivered, 0)),
      costFen: sum((p) => p.costFen),
      yearCostFen: sum((p) => p.yearCostFen),
      budgetFen: sum((p) => p.budgetFen ?? 0),
    },
  };
}

export interface LedgerRow {
  id: number;
  recordKey: string;
  serviceDate: string;
  township: string;
  village: string;
  personName: string;
  idNumber: string;
  serviceCode: string;
  nameZh: string;
  unitZh: string;
  quantity: number;
  unitPriceFen: number;
  costFen: number;
  staff: string | null;
  source: 'import' | 'manual';
}

/** A provider's accepted records of a month, by service then date. */
export function ledgerRows(raw: BetterSqlite3.Database, f: { providerId?: number; month: string; idNumber?: string }): LedgerRow[] {
  let q = qb
    .selectFrom('service_records as r')
    .innerJoin('service_plans as p', 'p.id', 'r.plan_id')
    .innerJoin('households as h', 'h.id', 'r.household_id')
    .innerJoin('areas as v', 'v.id', 'h.area_id')
    .innerJoin('areas as t', 't.id', 'v.parent_id')
    .select([
      'r.id',
      'r.record_key',
      'r.service_date',
      't.name as township',
      'v.name as village',
      'p.person_name',
      'r.id_number',
      'r.service_code',
      'r.quantity',
      'r.unit_price_fen',
      'r.cost_fen',
      'r.staff',
      'r.source',
    ])
    .where('r.month', '=', f.month);
  if (f.providerId !== undefined) q = q.where('r.provider_id', '=', f.providerId);
  if (f.idNumber !== undefined) q = q.where('r.id_number', '=', f.idNumber);
  const cat = new Catalogue(raw);
  const order = cat.codes();
  return all(raw, q.orderBy('r.service_date').orderBy('r.id'))
    .map((r) => {
      const e = cat.latest(r.service_code);
      return {
        id: r.id,
        recordKey: r.record_key,
        serviceDate: r.service_date,
        township: r.township,
        village: r.village,
        personName: r.person_name,
        idNumber: r.id_number,
        serviceCode: r.service_code,
        nameZh: e?.nameZh ?? r.service_code,
        unitZh: e?.unitZh ?? '',
        quantity: r.quantity,
        unitPriceFen: r.unit_price_fen,
        costFen: r.cost_fen,
        staff: r.staff,
        source: r.source,
      };
    })
    .sort((a, b) => order.indexOf(a.serviceCode) - order.indexOf(b.serviceCode));
}
