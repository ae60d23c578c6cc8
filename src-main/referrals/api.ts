/**
 * The referrals module's entry points used by other modules (monitoring closes a warning
 * with outcome "referral"; the exchange imports a department's feedback file).
 * Implemented by the closed-loop module; the signatures are the contract between them.
 */
import type BetterSqlite3 from 'better-sqlite3';

export interface Actor { userId: number | null; username: string }

export interface NewReferral {
  householdId: number;
  /** The person the need concerns, or null for the household. */
  idNumber: string | null;
  /** medical | education | housing | employment | temporary | charity */
  assistance: string;
  /** medical_insurance | education | housing | hrss | civil_affairs | charity */
  department: string;
  reason: string;
  /** Where the need was found: 'entitlement' | 'warning' | 'manual'. */
  source: 'entitlement' | 'warning' | 'manual';
  sourceId?: number | null;
  /** For charity: the organisation's programme id. */
  programmeId?: number | null;
}

/** Creates a referral in status `drafted` (inside the caller's transaction); returns its id. */
export function createReferral(_raw: BetterSqlite3.Database, _r: NewReferral, _actor: Actor, _now: Date): number {
  throw new Error('referrals are not implemented yet');
}

export interface FeedbackRow {
  /** 1-based row number in the file, for the validation report. */
  row: number;
  referralNumber: string;
  idNumber: string;
  result: 'assisted' | 'declined' | 'not_eligible';
  amountFen: number | null;
  item: string | null;
  date: string;
  reason: string | null;
}

export interface FeedbackOutcome {
  applied: number;
  /** Rows that could not be applied, with the reason (unknown referral, ID mismatch, already recorded…). */
  rejected: { row: number; column: string; reason: string }[];
}

/** Records department results on referrals and households (inside the caller's transaction). */
export function applyReferralFeedback(_raw: BetterSqlite3.Database, _rows: FeedbackRow[], _actor: Actor, _now: Date, _file: { name: string; sha256: string }): FeedbackOutcome {
  throw new Error('referral feedback is not implemented yet');
}
