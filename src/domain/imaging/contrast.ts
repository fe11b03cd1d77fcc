import { DomainInputError } from '../errors.js';
import { reason, type Explained } from '../reasons.js';
import { checkNumber, fieldsOf, formatInstant, requiredBoolean, requiredEnum, requiredInstant, type Fields, type NumberSpec } from '../validate.js';

/*
 * Contrast safety, DOMAIN.md B.4.3-B.4.5 (STANDARD): iodinated contrast and kidney function, ACR-NKF 2020
 * [ACR-NKF]; metformin, ACR Manual [WISC-METFORMIN]; gadolinium, ACR-NKF 2021 [ACR-NKF-GBCA];
 * premedication, ACR Manual [ACR-PREMED].
 */

/** eGFR < 30 (or AKI): high risk; 30-44: intermediate; >= 45: low (ACR-NKF; KDIGO uses 45 as its high-risk line). */
export const EGFR_HIGH_RISK_BELOW = 30;
export const EGFR_INTERMEDIATE_BELOW = 45;

export const dialysisStates = ['none', 'anuric', 'residual_function'] as const;
export type IodinatedKidneyRisk = 'LOW' | 'INTERMEDIATE' | 'HIGH' | 'EGFR_REQUIRED' | 'DIALYSIS_ANURIC' | 'DIALYSIS_RESIDUAL_FUNCTION';

const EGFR: NumberSpec = { min: 0, max: 200, unit: 'mL/min/1.73 m2' };

/** eGFR as a number, or null when none is available (the key must be present). */
function egfrOrNull(o: Fields): number | null {
  const v = o.egfr;
  if (v === null) return null;
  if (v === undefined) throw new DomainInputError('egfr', 'a number >= 0 (mL/min/1.73 m2), or null when no eGFR is available', v);
  return checkNumber(v, 'egfr', EGFR);
}

export function iodinatedContrastKidneyRiskExplained(input: { egfr: number | null; aki: boolean; dialysis: (typeof dialysisStates)[number]; hasRenalRiskFactors: boolean }): Explained<IodinatedKidneyRisk> {
  const o = fieldsOf(input, 'iodinatedContrastKidneyRisk');
  const egfr = egfrOrNull(o);
  const aki = requiredBoolean(o, 'aki');
  const dialysis = requiredEnum(o, 'dialysis', dialysisStates);
  const riskFactors = requiredBoolean(o, 'hasRenalRiskFactors');
  if (dialysis === 'anuric') return { value: 'DIALYSIS_ANURIC', reasons: [reason('DIALYSIS_ANURIC', 'Anuric on dialysis: no residual function to protect; proceed, no prophylaxis')] };
  if (dialysis === 'residual_function') return { value: 'DIALYSIS_RESIDUAL_FUNCTION', reasons: [reason('DIALYSIS_RESIDUAL_FUNCTION', 'On dialysis with residual function: radiologist/nephrology review')] };
  if (aki) return { value: 'HIGH', reasons: [reason('AKI', 'Acute kidney injury: IV saline prophylaxis indicated unless contraindicated; review')] };
  if (egfr === null) {
    return riskFactors
      ? { value: 'EGFR_REQUIRED', reasons: [reason('EGFR_REQUIRED', 'Renal risk factors (age > 60, renal disease, hypertension on medication, diabetes, metformin): obtain an eGFR')] }
      : { value: 'LOW', reasons: [reason('NO_RISK_FACTORS', 'No renal risk factors: no baseline creatinine needed for routine IV contrast')] };
  }
  if (egfr < EGFR_HIGH_RISK_BELOW) return { value: 'HIGH', reasons: [reason('EGFR_BELOW_30', `eGFR ${egfr} < ${EGFR_HIGH_RISK_BELOW}: IV saline prophylaxis indicated unless contraindicated`, egfr, EGFR_HIGH_RISK_BELOW)] };
  if (egfr < EGFR_INTERMEDIATE_BELOW) return { value: 'INTERMEDIATE', reasons: [reason('EGFR_30_TO_44', `eGFR ${egfr} (30-44): prophylaxis is an individual decision`, egfr, EGFR_INTERMEDIATE_BELOW)] };
  return { value: 'LOW', reasons: [reason('EGFR_45_OR_MORE', `eGFR ${egfr} >= ${EGFR_INTERMEDIATE_BELOW}: low risk, no prophylaxis`, egfr, EGFR_INTERMEDIATE_BELOW)] };
}

/** ACR-NKF 2020 kidney risk of IV iodinated contrast (B.4.3 pseudo-code). */
export function iodinatedContrastKidneyRisk(input: { egfr: number | null; aki: boolean; dialysis: (typeof dialysisStates)[number]; hasRenalRiskFactors: boolean }): IodinatedKidneyRisk {
  return iodinatedContrastKidneyRiskExplained(input).value;
}

export function metforminActionForIodinatedContrastExplained(input: { egfr: number; aki: boolean; intraArterialFirstPassRenal: boolean }): Explained<'CONTINUE' | 'HOLD_48H_REASSESS'> {
  const o = fieldsOf(input, 'metforminActionForIodinatedContrast');
  const egfr = checkNumber(o.egfr, 'egfr', EGFR);
  const aki = requiredBoolean(o, 'aki');
  const arterial = requiredBoolean(o, 'intraArterialFirstPassRenal');
  const reasons = [];
  if (aki) reasons.push(reason('AKI', 'Acute kidney injury'));
  if (egfr < EGFR_HIGH_RISK_BELOW) reasons.push(reason('EGFR_BELOW_30', `eGFR ${egfr} < ${EGFR_HIGH_RISK_BELOW}`, egfr, EGFR_HIGH_RISK_BELOW));
  if (arterial) reasons.push(reason('INTRA_ARTERIAL_FIRST_PASS_RENAL', 'Arterial catheter study that may embolise to the kidneys'));
  if (reasons.length) return { value: 'HOLD_48H_REASSESS', reasons };
  return { value: 'CONTINUE', reasons: [reason('EGFR_30_OR_MORE_NO_AKI', `eGFR ${egfr} >= ${EGFR_HIGH_RISK_BELOW} and no AKI: continue metformin, no recheck needed`)] };
}

/** Hold metformin 48 h and recheck kidney function after AKI, eGFR < 30 or first-pass renal arterial injection. */
export function metforminActionForIodinatedContrast(input: { egfr: number; aki: boolean; intraArterialFirstPassRenal: boolean }): 'CONTINUE' | 'HOLD_48H_REASSESS' {
  return metforminActionForIodinatedContrastExplained(input).value;
}

export const gbcaGroups = ['I', 'II', 'III'] as const;
export type GbcaGroup = (typeof gbcaGroups)[number];
export type GbcaRecommendation = 'PROCEED' | 'PROCEED_DOCUMENT_RISK_BENEFIT' | 'CONTRAINDICATED';

/** ACR group of each named agent (B.4.4); agents approved later get their group from the current ACR manual. */
export const gbcaAgentGroups: Readonly<Record<string, GbcaGroup>> = {
  gadodiamide: 'I',
  gadopentetate_dimeglumine: 'I',
  gadoversetamide: 'I',
  gadobenate: 'II',
  gadobutrol: 'II',
  gadoterate: 'II',
  gadoteridol: 'II',
  gadoxetate: 'III',
};

export function gbcaRecommendationExplained(input: { agentGroup: GbcaGroup; egfr: number | null; aki: boolean; onDialysis: boolean }): Explained<GbcaRecommendation> {
  const o = fieldsOf(input, 'gbcaRecommendation');
  const group = requiredEnum(o, 'agentGroup', gbcaGroups);
  const egfr = egfrOrNull(o);
  const aki = requiredBoolean(o, 'aki');
  const dialysis = requiredBoolean(o, 'onDialysis');
  // Screening is optional for groups II and III, so their eGFR may be unknown; group I needs it.
  if (egfr === null && group === 'I' && !aki && !dialysis) {
    throw new DomainInputError('egfr', 'an eGFR value: group I agents are contraindicated below 30', null);
  }
  const risk = [];
  if (aki) risk.push(reason('AKI', 'Acute kidney injury'));
  if (egfr !== null && egfr < EGFR_HIGH_RISK_BELOW) risk.push(reason('EGFR_BELOW_30', `eGFR ${egfr} < ${EGFR_HIGH_RISK_BELOW}`, egfr, EGFR_HIGH_RISK_BELOW));
  if (dialysis) risk.push(reason('ON_DIALYSIS', 'On dialysis: schedule MRI close before the next haemodialysis'));
  if (risk.length === 0) return { value: 'PROCEED', reasons: [] };
  if (group === 'I') return { value: 'CONTRAINDICATED', reasons: [reason('GROUP_I_AGENT', 'Group I agent with a risk state: use a group II/III agent'), ...risk] };
  return { value: 'PROCEED_DOCUMENT_RISK_BENEFIT', reasons: [reason(`GROUP_${group}_AGENT`, `Group ${group} agent: necessary GBCA should not be withheld; document risk/benefit`), ...risk] };
}

/** Group I with AKI, eGFR < 30 or dialysis -> CONTRAINDICATED; any group in those states -> document risk/benefit. */
export function gbcaRecommendation(input: { agentGroup: GbcaGroup; egfr: number | null; aki: boolean; onDialysis: boolean }): GbcaRecommendation {
  return gbcaRecommendationExplained(input).value;
}

export const premedicationRegimens = {
  // Prednisone 50 mg PO at 13, 7 and 1 h before + diphenhydramine 50 mg 1 h before.
  prednisone13h: { prednisone50mgPO: [13, 7, 1], diphenhydramine50mg: [1] },
  // Methylprednisolone 32 mg PO at 12 and 2 h before; diphenhydramine 50 mg 1 h before optional.
  methylprednisolone12h: { methylprednisolone32mgPO: [12, 2], diphenhydramine50mgOptional: [1] },
} as const satisfies Record<string, Record<string, readonly number[]>>;
export type PremedicationRegimen = keyof typeof premedicationRegimens;

/** Dose times counted back from the contrast time, in the caller's offset (14:00 -> prednisone 01:00, 07:00, 13:00). */
export function premedicationSchedule(input: { contrastAt: string; regimen: PremedicationRegimen }): Record<string, string[]> {
  const o = fieldsOf(input, 'premedicationSchedule');
  const at = requiredInstant(o, 'contrastAt');
  const regimen = requiredEnum(o, 'regimen', Object.keys(premedicationRegimens) as PremedicationRegimen[]);
  const out: Record<string, string[]> = {};
  for (const [drug, hours] of Object.entries(premedicationRegimens[regimen])) {
    out[drug] = (hours as readonly number[]).map((h) => formatInstant(at.ms - h * 3_600_000, at.offset));
  }
  return out;
}
