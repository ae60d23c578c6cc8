/** The Cases screen's address: `#/cases?overdue=1&township=3` (a dashboard link reproduces exactly its list), `#/cases/12` one case. */
import { APPLIED_TIERS, CASE_STAGES } from '../../../src-main/contract/cases';
import { isCode } from '../../../src-main/common/codes';

export interface CasesQuery {
  tab: 'list' | 'townships' | 'spot' | 'delegation';
  townshipId?: number;
  stage?: (typeof CASE_STAGES)[number] | 'open';
  tierApplied?: (typeof APPLIED_TIERS)[number];
  overdue?: boolean;
  relativeOfStaff?: boolean;
  decidedAtTownship?: boolean;
}

const TABS = ['list', 'townships', 'spot', 'delegation'] as const;

export function parseCasesRoute(route: string): { caseId: number | null; q: CasesQuery } {
  const [path, search = ''] = route.split('?');
  const m = /^\/cases\/(\d+)$/.exec(path);
  const p = new URLSearchParams(search);
  const stage = p.get('stage') ?? '';
  const tier = p.get('tier') ?? '';
  const tab = p.get('tab') ?? '';
  const township = Number(p.get('township'));
  return {
    caseId: m ? Number(m[1]) : null,
    q: {
      tab: isCode(TABS, tab) ? tab : 'list',
      ...(township > 0 ? { townshipId: township } : {}),
      ...(isCode(CASE_STAGES, stage) || stage === 'open' ? { stage: stage === 'open' ? 'open' : stage } : {}),
      ...(isCode(APPLIED_TIERS, tier) ? { tierApplied: tier } : {}),
      ...(p.get('overdue') === '1' ? { overdue: true } : {}),
      ...(p.get('relative') === '1' ? { relativeOfStaff: true } : {}),
      ...(p.get('delegated') === '1' ? { decidedAtTownship: true } : {}),
    },
  };
}

export function casesRoute(q: CasesQuery, caseId: number | null = null): string {
  const p = new URLSearchParams();
  if (q.tab !== 'list') p.set('tab', q.tab);
  if (q.townshipId) p.set('township', String(q.townshipId));
  if (q.stage) p.set('stage', q.stage);
  if (q.tierApplied) p.set('tier', q.tierApplied);
  if (q.overdue) p.set('overdue', '1');
  if (q.relativeOfStaff) p.set('relative', '1');
  if (q.decidedAtTownship) p.set('delegated', '1');
  const s = p.toString();
  return `/cases${caseId ? `/${caseId}` : ''}${s ? `?${s}` : ''}`;
}
