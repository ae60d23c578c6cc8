/**
 * Masking of personal data by role, on every answer of the service (docs/security.md "Who sees
 * full ID numbers"): for the administrator and the auditor, every ID number anywhere in the answer
 * — a field, a summary, a JSON text, an audit row's before and after — is masked as
 * `110105********002X`, and health details are left out. Done on the answer, so that no method,
 * present or future, can forget it.
 */
import { maskIdNumber } from '../common/id-number';

/** An 18-character ID number (or a 15-digit legacy one) standing alone, not inside a longer run of letters or digits. */
const ID_TOKEN = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;

/** Fields that hold health details (docs/rules/assistance.md §8): null for these roles. */
const HEALTH_FIELDS = new Set(['illness', 'disability', 'diagnosis', 'illnessDetail', 'disabilityDetail']);
/** Fields that are hashes or checksums, never ID numbers, however many digits they show. */
const DIGEST_FIELD = /hash|sha256|digest/i;

const maskToken = (t: string) => (t.length === 18 ? maskIdNumber(t.toUpperCase()) : t.slice(0, 6) + '*'.repeat(5) + t.slice(11));

export function maskText(s: string): string {
  return s.replace(ID_TOKEN, maskToken);
}

/** A copy of `value` with every ID number masked and health details left out. */
export function maskPersonal<T>(value: T): T {
  return walk(value, '') as T; // the same shape: strings are replaced by strings, health fields by null
}

function walk(v: unknown, key: string): unknown {
  if (typeof v === 'string') return DIGEST_FIELD.test(key) ? v : maskText(v);
  if (Array.isArray(v)) return v.map((x) => walk(x, key));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = HEALTH_FIELDS.has(k) && x !== null ? null : walk(x, k);
    return out;
  }
  return v;
}

/** Whether a text still holds a full ID number (tests use it on every answer). */
export function holdsFullIdNumber(s: string): boolean {
  return new RegExp(ID_TOKEN.source).test(s);
}
