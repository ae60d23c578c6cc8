/** An office for the temporary-assistance tests: a clerk, three managers, households of known tiers, a clock to move. */
import { adminService, household, idFor, typedClient } from '../../fixtures/builders';
import { stayingSignedIn } from '../../fixtures/sessions';
import type { Input } from '../../../src-main/contract';

export const HEAD = idFor('1960-03-01', 11);
export const SPOUSE = idFor('1962-05-20', 12);
export const OTHER_HEAD = idFor('1970-01-01', 21);
export const NON_LOCAL = idFor('1988-08-08', 33, '510104');

export async function office(start = '2026-11-16T09:00:00Z') {
  let now = new Date(start);
  // Accounts are made as the office makes them since the two-person rule (docs/security.md "Roles and the two-person rule"): asked, confirmed, first password changed.
  const s = stayingSignedIn(
    await adminService({ now: () => now, idleLockMinutes: 1_000_000 }, [
      { username: 'clerk1', role: 'clerk' },
      { username: 'mgr1', role: 'manager' },
      { username: 'mgr2', role: 'manager' },
      { username: 'mgr3', role: 'manager' },
    ]),
  );
  const sessions = s.accounts;
  const accounts = await s.admin.value('users.list', {});
  const users: Record<string, { id: number }> = Object.fromEntries(
    Object.keys(sessions).map((u) => [u, { id: accounts.find((a) => a.username === u)!.id }]),
  );
  const login = (u: string) => typedClient(s.service, sessions[u]);
  const clerk = login('clerk1');
  const mgr1 = login('mgr1');
  const mgr2 = login('mgr2');
  const mgr3 = login('mgr3');
  // A dibao couple (pension 500): T = 0, r = 50%. A household without tier (pension 1,000 alone): T = 20% × I, r = 40%.
  const dibao = await s.api.value('households.create', {
    household: household({
      members: [
        { idNumber: HEAD, name: '王建国', relation: 'head', status: 'present', monthlyIncome: [{ type: 'pension', amount: 500 }] },
        { idNumber: SPOUSE, name: '李秀英', relation: 'spouse', status: 'present' },
      ],
      current: { tier: 'dibao', monthlyBenefit: 1000, gradualExitSince: null },
    }),
  });
  const plain = await s.api.value('households.create', {
    household: household({
      area: { township: '河西镇', village: '南村' },
      residence: 'rural',
      members: [
        { idNumber: OTHER_HEAD, name: '赵大山', relation: 'head', status: 'present', monthlyIncome: [{ type: 'pension', amount: 1000 }] },
      ],
    }),
  });
  const areas = await s.api.value('areas.list', {});
  const townshipId = (name: string) => areas.find((a) => a.level === 'township' && a.name === name)!.id;
  return {
    ...s,
    users,
    clerk,
    mgr1,
    mgr2,
    mgr3,
    dibaoId: dibao.id,
    plainId: plain.id,
    chengguan: townshipId('城关镇'),
    hexi: townshipId('河西镇'),
    setNow: (iso: string) => (now = new Date(iso)),
    today: () => now.toISOString().slice(0, 10),
  };
}
export type Office = Awaited<ReturnType<typeof office>>;

/** A small quick assistance for the dibao household (fire, 500 yuan, paid today from the standby fund). */
export const quick = (o: Office, more: Partial<Input<'temporary.create'>> = {}): Input<'temporary.create'> => ({
  track: 'quick',
  kind: 'emergency',
  reason: 'fire',
  eventDate: o.today(),
  householdId: o.dibaoId,
  requestedFen: 50_000,
  ...more,
});
