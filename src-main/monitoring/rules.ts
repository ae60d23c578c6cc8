/** Thresholds of the warning rules (docs/rules/assistance.md §4.2), in fen. The rules themselves: src-main/common/warning-rules.ts. */
/** Hospital stay out-of-pocket thresholds (§4.2): people in any tier / other residents. */
export const HOSPITAL_THRESHOLD_IN_TIER_FEN = 600_000;
export const HOSPITAL_THRESHOLD_OTHER_FEN = 1_000_000;
