/** Stations (docs/stations.md): this station, enrolment and joining, packages out and in (verify → preview → apply). */
import { z } from 'zod';
import { ADMIN, download, int, method, onePackage, packageInput, STAFF } from './common';

const LEVELS = ['county', 'township'] as const;
const CLERK_MANAGER = ['clerk', 'manager'] as const;

export const stationSelfSchema = z.object({
  stationId: z.string(),
  name: z.string(),
  level: z.enum(LEVELS),
  township: z.string().nullable(),
  countyStationId: z.string().nullable(),
});

const lastPackage = z.object({ seq: int, at: z.string() }).nullable();

export const stationStatusSchema = z.object({
  self: stationSelfSchema.nullable(),
  peers: z.array(
    z.object({
      stationId: z.string(),
      name: z.string(),
      level: z.enum(LEVELS),
      township: z.string().nullable(),
      enrolledAt: z.string(),
      lastIn: lastPackage,
      lastOut: lastPackage,
      openConflicts: int,
    }),
  ),
  openConflicts: int,
  unsent: int,
  decisions: z.array(
    z.object({
      householdGid: z.string(),
      tier: z.string(),
      monthlyBenefitFen: int,
      decision: z.enum(['approved', 'rejected']),
      decidedAt: z.string(),
    }),
  ),
});

export const importSummarySchema = z.object({
  package: z.string(),
  sender: z.string(),
  recipient: z.string(),
  sequence: int,
  kind: z.enum(['up', 'down']),
  status: z.enum(['applied', 'already_imported']),
  applied: z.record(z.string(), int),
  conflicts: int,
  conflictIds: z.array(int),
  reviews: int,
});

const passphrase = z.string().min(8, 'at least 8 characters').max(200);
const stationPackage = z.object(packageInput).refine(onePackage, { message: 'give path or upload' });

export const stationsMethods = {
  'stations.status': method({ input: z.object({}), output: stationStatusSchema, access: STAFF }),
  'stations.setup': method({ input: z.object({ name: z.string().trim().min(1).max(100) }), output: stationSelfSchema, access: ADMIN }),
  'stations.enrol': method({
    input: z.object({
      township: z.string().trim().min(1).max(100),
      name: z.string().trim().min(1).max(100),
      users: z.array(z.string().min(1).max(100)).max(200),
      delegateDecisions: z.boolean().default(false),
      passphrase,
      // Into a folder the shell's dialog chose, or (no folder: a browser) as a zip to download.
      folder: z.string().min(1).max(4096).optional(),
    }),
    output: z.object({ stationId: z.string(), township: z.string(), households: int, users: int, hash: z.string(), download }),
    access: ADMIN,
  }),
  'stations.join': method({
    input: z.object({ ...packageInput, passphrase }).refine(onePackage, { message: 'give path or upload' }),
    output: z.object({ stationId: z.string(), township: z.string(), households: int, users: int }),
    access: ADMIN,
  }),
  'stations.export': method({
    input: z.object({ to: z.string().min(1).max(40), folder: z.string().min(1).max(4096).optional() }),
    output: z.object({
      recipient: z.string(),
      sequence: int,
      kind: z.enum(['up', 'down']),
      hash: z.string(),
      counts: z.record(z.string(), int),
      download,
    }),
    access: CLERK_MANAGER,
  }),
  /** Verify and preview: the import applied and rolled back, so the summary is what applying would do. */
  'stations.preview': method({ input: stationPackage, output: importSummarySchema, access: CLERK_MANAGER }),
  'stations.import': method({ input: stationPackage, output: importSummarySchema, access: CLERK_MANAGER }),
} as const;
