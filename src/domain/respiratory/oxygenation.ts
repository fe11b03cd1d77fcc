import { reason, type Explained } from '../reasons.js';
import { fieldsOf, requiredFiO2, requiredNumber, round, type NumberSpec } from '../validate.js';

/*
 * Oxygenation indices. Berlin definition of ARDS [BERLIN] DOMAIN.md C.3 (STANDARD); ROX [ROX] C.5;
 * oxygenation index C.6.
 */

/** Berlin bands on P/F rounded to 1 decimal: > 300 none; (200, 300] mild; (100, 200] moderate; <= 100 severe. */
export const BERLIN_MILD_MAX_PF = 300;
export const BERLIN_MODERATE_MAX_PF = 200;
export const BERLIN_SEVERE_MAX_PF = 100;
/** Berlin requires PEEP or CPAP >= 5 cmH2O. */
export const BERLIN_MIN_PEEP = 5;
/** ROX >= 4.88 at 2, 6 or 12 h: lower risk of intubation; failure cut-offs by hour. */
export const ROX_LOW_RISK_MIN = 4.88;
export const ROX_FAILURE_BELOW: Readonly<Record<2 | 6 | 12, number>> = { 2: 2.85, 6: 3.47, 12: 3.85 };

const PAO2: NumberSpec = { min: 0, minExclusive: true, max: 800, unit: 'mmHg' };
const PEEP: NumberSpec = { min: 0, max: 50, unit: 'cmH2O' };

export type BerlinSeverity = 'none' | 'mild' | 'moderate' | 'severe' | 'indeterminate';

/** PaO2 / FiO2 (FiO2 as a fraction; percent is normalised), rounded to 1 decimal: 60 / 0.6 = 100. */
export function pfRatio(input: { paO2: number; fiO2: number }): number {
  const o = fieldsOf(input, 'pfRatio');
  const paO2 = requiredNumber(o, 'paO2', PAO2);
  return round(paO2 / requiredFiO2(o, 'fiO2'), 1);
}

export function berlinArdsSeverityExplained(input: { paO2: number; fiO2: number; peep: number }): Explained<BerlinSeverity> & { pfRatio: number } {
  const o = fieldsOf(input, 'berlinArdsSeverity');
  const pf = pfRatio({ paO2: o.paO2 as number, fiO2: o.fiO2 as number });
  const peep = requiredNumber(o, 'peep', PEEP);
  if (peep < BERLIN_MIN_PEEP) {
    return { value: 'indeterminate', pfRatio: pf, reasons: [reason('PEEP_BELOW_5', `PEEP/CPAP ${peep} cmH2O is below ${BERLIN_MIN_PEEP}: Berlin severity cannot be graded`, peep, BERLIN_MIN_PEEP)] };
  }
  let value: BerlinSeverity;
  let limit: string;
  if (pf > BERLIN_MILD_MAX_PF) [value, limit] = ['none', `> ${BERLIN_MILD_MAX_PF}`];
  else if (pf > BERLIN_MODERATE_MAX_PF) [value, limit] = ['mild', `${BERLIN_MODERATE_MAX_PF} < P/F <= ${BERLIN_MILD_MAX_PF}`];
  else if (pf > BERLIN_SEVERE_MAX_PF) [value, limit] = ['moderate', `${BERLIN_SEVERE_MAX_PF} < P/F <= ${BERLIN_MODERATE_MAX_PF}`];
  else [value, limit] = ['severe', `P/F <= ${BERLIN_SEVERE_MAX_PF}`];
  return { value, pfRatio: pf, reasons: [reason(`PF_${value.toUpperCase()}`, `P/F ${pf} (${limit}) with PEEP ${peep} cmH2O; oxygenation only, the timing/imaging/origin criteria are separate`, pf, limit)] };
}

/** Oxygenation grade of the Berlin definition (the other three criteria are clinician-entered). */
export function berlinArdsSeverity(input: { paO2: number; fiO2: number; peep: number }): BerlinSeverity {
  return berlinArdsSeverityExplained(input).value;
}

/** ROX = (SpO2 % / FiO2 fraction) / RR, 2 decimals. Example 94 %, 0.5, 25 -> 7.52. */
export function roxIndex(input: { spo2: number; fiO2: number; respiratoryRate: number }): number {
  const o = fieldsOf(input, 'roxIndex');
  const spo2 = requiredNumber(o, 'spo2', { min: 1, minExclusive: true, max: 100, unit: 'percent, e.g. 94' });
  const fiO2 = requiredFiO2(o, 'fiO2');
  const rr = requiredNumber(o, 'respiratoryRate', { min: 0, minExclusive: true, max: 120, unit: 'breaths/min' });
  return round(spo2 / fiO2 / rr, 2);
}

/** OI = FiO2 (%) x mean airway pressure / PaO2, 1 decimal. Example 60 x 12 / 60 = 12. */
export function oxygenationIndex(input: { fiO2: number; meanAirwayPressure: number; paO2: number }): number {
  const o = fieldsOf(input, 'oxygenationIndex');
  const fiO2Pct = requiredFiO2(o, 'fiO2') * 100;
  const map = requiredNumber(o, 'meanAirwayPressure', { min: 0, minExclusive: true, max: 60, unit: 'cmH2O' });
  const paO2 = requiredNumber(o, 'paO2', PAO2);
  return round((fiO2Pct * map) / paO2, 1);
}
