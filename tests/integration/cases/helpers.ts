/** An office with a clerk and a manager, a clock the test moves, and households to apply from (tests/integration/cases). */
import { adminService, household, idFor } from '../../fixtures/builders';

export async function office(start: string) {
  let now = new Date(`${start}T09:00:00Z`);
  const s = await adminService({ now: () => now, idleLockMinutes: 1_000_000 });
  await s.api.value('users.create', { username: 'clerk1', displayName: '经办', role: 'clerk', password: 'secret2' });
  await s.api.value('users.create', { username: 'mgr1', displayName: '审核', role: 'manager', password: 'secret3' });
  const login = async (u: string, p: string) => (await s.api.value('auth.login', { username: u, password: p }, null)).session;
  const clerk = await login('clerk1', 'secret2');
  const manager = await login('mgr1', 'secret3');
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
    return (await s.api.value('households.create', { household: hh }, clerk)).id;
  };
  return { ...s, clerk, manager, newHousehold, setDate: (d: string) => (now = new Date(`${d}T09:00:00Z`)) };
}
