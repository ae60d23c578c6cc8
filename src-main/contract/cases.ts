/**
 * Applications on the clock (docs/rules/workstations.md, "Delegation, time limits and checks"): open a case, record its
 * stages, list them with working days left, the per-township progress, publicity, delegation and spot checks.
 */
import { z } from 'zod';
import { CLERKS, fileOut, int, isoDate, MANAGERS, method, month, ok, pageInput, paged } from './common';

export const CASE_STAGES = ['received', 'investigated', 'publicised', 'decided', 'refused', 'withdrawn'] as const;
export const APPLIED_TIERS = ['tekun', 'dibao', 'marginal'] as const;
export const LEVELS = ['township', 'county'] as const;
export const CASE_LIMITS = ['investigation_start', 'check_start', 'decision', 'whole'] as const;
export const CASE_SORT_KEYS = [
  'id',
  'headName',
  'township',
  'village',
  'tierApplied',
  'receivedOn',
  'stage',
  'dueOn',
  'daysLeft',
  'workingDays',
] as const;
/** The printed forms of the Cases screen (src-main/reports/cases-forms.ts). */
export const CASE_FORMS = ['cases', 'spot-checks', 'case-publicity'] as const;
export const EVENT_KINDS = [
  'investigation_started',
  'home_visit',
  'investigated',
  'check_started',
  'publicity',
  'objection',
  'appraisal',
  'extended',
  'decided',
  'refused',
  'withdrawn',
] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const staff = z.array(z.string().trim().min(1).max(40)).min(2, 'a home visit is made by at least 2 staff').max(10);

export const caseRow = z.object({
  id: int,
  householdId: int,
  headName: z.string(),
  township: z.string(),
  townshipId: int,
  village: z.string(),
  tierApplied: z.enum(APPLIED_TIERS),
  receivedOn: z.string(),
  relativeOfStaff: z.boolean(),
  decidedAt: z.enum(LEVELS).nullable(),
  stage: z.enum(CASE_STAGES),
  limit: z.enum(CASE_LIMITS).nullable(),
  dueOn: z.string().nullable(),
  daysLeft: int.nullable(),
  overdue: z.boolean(),
  extended: z.boolean(),
  publicityFrom: z.string().nullable(),
  publicityTo: z.string().nullable(),
  objection: z.boolean(),
  appraised: z.boolean(),
  closedOn: z.string().nullable(),
  workingDays: int,
});

/** A stage's details are flat: texts, numbers, flags and lists of names (the staff of a visit). */
const detailValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

export const caseEvent = z.object({
  id: int,
  kind: z.enum(EVENT_KINDS),
  onDate: z.string(),
  level: z.enum(LEVELS),
  station: z.string(),
  detail: z.record(z.string(), detailValue),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

const caseFilter = {
  townshipId: int.optional(),
  stage: z.enum([...CASE_STAGES, 'open']).optional(),
  tierApplied: z.enum(APPLIED_TIERS).optional(),
  overdue: z.boolean().optional(),
  relativeOfStaff: z.boolean().optional(),
  decidedAtTownship: z.boolean().optional(),
  sort: z.enum(CASE_SORT_KEYS).optional(),
  desc: z.boolean().optional(),
};

/** The stages a clerk records (a decision and an extension are a manager's: cases.decide, cases.extend). */
const clerkStep = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('investigation_started'), on: isoDate }),
  z.object({ kind: z.literal('home_visit'), on: isoDate, level: z.enum(LEVELS), staff, findings: text(2000) }),
  z.object({ kind: z.literal('investigated'), on: isoDate }),
  z.object({ kind: z.literal('check_started'), on: isoDate }),
  z.object({ kind: z.literal('publicity'), on: isoDate }),
  z.object({ kind: z.literal('objection'), on: isoDate, by: z.string().trim().max(40).optional(), what: text(1000), handling: text(1000) }),
  z.object({ kind: z.literal('appraisal'), on: isoDate, minutes: text(4000), outcome: z.enum(['eligible', 'not_eligible']) }),
  z.object({ kind: z.literal('withdrawn'), on: isoDate, reason: text(500) }),
]);

const progress = z.object({
  townshipId: int,
  township: z.string(),
  received: int,
  decided: int,
  refused: int,
  withdrawn: int,
  open: int,
  overdue: int,
  averageWorkingDays: z.number().nullable(),
});

const delegation = z.object({
  effectiveFrom: isoDate,
  townshipsDecideDibao: z.boolean(),
  townshipsDecideTekun: z.boolean(),
  temporaryBandFen: int.min(0),
});

const spotItem = z.object({
  id: int,
  position: int,
  caseId: int,
  headName: z.string(),
  township: z.string(),
  village: z.string(),
  tierApplied: z.enum(APPLIED_TIERS),
  stage: z.enum(CASE_STAGES),
  decidedOn: z.string().nullable(),
  visitedOn: z.string().nullable(),
  staff: z.array(z.string()).nullable(),
  outcome: z.enum(['confirmed', 'finding']).nullable(),
  note: z.string().nullable(),
  warningId: int.nullable(),
});

export const casesMethods = {
  'cases.open': method({
    input: z.object({
      householdId: int,
      tierApplied: z.enum(APPLIED_TIERS),
      receivedOn: isoDate,
      relativeOfStaff: z.boolean(),
      relativeNote: z.string().trim().max(200).optional(),
    }),
    output: z.object({ id: int }),
    access: CLERKS,
  }),
  'cases.record': method({ input: z.object({ id: int, step: clerkStep }), output: z.object({ eventId: int }), access: CLERKS }),
  'cases.extend': method({
    input: z.object({ id: int, on: isoDate, reason: z.string().trim().min(4, 'give the reason for the extension').max(500) }),
    output: z.object({ eventId: int }),
    access: MANAGERS,
  }),
  'cases.decide': method({
    input: z.object({
      id: int,
      on: isoDate,
      decision: z.enum(['decided', 'refused']),
      level: z.enum(LEVELS).optional(),
      reason: z.string().trim().min(2, 'give the reason for the decision').max(1000),
      determinationId: int.optional(),
    }),
    output: z.object({ eventId: int }),
    access: MANAGERS,
  }),
  'cases.list': method({
    input: z.object({ ...caseFilter, ...pageInput }),
    output: paged(caseRow).extend({ overdue: int, calendarGaps: z.array(z.string()) }),
    access: CLERKS,
  }),
  'cases.export': method({ input: z.object(caseFilter), output: fileOut.extend({ rows: int }), access: CLERKS }),
  'cases.get': method({
    input: z.object({ id: int }),
    output: caseRow.extend({
      relativeNote: z.string().nullable(),
      station: z.string(),
      recordedBy: z.string(),
      recordedAt: z.string(),
      events: z.array(caseEvent),
    }),
    access: CLERKS,
  }),
  'cases.townships': method({
    input: z.object({ month }),
    output: z.array(progress),
    access: CLERKS,
  }),
  'cases.publicity': method({
    input: z.object({ townshipId: int.optional() }),
    output: z.array(
      z.object({
        id: int,
        name: z.string(),
        township: z.string(),
        village: z.string(),
        size: int,
        tierApplied: z.enum(APPLIED_TIERS),
        publicityFrom: z.string(),
        publicityTo: z.string(),
        objection: z.boolean(),
      }),
    ),
    access: CLERKS,
  }),
  'cases.delegation': method({
    input: z.object({}),
    output: z.array(delegation.extend({ recordedBy: z.string(), recordedAt: z.string() })),
    access: CLERKS,
  }),
  'cases.setDelegation': method({ input: delegation, output: ok, access: MANAGERS }),
  'cases.spotDraw': method({
    input: z.object({ month, percent: int.min(1).max(100).optional(), seed: int.min(0).max(2_147_483_646).optional() }),
    output: z.object({ drawId: int }),
    access: MANAGERS,
  }),
  'cases.spotList': method({
    input: z.object({ month }),
    output: z
      .object({
        month: z.string(),
        seed: int,
        percent: int,
        population: int,
        drawnBy: z.string(),
        drawnAt: z.string(),
        items: z.array(spotItem),
      })
      .nullable(),
    access: CLERKS,
  }),
  'cases.spotRecord': method({
    input: z.object({ itemId: int, visitedOn: isoDate, staff, outcome: z.enum(['confirmed', 'finding']), note: text(2000) }),
    output: z.object({ warningId: int.nullable() }),
    access: CLERKS,
  }),
  'cases.print': method({
    input: z.object({
      form: z.enum(CASE_FORMS),
      month: month.optional(),
      townshipId: int.optional(),
      format: z.enum(['html', 'pdf', 'xlsx']),
    }),
    output: z.object({
      fileName: z.string(),
      mime: z.string(),
      pages: int.nullable(),
      html: z.string().optional(),
      base64: z.string().optional(),
    }),
    access: CLERKS,
  }),
} as const;
