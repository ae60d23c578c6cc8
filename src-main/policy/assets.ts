/**
 * Asset tests (§2.4). Assets are the household's, so they are judged once, against all present
 * members (§10.1, §10.6 "financial limit per present member"), and shared by every tier; only
 * the financial limit differs (24 months for 特困/低保/marginal, 36 for rigid).
 * Choice (§2.4 / §10.7 leave it open): 特困 members leaving the household for the *income* test
 * do not shrink the asset limits — the assets are not split between them and the rest.
 */
import type { HouseholdData } from '../common/household-file';
import { fenOf } from './fen';
import { SUB, type Compiled } from './compiled';
import type { Reason } from './types';

export interface AssetResult {
  /** Vehicle, machinery, business, homes and purchase reasons (only those that apply). */
  reasons: Reason[];
  /** How many of those failed. */
  failed: number;
  financial: Reason;
  financialPass: boolean;
  rigidFinancial: Reason;
  rigidFinancialPass: boolean;
}

export function evaluateAssets(h: HouseholdData, present: number, c: Compiled): AssetResult {
  const a = h.assets;
  const reasons: Reason[] = [];
  let failed = 0;

  for (let i = 0; i < a.vehicles.length; i++) {
    const kind = a.vehicles[i].kind;
    if (kind === 'private_car') {
      reasons.push({ rule: 'asset.vehicle', pass: false, figures: { kind } });
      failed++;
    } else if (kind === 'commercial_livelihood') {
      reasons.push({ rule: 'asset.vehicle.commercialLivelihood', pass: true, figures: { kind } });
    } else if (kind === 'disability_mobility') {
      reasons.push({ rule: 'asset.vehicle.disabilityMobility', pass: true, figures: { kind } });
    } else {
      reasons.push({ rule: 'asset.vehicle.ignored', pass: true, figures: { kind } });
    }
  }

  if (a.largeMachineryOrVessel) {
    reasons.push({ rule: 'asset.machinery', pass: false, figures: {} });
    failed++;
  }

  for (let i = 0; i < a.businesses.length; i++) {
    const b = a.businesses[i];
    // "employs others" disqualifies whatever the role; a manager role only while operating.
    const employs = b.employees > 0;
    if (b.role === 'sole_proprietor' && !employs) {
      reasons.push({
        rule: 'asset.business.soleProprietor',
        pass: true,
        figures: { role: b.role, operating: b.operating ? 'yes' : 'no', employees: 0 },
      });
      continue;
    }
    const fails = employs || (b.role !== 'sole_proprietor' && b.operating);
    reasons.push({
      rule: 'asset.business',
      pass: !fails,
      figures: { role: b.role, operating: b.operating ? 'yes' : 'no', employees: b.employees },
    });
    if (fails) failed++;
  }

  if (a.homes.length >= 2) {
    let resettlement = false;
    let totalCenti = 0;
    for (let i = 0; i < a.homes.length; i++) {
      // Floor areas are compared in hundredths of a square metre so sums are exact integers.
      totalCenti += Math.round(a.homes[i].floorArea * 100);
      if (a.homes[i].resettlement) resettlement = true;
    }
    const minHomes = resettlement ? c.resettlementCount : c.homesCount;
    const multBp = resettlement ? c.resettlementMultBp : c.homesMultBp;
    // per-capita area > mult × standard  ⇔  total × SUB > multBp × standard × members
    const over = totalCenti * SUB > multBp * c.floorCenti * present;
    const fails = a.homes.length >= minHomes && over;
    reasons.push({
      rule: resettlement ? 'asset.homes.resettlement' : 'asset.homes',
      pass: !fails,
      figures: {
        homes: a.homes.length,
        minHomes,
        totalArea: totalCenti / 100,
        members: present,
        perCapitaArea: totalCenti / 100 / present,
        multiplier: multBp / SUB,
        standardArea: c.floorCenti / 100,
        limitArea: (multBp / SUB) * (c.floorCenti / 100),
      },
    });
    if (fails) failed++;
  }

  if (a.recentPurchase) {
    reasons.push({ rule: 'asset.recentPurchase', pass: false, figures: {} });
    failed++;
  }

  const financialFen = fenOf(a.financialAssets);
  const limit24 = c.financialMonths * c.standardFen * present;
  const limit36 = c.rigidMonths * c.standardFen * present;
  const financialPass = financialFen <= limit24; // "above" the limit disqualifies
  const rigidFinancialPass = financialFen <= limit36;
  return {
    reasons,
    failed,
    financial: {
      rule: 'asset.financial',
      pass: financialPass,
      figures: { financialFen, limitFen: limit24, months: c.financialMonths, standardFen: c.standardFen, members: present },
    },
    financialPass,
    rigidFinancial: {
      rule: 'asset.financial.rigid',
      pass: rigidFinancialPass,
      figures: { financialFen, limitFen: limit36, months: c.rigidMonths, standardFen: c.standardFen, members: present },
    },
    rigidFinancialPass,
  };
}
