import { reason, type Explained, type Reason } from '../reasons.js';
import { EPSILON, fieldsOf, requiredBoolean, requiredFiO2, requiredNumber, round, type NumberSpec } from '../validate.js';

/*
 * Weaning, DOMAIN.md C.4: ARDSNet SBT readiness [ARDSNET] (STANDARD); rapid shallow breathing index,
 * Yang & Tobin 1991 [RSBI] (STANDARD).
 */

/** RSBI < 105 predicts weaning success; 105.0 does not. */
export const RSBI_SUCCESS_BELOW = 105;
/** ARDSNet gate: (FiO2 <= 0.40 and PEEP <= 8) or (FiO2 <= 0.50 and PEEP <= 5). */
export const SBT_GATES = [
  { maxFiO2: 0.4, maxPeep: 8 },
  { maxFiO2: 0.5, maxPeep: 5 },
] as const;
/** Systolic BP >= 90 mmHg without vasopressors. */
export const SBT_MIN_SYSTOLIC_BP = 90;

const PEEP: NumberSpec = { min: 0, max: 50, unit: 'cmH2O' };

export interface RsbiResult {
  value: number;
  predictsSuccess: boolean;
  reasons: Reason[];
}

/** RSBI = RR x 1000 / VT mL, 1 decimal; predictsSuccess iff the shown value < 105. */
export function rsbi(input: { respiratoryRate: number; tidalVolumeMl: number }): RsbiResult {
  const o = fieldsOf(input, 'rsbi');
  const rr = requiredNumber(o, 'respiratoryRate', { min: 0, minExclusive: true, max: 120, unit: 'breaths/min' });
  const vt = requiredNumber(o, 'tidalVolumeMl', { min: 0, minExclusive: true, max: 3000, unit: 'mL' });
  const value = round((rr * 1000) / vt, 1);
  const ok = value < RSBI_SUCCESS_BELOW;
  return {
    value,
    predictsSuccess: ok,
    reasons: [ok ? reason('RSBI_BELOW_105', `RSBI ${value} < ${RSBI_SUCCESS_BELOW}: predicts successful weaning`, value, RSBI_SUCCESS_BELOW) : reason('RSBI_105_OR_MORE', `RSBI ${value} >= ${RSBI_SUCCESS_BELOW}: predicts weaning failure`, value, RSBI_SUCCESS_BELOW)],
  };
}

export interface SbtReadinessInput {
  fiO2: number;
  peep: number;
  prevDayFiO2: number;
  prevDayPeep: number;
  systolicBp: number;
  onVasopressors: boolean;
  onNeuromuscularBlockade: boolean;
  spontaneousEffort: boolean;
}

/** All five ARDSNet criteria; reasons list each one not met. */
export function sbtReadinessArdsnetExplained(input: SbtReadinessInput): Explained<boolean> {
  const o = fieldsOf(input, 'sbtReadinessArdsnet');
  const fiO2 = requiredFiO2(o, 'fiO2');
  const peep = requiredNumber(o, 'peep', PEEP);
  const prevFiO2 = requiredFiO2(o, 'prevDayFiO2');
  const prevPeep = requiredNumber(o, 'prevDayPeep', PEEP);
  const sbp = requiredNumber(o, 'systolicBp', { min: 0, max: 350, unit: 'mmHg' });
  const pressors = requiredBoolean(o, 'onVasopressors');
  const nmb = requiredBoolean(o, 'onNeuromuscularBlockade');
  const effort = requiredBoolean(o, 'spontaneousEffort');
  const reasons: Reason[] = [];
  const gate = SBT_GATES.some((g) => fiO2 <= g.maxFiO2 + EPSILON && peep <= g.maxPeep);
  if (!gate) reasons.push(reason('OXYGENATION_GATE_NOT_MET', `FiO2 ${round(fiO2, 2)} / PEEP ${peep}: needs FiO2 <= 0.40 with PEEP <= 8, or FiO2 <= 0.50 with PEEP <= 5`));
  if (fiO2 > prevFiO2 + EPSILON || peep > prevPeep) reasons.push(reason('SETTINGS_ABOVE_PREVIOUS_DAY', `FiO2 ${round(fiO2, 2)} / PEEP ${peep} must not exceed yesterday's ${round(prevFiO2, 2)} / ${prevPeep}`));
  if (!effort) reasons.push(reason('NO_SPONTANEOUS_EFFORT', 'No acceptable spontaneous breathing effort'));
  if (sbp < SBT_MIN_SYSTOLIC_BP) reasons.push(reason('SYSTOLIC_BP_BELOW_90', `Systolic BP ${sbp} mmHg is below ${SBT_MIN_SYSTOLIC_BP}`, sbp, SBT_MIN_SYSTOLIC_BP));
  if (pressors) reasons.push(reason('ON_VASOPRESSORS', 'Systolic BP must be maintained without vasopressors'));
  if (nmb) reasons.push(reason('ON_NEUROMUSCULAR_BLOCKADE', 'Neuromuscular blockade in progress'));
  return { value: reasons.length === 0, reasons };
}

export function sbtReadinessArdsnet(input: SbtReadinessInput): boolean {
  return sbtReadinessArdsnetExplained(input).value;
}
