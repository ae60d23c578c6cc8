/**
 * Recording a request for temporary assistance (docs/rules/temporary-service-recovery.md §11): for a
 * household of the registry or a non-local person (流动人口, no household is created), with its amount
 * and band computed (./assess.ts) and the limits of §11.4 applied. The two fast paths of §11.1 are
 * decided and paid in the same transaction: 小额快救 (≤ 1 × S, within 3 days of the request, no check,
 * no publicity) and 先行救助 (≤ 3 × S, paperwork within 10 working days after paying).
 */
import { codeWords } from '../common/audit-labels';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import {
  EMERGENCY_REASONS,
  EXPENDITURE_REASONS,
  type DecidingLevel,
  type PaidFrom,
  type TemporaryKind,
  type TemporaryReason,
  type TemporaryTrack,
} from '../common/codes';
import { isIsoDate, todayIso } from '../common/dates';
import { appError } from '../common/errors';
import type { Residence } from '../common/household-file';
import { parseIdNumber, ID_PROBLEM_TEXT } from '../common/id-number';
import { formatFen } from '../common/money';
import { first, qb, run } from '../db/query';
import { assess, multipleFen, withinMultiple, type Assessment } from './assess';
import { householdFacts, parametersFor, tierOn, township } from './context';
import { recordDecision } from './decide';
import { sameEvent, sameReasonSameYear, type EarlierCase } from './limits';
import { recordPayment } from './pay';
import { renderTemporaryReason } from './reasons';
import { caseNumber, caseState, mustGetCase, nextSeq, type CaseActor } from './records';
import { caseLabelZh, TRACK_ZH } from './words';

export type { CaseActor } from './records';

export interface NonLocalPerson {
  idNumber: string;
  name: string;
  hukouPlace: string;
  phone?: string | null;
  /** The residence column of the place where the emergency happened (for S). */
  residence: Residence;
  townshipId: number;
}

export interface NewCase {
  track: TemporaryTrack;
  kind: TemporaryKind;
  reason: TemporaryReason;
  eventDate: string;
  /** The event's own id (§11.4); by default the kind, reason and date of the event. */
  eventId?: string | null;
  requestedOn?: string | null;
  householdId?: number | null;
  /** The member concerned (default: the head). */
  idNumber?: string | null;
  nonLocal?: NonLocalPerson | null;
  spendingFen?: number | null;
  receiptsFen?: number | null;
  requestedFen?: number | null;
  description?: string | null;
  paidFrom?: PaidFrom | null;
  warningId?: number | null;
  /** Fast paths: the date paid (default: today). */
  paidOn?: string | null;
  level?: DecidingLevel;
}

const bad = (code: string, en: string, zh: string, field: string) => appError(code, en, zh, field);

/** The assessment of a request against the registry, as `create` will make it (the screen shows it live). */
export function assessRequest(raw: BetterSqlite3.Database, input: NewCase) {
  if (!isIsoDate(input.eventDate)) throw bad('invalid_input', 'The event date must be a real date.', '事发日期无效。', 'eventDate');
  const allowed: readonly string[] = input.kind === 'emergency' ? EMERGENCY_REASONS : EXPENDITURE_REASONS;
  if (!allowed.includes(input.reason))
    throw bad('invalid_input', `This reason is not one of ${input.kind} assistance.`, '该事由不属于所选救助类型。', 'reason');
  const facts = input.householdId != null ? householdFacts(raw, input.householdId) : null;
  if (!facts && !input.nonLocal)
    throw bad('invalid_input', 'Choose the household, or record a non-local person.', '请选择家庭，或登记流动人口。', 'householdId');
  const residence = facts?.data.residence ?? input.nonLocal?.residence ?? 'urban';
  const tier = facts ? tierOn(raw, facts.householdId, input.eventDate) : null;
  const p = parametersFor(raw, residence, input.eventDate);
  const assessment = assess(
    {
      kind: input.kind,
      household: facts?.data ?? null,
      tier,
      eventDate: input.eventDate,
      spendingFen: input.spendingFen ?? 0,
      requestedFen: input.requestedFen ?? 0,
    },
    p,
  );
  return { facts, tier, residence, p, assessment };
}

function refusal(a: Assessment) {
  const last = a.reasons[a.reasons.length - 1];
  return bad(
    'not_eligible',
    renderTemporaryReason(last, 'en'),
    renderTemporaryReason(last, 'zh'),
    last.rule === 'temporary.income' ? 'householdId' : last.rule === 'temporary.requested' ? 'requestedFen' : 'spendingFen',
  );
}

export function createCase(raw: BetterSqlite3.Database, input: NewCase, actor: CaseActor, now: Date) {
  const today = todayIso(now);
  const requestedOn = input.requestedOn ?? today;
  if (!isIsoDate(requestedOn) || requestedOn > today)
    throw bad('invalid_input', 'The request date must be a real date, not after today.', '申请日期无效或晚于今天。', 'requestedOn');
  if (input.eventDate > requestedOn)
    throw bad('invalid_input', 'The event happened after the request date?', '事发日期晚于申请日期。', 'eventDate');
  const fast = input.track !== 'ordinary';
  if (input.kind === 'expenditure' && fast)
    throw bad(
      'invalid_input',
      `${TRACK_ZH[input.track]} is for emergencies only.`,
      `${TRACK_ZH[input.track]}仅适用于急难型救助。`,
      'track',
    );
  if (input.kind === 'expenditure' && (input.spendingFen == null || input.spendingFen < 0))
    throw bad('invalid_input', 'Enter the essential spending of the event.', '请填写本次事件的必需支出。', 'spendingFen');
  if (input.kind === 'emergency' && (input.requestedFen == null || input.requestedFen <= 0))
    throw bad('invalid_input', 'Enter the amount asked (more than 0).', '请填写救助金额（大于 0）。', 'requestedFen');
  if (input.householdId != null && input.nonLocal)
    throw bad('invalid_input', 'A case is for a household or a non-local person, not both.', '请选择家庭或流动人口之一。', 'householdId');
  const nl = input.nonLocal ?? null;
  if (nl) {
    const id = parseIdNumber(nl.idNumber, today);
    if (!id.ok) throw bad('invalid_input', ID_PROBLEM_TEXT[id.problem].en, ID_PROBLEM_TEXT[id.problem].zh, 'nonLocal.idNumber');
    nl.idNumber = id.value.idNumber;
    if (!nl.name.trim()) throw bad('invalid_input', 'Enter the name.', '请填写姓名。', 'nonLocal.name');
    if (!nl.hukouPlace.trim())
      throw bad('invalid_input', 'Enter the place of household registration.', '请填写户籍地。', 'nonLocal.hukouPlace');
    // §11.1: a non-local person receives 小额快救 or 先行救助 only, without county approval.
    if (!fast || input.kind !== 'emergency')
      throw bad(
        'invalid_input',
        'A non-local person receives small quick assistance or assist-first only.',
        '流动人口仅可给予小额快救或先行救助。',
        'track',
      );
  }
  return raw.transaction(() => {
    const { facts, tier, residence, p, assessment: a } = assessRequest(raw, input);
    if (facts && facts.status !== 'active')
      throw bad(
        'household_closed',
        `Household #${facts.householdId} is closed.`,
        `第 ${facts.householdId} 号家庭档案已注销。`,
        'householdId',
      );
    if (!a.eligible) throw refusal(a);
    const S = a.standardFen;
    const amountFen = a.amountFen;
    if (amountFen <= 0)
      throw bad('not_eligible', 'The computed amount is 0.00: nothing to pay.', '计算金额为 0.00 元，无需救助。', 'spendingFen');
    if (input.track === 'quick' && !withinMultiple(amountFen, S, p.rules['temporary.quickMultiple']))
      throw bad(
        'over_band',
        `Small quick assistance is at most ${formatFen(multipleFen(S, p.rules['temporary.quickMultiple']))} yuan (1 × S); record an ordinary case for more.`,
        `小额快救最高 ${formatFen(multipleFen(S, p.rules['temporary.quickMultiple']))} 元（1 × S），超过的请按一般程序申请。`,
        'requestedFen',
      );
    if (input.track === 'assist_first' && !withinMultiple(amountFen, S, p.rules['temporary.townshipMultiple']))
      throw bad(
        'over_band',
        `Assist-first pays at most ${formatFen(multipleFen(S, p.rules['temporary.townshipMultiple']))} yuan (3 × S).`,
        `先行救助最高 ${formatFen(multipleFen(S, p.rules['temporary.townshipMultiple']))} 元（3 × S）。`,
        'requestedFen',
      );
    if (input.track === 'quick') {
      const days = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${requestedOn}T00:00:00Z`)) / 86_400_000;
      if (days > p.rules['temporary.quickDecisionDays'])
        throw bad(
          'quick_too_late',
          `Small quick assistance is decided within ${p.rules['temporary.quickDecisionDays']} days of the request (${requestedOn}); use the ordinary path.`,
          `小额快救须在申请（${requestedOn}）后 ${p.rules['temporary.quickDecisionDays']} 日内决定，请按一般程序办理。`,
          'requestedOn',
        );
    }
    const paidFrom: PaidFrom = input.paidFrom ?? (fast ? 'standby_fund' : 'county');
    if (paidFrom === 'standby_fund' && !fast)
      throw bad(
        'invalid_input',
        'The standby fund pays small quick assistance and assist-first only.',
        '备用金仅用于小额快救和先行救助。',
        'paidFrom',
      );

    // Who, where, and the limits of §11.4.
    const personId = nl?.idNumber ?? input.idNumber ?? facts?.data.members.find((m) => m.relation === 'head')?.idNumber ?? '';
    const member = facts?.data.members.find((m) => m.idNumber === personId);
    if (facts && !member) throw bad('invalid_input', 'This person is not a member of the household.', '该人员不是本户成员。', 'idNumber');
    const who = { householdId: facts?.householdId ?? null, idNumber: personId };
    const eventId =
      (input.eventId ?? '').trim() || (input.warningId ? `warning:${input.warningId}` : `${input.kind}:${input.reason}:${input.eventDate}`);
    const again = sameEvent(raw, who, eventId);
    if (again)
      throw bad(
        'same_event',
        `This event (${eventId}) was already assisted: case ${again.number}. Never twice for one event.`,
        `同一事件（${eventId}）已获救助：${again.number}，同一事件不重复救助。`,
        'eventId',
      );
    const earlier: EarlierCase | null = sameReasonSameYear(raw, who, input.reason, input.eventDate);
    if (earlier && fast)
      throw bad(
        'same_reason',
        `Already assisted for this reason in ${input.eventDate.slice(0, 4)} (case ${earlier.number}): a second one is a case-by-case decision — record an ordinary case.`,
        `${input.eventDate.slice(0, 4)} 年已因同一事由获救助（${earlier.number}），再次救助须一事一议，请按一般程序申请。`,
        'reason',
      );
    if (earlier)
      a.reasons.push({
        rule: 'temporary.sameReason',
        figures: { year: input.eventDate.slice(0, 4), reason: input.reason, earlier: earlier.number },
      });
    const band = earlier ? 'case_by_case' : a.band;
    if (band === null) throw refusal(a);
    if (input.warningId != null) {
      const w = first(raw, qb.selectFrom('warnings').select(['id', 'household_id']).where('id', '=', input.warningId));
      if (!w || w.household_id !== facts?.householdId)
        throw bad(
          'invalid_input',
          `Warning #${input.warningId} is not this household's.`,
          `第 ${input.warningId} 号预警不属于本户。`,
          'warningId',
        );
    }
    const place = facts ? { id: facts.townshipId } : township(raw, nl!.townshipId); // one of the two is given (checked above)
    const year = Number(requestedOn.slice(0, 4));
    const seq = nextSeq(raw, year);
    const number = caseNumber(year, seq);
    const at = now.toISOString();
    const id = run(
      raw,
      qb.insertInto('temporary_cases').values({
        number,
        year,
        seq,
        kind: input.kind,
        track: input.track,
        reason: input.reason,
        event_id: eventId,
        event_date: input.eventDate,
        requested_on: requestedOn,
        household_id: facts?.householdId ?? null,
        id_number: personId,
        person_name: member?.name ?? nl!.name.trim(),
        hukou_place: nl ? nl.hukouPlace.trim() : null,
        phone: nl?.phone?.trim() || null,
        residence,
        township_id: place.id,
        area_id: facts?.areaId ?? null,
        tier,
        description: input.description?.trim() || null,
        spending_fen: input.kind === 'expenditure' ? (input.spendingFen ?? 0) : null,
        receipts_fen: input.receiptsFen ?? null,
        requested_fen: input.kind === 'emergency' ? (input.requestedFen ?? 0) : null,
        standard_fen: S,
        computed_fen: a.computedFen,
        cap_fen: a.capFen,
        proposed_fen: amountFen,
        band,
        case_by_case: a.caseByCase || earlier ? 1 : 0,
        earlier_case_id: earlier?.id ?? null,
        warning_id: input.warningId ?? null,
        paid_from: paidFrom,
        assessment_json: JSON.stringify({ ...a, band }),
        created_by_id: actor.userId,
        created_by: actor.username,
        created_at: at,
      }),
    ).lastInsertRowid;
    appendAudit(raw, {
      ...actor,
      action: 'create',
      entity: 'temporary_case',
      entityId: number,
      summary: `${number} ${codeWords(input.track)} ${input.kind}/${codeWords(input.reason)}: ${formatFen(amountFen)} yuan, band ${band}`,
      after: {
        id,
        householdId: facts?.householdId ?? null,
        idNumber: personId,
        eventId,
        amountFen,
        band,
        earlier: earlier?.number ?? null,
      },
      at,
    });
    const c = mustGetCase(raw, id);
    if (fast) {
      // §11.1: decided on the spot by whoever records it, and paid at once.
      recordDecision(
        raw,
        c,
        {
          step: 'approve',
          amountFen,
          level: input.level ?? 'county',
          reason: input.track === 'quick' ? '小额快救，当场决定' : '先行救助，先行支付，10 个工作日内补办手续',
        },
        actor,
        now,
      );
      recordPayment(raw, c, { paidOn: input.paidOn ?? today, amountFen }, actor, now);
    }
    const st = caseState(raw, c);
    return { id, number, status: st.status, band, amountFen, label: caseLabelZh(c), earlierCase: earlier?.number ?? null };
  })();
}
