/**
 * Who may do what at each level (docs/rules/workstations.md "Delegation", docs/stations.md
 * "Access"): one code path for county and township — the station's level and its delegation
 * decide, after the method's roles. A workstation that is not a station is not restricted.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Role } from '../common/codes';
import { appError } from '../common/errors';
import { first, qb } from '../db/query';
import type { StationLevel } from './identity';

type Rule = Partial<Record<StationLevel, readonly Role[] | 'delegated'>>;

const CLERK_MANAGER = ['clerk', 'manager'] as const;
const CLERK = ['clerk', 'manager', 'administrator'] as const;

/** Methods absent here follow their roles alone. */
export const STATION_RULES: Readonly<Record<string, Rule>> = {
  'stations.enrol': { county: ['administrator'] },
  'stations.export': { county: CLERK_MANAGER, township: CLERK_MANAGER },
  'stations.import': { county: CLERK_MANAGER, township: CLERK_MANAGER },
  'conflicts.resolve': { county: ['manager'], township: CLERK_MANAGER },
  'determinations.decide': { county: ['manager', 'administrator'], township: 'delegated' },
  'parameters.add': { county: ['manager', 'administrator'] },
  'households.create': { county: CLERK, township: CLERK },
  'households.update': { county: CLERK, township: CLERK },
};

const LEVEL_ZH = { county: '县级', township: '乡镇' } as const;

/** Throws `station_forbidden` when this station's level (or its delegation) does not allow `method` for `role`. */
export function checkStationAccess(raw: BetterSqlite3.Database, method: string, role: Role): void {
  const rule = STATION_RULES[method];
  if (!rule) return;
  const self = first(raw, qb.selectFrom('station_self').select(['level', 'delegation_json']).where('id', '=', 1));
  if (!self) return;
  const allowed = rule[self.level];
  if (allowed === 'delegated') {
    // two-person: requests mechanism (docs/security.md) — the maker-checker rule of decisions stays in decisions/ meanwhile.
    const d = JSON.parse(self.delegation_json) as { decide?: boolean };
    if (d.decide === true && role === 'manager') return;
    throw appError(
      'station_forbidden',
      'The county has not delegated this decision to this township station.',
      '县级未将此项审批委托给本乡镇工作站。',
    );
  }
  if (allowed && allowed.includes(role)) return;
  throw appError(
    'station_forbidden',
    `A ${self.level} station does not do this${allowed ? ` for your role (${role})` : ''}.`,
    `${LEVEL_ZH[self.level]}工作站${allowed ? '中您的角色' : ''}不能执行此操作。`,
  );
}
