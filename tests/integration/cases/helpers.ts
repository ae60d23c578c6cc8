/** An office with a clerk and a manager, a clock the test moves, and households to apply from (tests/integration/cases). */
import { adminService, household, idFor, OFFICE_PASSWORDS } from '../../fixtures/builders';
import type { Input, MethodName } from '../../../src-main/contract';
import { SESSION_HOURS } from '../../../src-main/auth/sessions';

export async function office(start: string) {
  let now = new Date(`${start}T09:00:00Z`);
  // Accounts the office's way: asked by the director, confirmed by the administrator, initial password changed (docs/security.md).
  const s = await adminService({ now: () => now, idleLockMinutes: 1_000_000 }, [
    { username: 'clerk1', role: 'clerk', password: 'secret22', displayName: '经办' },
    { username: 'mgr1', role: 'manager', password: 'secret33', displayName: '审核' },
  ]);
  const { clerk1: clerk, mgr1: manager } = s.accounts;
  // The clock moves days: a session lasts at most 12 hours (docs/security.md "Sign-in"), so each person logs in again once it has.
  const people = new Map([
    [s.session, { username: 'director', password: OFFICE_PASSWORDS.director as string, session: s.session, since: now.getTime() }],
    [clerk, { username: 'clerk1', password: 'secret22', session: clerk, since: now.getTime() }],
    [manager, { username: 'mgr1', password: 'secret33', session: manager, since: now.getTime() }],
  ]);
  const current = async (first: string | null): Promise<string | null> => {
    const p = first === null ? undefined : people.get(first);
    if (!p) return first;
    if (now.getTime() - p.since >= SESSION_HOURS * 3_600_000) {
      p.session = (await s.anon.value('auth.login', { username: p.username, password: p.password })).session;
      p.since = now.getTime();
    }
    return p.session;
  };
  /** `s.api`, each person's session the one of today. */
  const api = {
    call: async <M extends MethodName>(method: M, input: Input<M>, who: string | null = s.session) =>
      s.api.call(method, input, await current(who)),
    value: async <M extends MethodName>(method: M, input: Input<M>, who: string | null = s.session) =>
      s.api.value(method, input, await current(who)),
    raw: async (method: string, input: unknown, who: string | null = s.session) => s.api.raw(method, input, await current(who)),
  };
  let n = 0;
  /** A new household in `township`; its id. */
  const newHousehold = async (township = '城关镇', village = '东街社区') => {
    n++;
    const hh = household({
      area: { township, village },
      members: [
        {
          idNumber: idFor('1970-01-01', 100 + n * 2 + 1),
          name: `张${'一二三四五六七八九十'[n % 10]}明`,
          relation: 'head',
          status: 'present',
        },
      ],
    });
    return (await api.value('households.create', { household: hh }, clerk)).id;
  };
  return { ...s, api, clerk, manager, newHousehold, setDate: (d: string) => (now = new Date(`${d}T09:00:00Z`)) };
}

type Office = Awaited<ReturnType<typeof office>>;

/** Takes a new application of `householdId` received on `on` through investigation and publicity (started the same day). */
export async function toPublicity(s: Office, householdId: number, on: string): Promise<number> {
  const { api, clerk } = s;
  const { id } = await api.value('cases.open', { householdId, tierApplied: 'dibao', receivedOn: on, relativeOfStaff: false }, clerk);
  await api.value('cases.record', { id, step: { kind: 'investigation_started', on } }, clerk);
  await api.value(
    'cases.record',
    { id, step: { kind: 'home_visit', on, level: 'township', staff: ['李四', '王五'], findings: '属实' } },
    clerk,
  );
  await api.value('cases.record', { id, step: { kind: 'investigated', on } }, clerk);
  await api.value('cases.record', { id, step: { kind: 'check_started', on } }, clerk);
  await api.value('cases.record', { id, step: { kind: 'publicity', on } }, clerk);
  return id;
}
