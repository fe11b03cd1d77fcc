import { resolveDomainConfig } from '../config.js';
import { DomainInputError } from '../errors.js';
import { reason, type Explained, type Reason } from '../reasons.js';
import { EPSILON, fieldsOf, optionalNumber, requiredBoolean, requiredFiO2, requiredNumber, round } from '../validate.js';

/*
 * Neonatal rules, DOMAIN.md C.6: European Consensus RDS 2022 [EU-RDS] (surfactant threshold,
 * STANDARD); NRP preductal SpO2 targets [NRP] (STANDARD); VT mL/kg is DEFAULT (config).
 */

/** Surfactant for worsening RDS when FiO2 > 0.30 on CPAP >= 6 cmH2O. */
export const SURFACTANT_FIO2_ABOVE = 0.3;
export const SURFACTANT_MIN_CPAP_CMH2O = 6;

/** Preductal SpO2 target (%) by minutes after birth. */
export const nrpPreductalSpo2Targets: Readonly<Record<1 | 2 | 3 | 4 | 5 | 10, { low: number; high: number }>> = {
  1: { low: 60, high: 65 },
  2: { low: 65, high: 70 },
  3: { low: 70, high: 75 },
  4: { low: 75, high: 80 },
  5: { low: 80, high: 85 },
  10: { low: 85, high: 95 },
};

/** Actual weight (g) x mL/kg, 1 decimal: 1200 g x 5 = 6.0 mL. mlPerKg defaults to the unit's configured value. */
export function neonatalTidalVolumeMl(input: { weightG: number; mlPerKg?: number; config?: unknown }): number {
  const o = fieldsOf(input, 'neonatalTidalVolumeMl');
  const g = requiredNumber(o, 'weightG', { min: 200, max: 10000, unit: 'g (neonatal weight in grams)' });
  const perKg = optionalNumber(o, 'mlPerKg', { min: 0, minExclusive: true, max: 12, unit: 'mL/kg' }) ?? resolveDomainConfig(o.config).respiratory.neonatalMlPerKg;
  return round((g / 1000) * perKg, 1);
}

export function surfactantCriteriaMetExplained(input: { fiO2: number; cpapCmH2O: number; rdsSuspected: boolean }): Explained<boolean> {
  const o = fieldsOf(input, 'surfactantCriteriaMet');
  const fiO2 = requiredFiO2(o, 'fiO2');
  const cpap = requiredNumber(o, 'cpapCmH2O', { min: 0, max: 20, unit: 'cmH2O' });
  const rds = requiredBoolean(o, 'rdsSuspected');
  const reasons: Reason[] = [];
  if (!rds) reasons.push(reason('RDS_NOT_SUSPECTED', 'Surfactant criteria apply to babies with (worsening) RDS'));
  if (!(fiO2 > SURFACTANT_FIO2_ABOVE + EPSILON)) reasons.push(reason('FIO2_NOT_ABOVE_0_30', `FiO2 ${round(fiO2, 2)} is not above ${SURFACTANT_FIO2_ABOVE}`, round(fiO2, 2), SURFACTANT_FIO2_ABOVE));
  if (cpap < SURFACTANT_MIN_CPAP_CMH2O) reasons.push(reason('OPTIMISE_CPAP_FIRST', `CPAP ${cpap} cmH2O is below ${SURFACTANT_MIN_CPAP_CMH2O}: optimise CPAP first`, cpap, SURFACTANT_MIN_CPAP_CMH2O));
  return { value: reasons.length === 0, reasons };
}

/** rdsSuspected AND FiO2 > 0.30 AND CPAP >= 6 cmH2O. */
export function surfactantCriteriaMet(input: { fiO2: number; cpapCmH2O: number; rdsSuspected: boolean }): boolean {
  return surfactantCriteriaMetExplained(input).value;
}

export function nrpPreductalSpo2Target(input: { minutesAfterBirth: 1 | 2 | 3 | 4 | 5 | 10 }): { low: number; high: number } {
  const o = fieldsOf(input, 'nrpPreductalSpo2Target');
  const m = o.minutesAfterBirth;
  const row = typeof m === 'number' ? nrpPreductalSpo2Targets[m as 1] : undefined;
  if (!row || !Object.prototype.hasOwnProperty.call(nrpPreductalSpo2Targets, String(m))) {
    throw new DomainInputError('minutesAfterBirth', 'one of 1, 2, 3, 4, 5, 10', m);
  }
  return { low: row.low, high: row.high };
}
