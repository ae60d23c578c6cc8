/** Scenarios (政策测算): what a parameter change would do to the county before it is adopted (docs/rules/assistance.md §9). */
import { z } from 'zod';
import { SCAN_KINDS } from '../common/codes';
import { HOUSEHOLD_TIERS } from '../common/determination';
import { PARAMETER_UNITS, parameterIdSchema, parameterValueSchema } from '../common/parameters';
import { fileOut, id, int, isoDate, MANAGERS, method, ok } from './common';
import { requestSchema } from './requests';

const residence = z.enum(['both', 'urban', 'rural']);
/** One change; money in yuan (the store keeps fen). */
export const scenarioChange = z.object({ parameterId: parameterIdSchema, residence, value: parameterValueSchema });

const cost = z.object({ before: int, after: int, delta: int });
const counts = z.object({ newlyEligible: int, leaving: int, tierUp: int, tierDown: int, benefitChanged: int, unchanged: int });
const areaLine = z.object({
  id: int,
  name: z.string(),
  householdsBefore: int,
  householdsAfter: int,
  before: int,
  after: int,
  delta: int,
  changed: int,
});
const money = z.object({ households: int, persons: int, fen: int });

/** Amounts in fen, monthly unless named annual. */
export const scenarioSummary = z.object({
  evaluated: int,
  households: counts,
  persons: counts,
  monthlyCost: cost,
  annualCost: cost,
  byTier: z.array(
    z.object({ tier: z.enum(HOUSEHOLD_TIERS), householdsBefore: int, householdsAfter: int, before: int, after: int, delta: int }),
  ),
  byTownship: z.array(areaLine.extend({ villages: z.array(areaLine) })),
  deltas: z.array(z.object({ fromFen: int.nullable(), toFen: int.nullable(), households: int })),
  gradualExits: money,
});

export const scenarioRun = z.object({
  id: int,
  name: z.string(),
  mode: z.enum(['run', 'budget']),
  effectiveFrom: z.string(),
  changes: z.array(scenarioChange),
  beforeSet: z.string(),
  budgetFen: int.nullable(),
  solved: z.object({ parameterId: parameterIdSchema, residence, valueYuan: z.number() }).nullable(),
  evaluations: int,
  status: z.enum(['running', 'done', 'cancelled', 'failed']),
  progress: z.object({ done: int, total: int, pass: int, passes: int }).nullable(),
  households: int,
  summary: scenarioSummary.nullable(),
  error: z.string().nullable(),
  auditSeq: int,
  registryEpoch: int,
  /** The registry (or its audit log) has moved since the run read it. */
  registryChanged: z.boolean(),
  startedBy: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The request to adopt it (Settings → Requests): the confirmed one, else the latest; null when never asked. */
  adoption: z
    .object({
      requestId: int,
      status: z.enum(['pending', 'confirmed', 'refused', 'withdrawn', 'expired']),
      askedBy: z.string(),
      askedAt: z.string(),
      decidedBy: z.string().nullable(),
      decidedAt: z.string().nullable(),
      reason: z.string().nullable(),
    })
    .nullable(),
});

export const SCENARIO_SORTS = [
  'householdId',
  'headName',
  'township',
  'village',
  'kind',
  'beforeTier',
  'afterTier',
  'beforeFen',
  'afterFen',
  'deltaFen',
  'persons',
] as const;

const resultFilter = {
  id,
  kind: z.enum(SCAN_KINDS).optional(),
  tier: z.enum(HOUSEHOLD_TIERS).optional(),
  townshipId: int.optional(),
  villageId: int.optional(),
  sort: z.enum(SCENARIO_SORTS).default('householdId'),
  desc: z.boolean().default(false),
};

export const scenarioResultRow = z.object({
  id: int,
  householdId: int,
  headName: z.string(),
  township: z.string(),
  village: z.string(),
  kind: z.enum(SCAN_KINDS),
  beforeTier: z.enum(HOUSEHOLD_TIERS),
  afterTier: z.enum(HOUSEHOLD_TIERS),
  beforeFen: int,
  afterFen: int,
  persons: int,
  /** The change sends the household into gradual exit (§3.4), or ends it (eligible again). */
  gradualExit: z.enum(['enters', 'leaves']).nullable(),
  reasons: z.array(z.string()),
});

export const scenarioInput = z.object({
  name: z.string().trim().min(1, 'name the scenario').max(80),
  effectiveFrom: isoDate,
  changes: z.array(scenarioChange).max(40),
  budget: z.object({ monthlyYuan: z.number().nonnegative(), parameterId: parameterIdSchema, residence }).optional(),
});

export const scenariosMethods = {
  'scenarios.params': method({
    input: z.object({ date: isoDate }),
    output: z.object({
      id: z.string(),
      date: z.string(),
      parameters: z.array(
        z.object({
          id: parameterIdSchema,
          unit: z.enum(PARAMETER_UNITS),
          money: z.boolean(),
          urban: parameterValueSchema,
          rural: parameterValueSchema,
        }),
      ),
    }),
    access: MANAGERS,
  }),
  'scenarios.run': method({ input: scenarioInput, output: z.object({ id: int }), access: MANAGERS }),
  /** Scenarios written down but not run (the demo county's), to open in the draft form. */
  'scenarios.drafts': method({
    input: z.object({}),
    output: z.array(
      z.object({
        id: int,
        name: z.string(),
        effectiveFrom: z.string(),
        changes: z.array(scenarioChange),
        createdBy: z.string(),
        createdAt: z.string(),
      }),
    ),
    access: MANAGERS,
  }),
  'scenarios.cancel': method({ input: z.object({ id }), output: ok, access: MANAGERS }),
  'scenarios.list': method({ input: z.object({}), output: z.array(scenarioRun.omit({ summary: true })), access: MANAGERS }),
  'scenarios.get': method({ input: z.object({ id }), output: scenarioRun, access: MANAGERS }),
  'scenarios.results': method({
    input: z.object({ ...resultFilter, page: z.number().int().min(1).default(1), pageSize: z.number().int().min(10).max(200).default(50) }),
    output: z.object({ rows: z.array(scenarioResultRow), total: int, page: int, pageSize: int }),
    access: MANAGERS,
  }),
  'scenarios.exportXlsx': method({ input: z.object(resultFilter), output: fileOut.extend({ rows: int }), access: MANAGERS }),
  'scenarios.print': method({
    input: z.object({ ids: z.array(id).min(1).max(3) }),
    output: fileOut.extend({ pages: int }),
    access: MANAGERS,
  }),
  /** Asks to adopt a finished run: a `scenario.adopt` request, confirmed by another manager in Settings → Requests (docs/security.md). */
  'scenarios.adopt': method({ input: z.object({ id }), output: requestSchema, access: MANAGERS }),
} as const;
