/**
 * The demo county's scenario drafts (docs/rules/assistance.md §9): next January's questions, written
 * down but not run — the dibao standard 5 % higher, and the marginal multiplier from 1.5 to 1.6 — so the
 * Scenarios screen is not empty on first run. Running them takes the scan's threads (seconds on a
 * large county), which the synchronous seed does not wait for: the manager runs them.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Actor } from '../audit/actor';
import { parametersOn } from '../policy/parameter-store';
import { addScenarioDraft } from '../scenarios/drafts';

/** The drafts' names as data (the language walk lets an English page show them, as it does the county's names). */
export const DEMO_SCENARIO_WORDS = ['低保标准提高', '低保边缘倍数'] as const;

export function seedDemoScenarios(raw: BetterSqlite3.Database, opts: { now: Date; actor?: Actor }): number[] {
  const actor = opts.actor ?? { userId: null, username: 'system' };
  const effectiveFrom = `${opts.now.getUTCFullYear() + 1}-01-01`;
  const inForce = parametersOn(raw, effectiveFrom).values;
  // +5 %, to the fen, in yuan as the office writes it.
  const up5 = (fen: unknown) => Math.round((Number(fen) * 105) / 100) / 100;
  return [
    addScenarioDraft(
      raw,
      {
        name: `${DEMO_SCENARIO_WORDS[0]} 5%`,
        effectiveFrom,
        changes: [
          { parameterId: 'dibao.standard', residence: 'urban', value: up5(inForce.urban['dibao.standard']) },
          { parameterId: 'dibao.standard', residence: 'rural', value: up5(inForce.rural['dibao.standard']) },
        ],
      },
      actor,
      opts.now,
    ),
    addScenarioDraft(
      raw,
      {
        name: `${DEMO_SCENARIO_WORDS[1]} ${String(inForce.rural['marginal.multiplier'])} → 1.6`,
        effectiveFrom,
        changes: [{ parameterId: 'marginal.multiplier', residence: 'both', value: 1.6 }],
      },
      actor,
      opts.now,
    ),
  ];
}
