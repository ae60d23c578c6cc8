/**
 * The engine's result: data only, typed by the schemas of src-main/common/determination.ts
 * (the contract validates the same shapes). Text is rendered from rules.ts on demand (render.ts).
 */
export type {
  Assistance,
  BreakdownItem,
  BreakdownItemKind,
  CareLevel,
  Department,
  Determination,
  Entitlement,
  Figures,
  HouseholdTier,
  Reason,
  ReviewClass,
  SinglePersonInclusion,
  TekunPerson,
  TierOutcome,
} from '../common/determination';
