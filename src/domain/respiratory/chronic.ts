import { resolveDomainConfig } from '../config.js';
import { reason, type Explained } from '../reasons.js';
import { EPSILON, fieldsOf, optionalNumber, requiredBoolean, requiredNumber, round, type Fields, type NumberSpec } from '../validate.js';
import { DomainInputError } from '../errors.js';

/*
 * Chronic disease rules, DOMAIN.md C.7: peak-flow zones [PEAKFLOW] (cut-offs per patient plan, DEFAULT
 * 80/50 in config); GOLD spirometric grade and ABE group [GOLD] (STANDARD).
 */

/** Airflow limitation: post-bronchodilator FEV1/FVC < 0.70. */
export const GOLD_RATIO_BELOW = 0.7;
/** GOLD grade by FEV1 % predicted: >= 80 -> 1, >= 50 -> 2, >= 30 -> 3, else 4. */
export const goldGradeBands: readonly { grade: 1 | 2 | 3 | 4; minFev1Pct: number; label: string }[] = [
  { grade: 1, minFev1Pct: 80, label: 'mild' },
  { grade: 2, minFev1Pct: 50, label: 'moderate' },
  { grade: 3, minFev1Pct: 30, label: 'severe' },
  { grade: 4, minFev1Pct: 0, label: 'very severe' },
];
/** GOLD ABE: E if >= 2 moderate exacerbations or >= 1 hospitalisation; B if mMRC >= 2 or CAT >= 10. */
export const GOLD_E_MIN_MODERATE_EXACERBATIONS = 2;
export const GOLD_E_MIN_HOSPITALISATIONS = 1;
export const GOLD_B_MIN_MMRC = 2;
export const GOLD_B_MIN_CAT = 10;

export type PeakFlowZone = 'green' | 'yellow' | 'red';

const LPM: NumberSpec = { min: 0, max: 1000, unit: 'L/min' };

export function peakFlowZoneExplained(input: { measuredLpm: number; personalBestLpm: number; greenMinPct?: number; yellowMinPct?: number; config?: unknown }): Explained<PeakFlowZone> & { percentOfBest: number } {
  const o = fieldsOf(input, 'peakFlowZone');
  const measured = requiredNumber(o, 'measuredLpm', LPM);
  const best = requiredNumber(o, 'personalBestLpm', { ...LPM, min: 0, minExclusive: true });
  const cfg = resolveDomainConfig(o.config).respiratory;
  // A patient's own action plan may use other cut-offs (VARIES: 85/75); default 80/50.
  const green = optionalNumber(o, 'greenMinPct', { min: 1, max: 100, unit: 'percent' }) ?? cfg.peakFlowGreenMinPct;
  const yellow = optionalNumber(o, 'yellowMinPct', { min: 1, max: 100, unit: 'percent' }) ?? cfg.peakFlowYellowMinPct;
  if (yellow >= green) throw new DomainInputError('yellowMinPct', `a percent below greenMinPct (${green})`, yellow);
  const pct = (measured * 100) / best;
  const shown = round(pct, 1);
  if (pct >= green - EPSILON) return { value: 'green', percentOfBest: shown, reasons: [reason('PEF_GREEN', `${shown} % of personal best (>= ${green} %)`, shown, green)] };
  if (pct >= yellow - EPSILON) return { value: 'yellow', percentOfBest: shown, reasons: [reason('PEF_YELLOW', `${shown} % of personal best (${yellow} % to < ${green} %)`, shown, yellow)] };
  return { value: 'red', percentOfBest: shown, reasons: [reason('PEF_RED', `${shown} % of personal best (< ${yellow} %): reliever now and seek emergency care`, shown, yellow)] };
}

/** percent = measured x 100 / personal best: >= 80 green, 50 to < 80 yellow, < 50 red. */
export function peakFlowZone(input: { measuredLpm: number; personalBestLpm: number; greenMinPct?: number; yellowMinPct?: number; config?: unknown }): PeakFlowZone {
  return peakFlowZoneExplained(input).value;
}

/** FEV1/FVC as a ratio; values above 1 are percent (65 -> 0.65), like FiO2 (DOMAIN.md 0.2). */
function ratio(o: Fields): number {
  const v = requiredNumber(o, 'fev1FvcRatio', { min: 0, minExclusive: true, max: 100, unit: 'ratio 0-1 or percent' });
  return v > 1 ? v / 100 : v;
}

export function goldGradeExplained(input: { fev1FvcRatio: number; fev1PercentPredicted: number; postBronchodilator: boolean }): Explained<1 | 2 | 3 | 4 | null> {
  const o = fieldsOf(input, 'goldGrade');
  const r = ratio(o);
  const fev1 = requiredNumber(o, 'fev1PercentPredicted', { min: 0, minExclusive: true, max: 200, unit: 'percent predicted' });
  const post = requiredBoolean(o, 'postBronchodilator');
  if (!post) return { value: null, reasons: [reason('PRE_BRONCHODILATOR', 'Pre-bronchodilator spirometry must not be graded')] };
  if (!(r < GOLD_RATIO_BELOW - EPSILON)) {
    const prism = fev1 < goldGradeBands[0].minFev1Pct;
    return {
      value: null,
      reasons: [reason(prism ? 'PRISM' : 'NO_AIRFLOW_LIMITATION', `FEV1/FVC ${round(r, 2)} is not below ${GOLD_RATIO_BELOW}${prism ? ` with FEV1 ${fev1} % (< 80 %): PRISm, not COPD grading` : ''}`, round(r, 2), GOLD_RATIO_BELOW)],
    };
  }
  const band = goldGradeBands.find((b) => fev1 >= b.minFev1Pct) ?? goldGradeBands[goldGradeBands.length - 1];
  return { value: band.grade, reasons: [reason(`GOLD_${band.grade}`, `FEV1/FVC ${round(r, 2)} < ${GOLD_RATIO_BELOW}; FEV1 ${fev1} % predicted: GOLD ${band.grade} (${band.label})`, fev1, band.minFev1Pct)] };
}

/** GOLD 1-4, or null when not gradable (ratio >= 0.70, or pre-bronchodilator). */
export function goldGrade(input: { fev1FvcRatio: number; fev1PercentPredicted: number; postBronchodilator: boolean }): 1 | 2 | 3 | 4 | null {
  return goldGradeExplained(input).value;
}

export interface GoldAbeInput {
  moderateExacerbationsLast12m: number;
  exacerbationsLeadingToHospitalizationLast12m: number;
  mMRC: number;
  CAT: number;
}

export function goldAbeGroupExplained(input: GoldAbeInput): Explained<'A' | 'B' | 'E'> {
  const o = fieldsOf(input, 'goldAbeGroup');
  const count: NumberSpec = { min: 0, max: 100, integer: true };
  const moderate = requiredNumber(o, 'moderateExacerbationsLast12m', count);
  const hosp = requiredNumber(o, 'exacerbationsLeadingToHospitalizationLast12m', count);
  const mmrc = requiredNumber(o, 'mMRC', { min: 0, max: 4, integer: true });
  const cat = requiredNumber(o, 'CAT', { min: 0, max: 40, integer: true });
  if (moderate >= GOLD_E_MIN_MODERATE_EXACERBATIONS || hosp >= GOLD_E_MIN_HOSPITALISATIONS) {
    return { value: 'E', reasons: [reason('EXACERBATION_HISTORY', `${moderate} moderate exacerbation(s), ${hosp} leading to hospitalisation in 12 months`)] };
  }
  if (mmrc >= GOLD_B_MIN_MMRC || cat >= GOLD_B_MIN_CAT) {
    return { value: 'B', reasons: [reason('SYMPTOMS_HIGH', `mMRC ${mmrc} (B at >= ${GOLD_B_MIN_MMRC}), CAT ${cat} (B at >= ${GOLD_B_MIN_CAT})`)] };
  }
  return { value: 'A', reasons: [reason('SYMPTOMS_LOW', `mMRC ${mmrc}, CAT ${cat}; fewer than 2 moderate exacerbations and no hospitalisation`)] };
}

/** GOLD 2023+ ABE group. */
export function goldAbeGroup(input: GoldAbeInput): 'A' | 'B' | 'E' {
  return goldAbeGroupExplained(input).value;
}
