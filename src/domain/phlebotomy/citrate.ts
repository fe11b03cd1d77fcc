import { resolveDomainConfig } from '../config.js';
import { reason, type Explained } from '../reasons.js';
import { EPSILON, fieldsOf, requiredNumber, round, type NumberSpec } from '../validate.js';

/*
 * Citrate tube fill and high-haematocrit adjustment, DOMAIN.md A.2.
 * Fill: CLSI H21 keeps >= 90 % unless the lab validates otherwise [H21-FILL] (minimum in config).
 * Haematocrit: CLSI H21 6th ed. form [H21-HCT], STANDARD.
 */

/** H21: adjust citrate when the haematocrit is above 55 %. */
export const HCT_ADJUST_ABOVE_PCT = 55;

const NOMINAL: NumberSpec = { min: 0, minExclusive: true, max: 50, unit: 'mL' };
const DRAWN: NumberSpec = { min: 0, max: 50, unit: 'mL' };

export function citrateFillAcceptableExplained(input: { nominalDrawMl: number; drawnMl: number; config?: unknown }): Explained<boolean> & { fillPct: number } {
  const o = fieldsOf(input, 'citrateFillAcceptable');
  const nominal = requiredNumber(o, 'nominalDrawMl', NOMINAL);
  const drawn = requiredNumber(o, 'drawnMl', DRAWN);
  const minPct = resolveDomainConfig(o.config).phlebotomy.citrateMinFillPct;
  // Compared in the form of DOMAIN.md A.2 with an epsilon, so 2.43 of 2.7 mL is exactly 90 %.
  const ok = drawn * 100 >= minPct * nominal - EPSILON;
  const fillPct = round((drawn * 100) / nominal, 1);
  return {
    value: ok,
    fillPct,
    reasons: ok
      ? []
      : [reason('CITRATE_UNDERFILLED', `Citrate tube ${fillPct} % full; at least ${minPct} % is needed for the 9:1 blood:citrate ratio`, fillPct, minPct)],
  };
}

/** drawn*100 >= minFill*nominal - 1e-9 (A.2). */
export function citrateFillAcceptable(input: { nominalDrawMl: number; drawnMl: number; config?: unknown }): boolean {
  return citrateFillAcceptableExplained(input).value;
}

export interface CitrateAdjustment {
  requiredCitrateMl: number;
  removeMl: number;
  /** False when Hct <= 55 %: use the standard tube, nothing to remove. */
  adjustmentIndicated: boolean;
  reasons: ReturnType<typeof reason>[];
}

/**
 * citrateNeeded = (100 - Hct) / (595 - Hct) x wholeBlood; remove = citrate in tube - needed (H21).
 * Example: Hct 60 %, 2.7 mL -> 0.202 mL needed, remove 0.098 mL from a 0.3 mL tube.
 */
export function citrateVolumeForHematocrit(input: { hematocritPct: number; wholeBloodMl: number; citrateInTubeMl: number }): CitrateAdjustment {
  const o = fieldsOf(input, 'citrateVolumeForHematocrit');
  const hct = requiredNumber(o, 'hematocritPct', { min: 1, minExclusive: true, max: 100, maxExclusive: true, unit: 'percent, e.g. 60; not a fraction' });
  const blood = requiredNumber(o, 'wholeBloodMl', { min: 0, minExclusive: true, max: 50, unit: 'mL' });
  const inTube = requiredNumber(o, 'citrateInTubeMl', { min: 0, minExclusive: true, max: 10, unit: 'mL' });
  const needed = ((100 - hct) / (595 - hct)) * blood;
  const indicated = hct > HCT_ADJUST_ABOVE_PCT;
  const remove = indicated ? Math.max(0, inTube - needed) : 0;
  return {
    requiredCitrateMl: round(needed, 3),
    removeMl: round(remove, 3),
    adjustmentIndicated: indicated,
    reasons: indicated
      ? [reason('HIGH_HEMATOCRIT', `Hct ${hct} % > ${HCT_ADJUST_ABOVE_PCT} %: remove ${round(remove, 3)} mL citrate; collect by syringe (an opened tube loses vacuum)`, hct, HCT_ADJUST_ABOVE_PCT)]
      : [reason('HEMATOCRIT_IN_RANGE', `Hct ${hct} % <= ${HCT_ADJUST_ABOVE_PCT} %: standard citrate tube, no adjustment`, hct, HCT_ADJUST_ABOVE_PCT)],
  };
}
