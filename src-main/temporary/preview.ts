/**
 * What the Temporary screen shows while a request is typed: the amount, the band and every reason
 * (docs/rules/temporary-service-recovery.md §11.2–§11.3), with the limits of §11.4 that the request
 * would meet — the same computation `create` makes, without writing anything.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Lang } from '../common/errors';
import { assessRequest, type NewCase } from './cases';
import { sameEvent, sameReasonSameYear } from './limits';
import { renderTemporaryReason } from './reasons';

export function previewCase(raw: BetterSqlite3.Database, input: NewCase, lang: Lang) {
  const { facts, tier, assessment: a } = assessRequest(raw, input);
  const personId = input.nonLocal?.idNumber ?? input.idNumber ?? facts?.data.members.find((m) => m.relation === 'head')?.idNumber ?? '';
  const who = { householdId: facts?.householdId ?? null, idNumber: personId };
  const eventId = (input.eventId ?? '').trim() || `${input.kind}:${input.reason}:${input.eventDate}`;
  const again = sameEvent(raw, who, eventId);
  const earlier = sameReasonSameYear(raw, who, input.reason, input.eventDate);
  if (earlier && a.eligible)
    a.reasons.push({
      rule: 'temporary.sameReason',
      figures: { year: input.eventDate.slice(0, 4), reason: input.reason, earlier: earlier.number },
    });
  return {
    eligible: a.eligible,
    amountFen: a.amountFen,
    computedFen: a.computedFen,
    capFen: a.capFen,
    maxFen: a.maxFen,
    standardFen: a.standardFen,
    band: earlier && a.eligible ? ('case_by_case' as const) : a.band,
    caseByCase: a.caseByCase || (earlier !== null && a.eligible),
    tier,
    reasons: a.reasons.map((r) => ({ rule: r.rule, pass: r.pass ?? null, text: renderTemporaryReason(r, lang) })),
    earlierCase: earlier?.number ?? null,
    sameEvent: again?.number ?? null,
  };
}
