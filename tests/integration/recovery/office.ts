/**
 * An office whose clock the test moves: a clerk and a manager, households paid month after month
 * (a determination approved, then each month closed on its 20th), as recovery and services tests
 * need them. Everything goes through the service, typed by the contract.
 */
import { adminService, idFor, type HouseholdInput } from '../../fixtures/builders';
import { stayingSignedIn } from '../../fixtures/sessions';
import { addMonths } from '../../../src-main/common/dates';

export const ELDER = idFor('1950-04-02', 21);
export const WIFE = idFor('1985-02-10', 42);
export const HUSBAND = idFor('1984-06-18', 31);

/** A person of 76 living alone in 城关镇: 特困 at home (1.3 × 750 + 100 care = 1,075 yuan), suggested for a service assessment. */
export const elderAlone = (): HouseholdInput => ({
  residence: 'urban',
  area: { township: '城关镇', village: '东街社区' },
  address: '东街 3 号',
  members: [{ idNumber: ELDER, name: '赵桂兰', relation: 'head', status: 'present', labour: 'none' }],
});

/** Two adults of working age without income: 低保, 2 × 750 = 1,500 yuan a month. */
export const couple = (): HouseholdInput => ({
  residence: 'urban',
  area: { township: '城关镇', village: '西街社区' },
  address: '西街 8 号',
  members: [
    { idNumber: HUSBAND, name: '孙建军', relation: 'head', status: 'present', labour: 'unemployed' },
    { idNumber: WIFE, name: '周丽', relation: 'spouse', status: 'present', labour: 'unemployed' },
  ],
});

export async function office(start = '2026-07-20T09:00:00Z') {
  const clock = { now: new Date(start) };
  // Asked by the director, confirmed by the administrator, first password changed (docs/security.md "Roles and the two-person rule").
  const s = stayingSignedIn(
    await adminService({ now: () => clock.now, idleLockMinutes: 10_000_000 }, [
      { username: 'clerk1', role: 'clerk', password: 'secret22', displayName: '陈经办' },
      { username: 'manager1', role: 'manager', password: 'secret33', displayName: '王审核' },
    ]),
  );
  const { clerk1: clerk, manager1: manager } = s.accounts;
  const at = (iso: string) => {
    clock.now = new Date(iso);
  };
  const api = s.api;
  /** A clerk proposes (with a fact, if given) and the manager approves: in force from the next month. */
  const approve = async (householdId: number, factId?: number) => {
    const { id } = await api.value('determinations.propose', { householdId, ...(factId ? { factId } : {}) }, clerk);
    await api.value('determinations.decide', { id, decision: 'approved', reason: '经审核同意' }, manager);
    return id;
  };
  /** Closes every month from `from` to `to`, each on its 20th. */
  const closeMonths = async (from: string, to: string) => {
    for (let m = from; m <= to; m = addMonths(m, 1)) {
      at(`${m}-20T09:00:00Z`);
      await api.value('payments.close', { month: m }, manager);
    }
  };
  const create = async (h: HouseholdInput) => (await api.value('households.create', { household: h }, clerk)).id;
  return { ...s, clock, at, clerk, manager, approve, closeMonths, create };
}

export type Office = Awaited<ReturnType<typeof office>>;

/** A department's or provider's file through the exchange, as the import wizard sends it; its summary and refused rows. */
export async function importFile(o: Office, source: 'public_security_deaths' | 'service_records', text: string, name: string) {
  const { importFinished } = await import('../../../src-main/exchange/runner');
  const start = await o.api.value(
    'exchange.start',
    { file: { base64: Buffer.from(text, 'utf8').toString('base64'), name }, source },
    o.clerk,
  );
  await importFinished(start.importId);
  const status = await o.api.value('exchange.status', { importId: start.importId }, o.clerk);
  if (!status.summary) throw new Error(`import #${start.importId} ended without a summary: ${status.status} ${status.error ?? ''}`);
  const rejected = (await o.api.value('exchange.rejected', { importId: start.importId }, o.clerk)).rows;
  return { importId: start.importId, summary: status.summary, rejected };
}
