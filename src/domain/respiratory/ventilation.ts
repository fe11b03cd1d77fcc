import { resolveDomainConfig } from '../config.js';
import { DomainInputError } from '../errors.js';
import { reason, type Reason } from '../reasons.js';
import { EPSILON, fieldsOf, requiredEnum, requiredHeightCm, requiredNumber, round, type Fields, type NumberSpec } from '../validate.js';

/*
 * Lung-protective ventilation, NIH NHLBI ARDS Network protocol [ARDSNET], DOMAIN.md C.2 (STANDARD);
 * driving pressure flag from Amato 2015 [AMATO] (DEFAULT limit in config).
 */

export const sexes = ['male', 'female'] as const;
export type Sex = (typeof sexes)[number];

/** PBW = base + 0.91 x (height_cm - 152.4); base 50 (male) or 45.5 (female). */
export const PBW_BASE_KG: Readonly<Record<Sex, number>> = { male: 50, female: 45.5 };
export const PBW_KG_PER_CM = 0.91;
export const PBW_REFERENCE_HEIGHT_CM = 152.4;
/** Allowed tidal volume 4-8 mL/kg PBW, target 6. */
export const VT_MIN_ML_PER_KG = 4;
export const VT_TARGET_ML_PER_KG = 6;
export const VT_MAX_ML_PER_KG = 8;
/** Plateau pressure goal <= 30 cmH2O. */
export const PLATEAU_MAX_CMH2O = 30;

const PRESSURE: NumberSpec = { min: 0, max: 120, unit: 'cmH2O' };
const VT_ML: NumberSpec = { min: 0, minExclusive: true, max: 3000, unit: 'mL' };
const ML_PER_KG: NumberSpec = { min: 0, minExclusive: true, max: 20, unit: 'mL/kg PBW' };

function pbwFrom(o: Fields): number {
  const sex = requiredEnum(o, 'sex', sexes);
  const cm = requiredHeightCm(o);
  const pbw = round(PBW_BASE_KG[sex] + PBW_KG_PER_CM * (cm - PBW_REFERENCE_HEIGHT_CM), 1);
  if (pbw <= 0) {
    const minCm = round(PBW_REFERENCE_HEIGHT_CM - PBW_BASE_KG[sex] / PBW_KG_PER_CM, 1);
    throw new DomainInputError(o.heightCm !== undefined ? 'heightCm' : 'heightIn', `a height above ${minCm} cm (the PBW formula is for adults)`, o.heightCm ?? o.heightIn);
  }
  return pbw;
}

/** Predicted body weight in kg, rounded to 0.1 kg; never uses actual weight. Example: female 165 cm -> 57.0. */
export function predictedBodyWeightKg(input: { sex: Sex; heightCm?: number; heightIn?: number }): number {
  return pbwFrom(fieldsOf(input, 'predictedBodyWeightKg'));
}

/** PBW x mL/kg, rounded to whole mL (female 165 cm at 6 mL/kg -> 342). */
export function tidalVolumeTargetMl(input: { sex: Sex; heightCm?: number; heightIn?: number; mlPerKgPbw: number }): number {
  const o = fieldsOf(input, 'tidalVolumeTargetMl');
  const pbw = pbwFrom(o);
  return Math.round(pbw * requiredNumber(o, 'mlPerKgPbw', ML_PER_KG));
}

function heightReview(o: Fields): Reason[] {
  const cm = requiredHeightCm(o);
  const { min, max } = resolveDomainConfig(o.config).respiratory.pbwReviewHeightCm;
  if (cm < min || cm > max) return [reason('HEIGHT_REVIEW', `Height ${round(cm, 1)} cm is outside ${min}-${max} cm: check the height before trusting PBW`, round(cm, 1), `${min}-${max}`)];
  return [];
}

export interface TidalVolumeRange {
  minMl: number;
  targetMl: number;
  maxMl: number;
  pbwKg: number;
  reasons: Reason[];
}

/** {4, 6, 8} mL/kg PBW in whole mL. */
export function tidalVolumeRangeMl(input: { sex: Sex; heightCm?: number; heightIn?: number; config?: unknown }): TidalVolumeRange {
  const o = fieldsOf(input, 'tidalVolumeRangeMl');
  const pbw = pbwFrom(o);
  return {
    minMl: Math.round(pbw * VT_MIN_ML_PER_KG),
    targetMl: Math.round(pbw * VT_TARGET_ML_PER_KG),
    maxMl: Math.round(pbw * VT_MAX_ML_PER_KG),
    pbwKg: pbw,
    reasons: heightReview(o),
  };
}

export interface LungProtectiveCheck {
  mlPerKgPbw: number;
  vtWithin4to8: boolean;
  plateauOk: boolean;
  drivingPressure: number;
  drivingPressureOk: boolean;
  pbwKg: number;
  /** One entry per limit crossed (and a height review note). Empty when all is within limits. */
  reasons: Reason[];
}

export interface LungProtectiveInput {
  sex: Sex;
  heightCm?: number;
  heightIn?: number;
  tidalVolumeMl: number;
  plateauPressure: number;
  peep: number;
  config?: unknown;
}

function pressures(o: Fields): { plateau: number; peep: number } {
  const plateau = requiredNumber(o, 'plateauPressure', PRESSURE);
  const peep = requiredNumber(o, 'peep', PRESSURE);
  if (plateau < peep) throw new DomainInputError('plateauPressure', `a plateau pressure >= PEEP (${peep} cmH2O)`, plateau);
  return { plateau, peep };
}

/** VT 4-8 mL/kg PBW, Pplat <= 30, driving pressure <= limit (DEFAULT 15). */
export function lungProtectiveCheck(input: LungProtectiveInput): LungProtectiveCheck {
  const o = fieldsOf(input, 'lungProtectiveCheck');
  const pbw = pbwFrom(o);
  const vt = requiredNumber(o, 'tidalVolumeMl', VT_ML);
  const { plateau, peep } = pressures(o);
  const cfg = resolveDomainConfig(o.config).respiratory;
  const perKg = vt / pbw;
  const dp = round(plateau - peep, 2);
  const vtOk = perKg >= VT_MIN_ML_PER_KG - EPSILON && perKg <= VT_MAX_ML_PER_KG + EPSILON;
  const plateauOk = plateau <= PLATEAU_MAX_CMH2O;
  const dpLimit = cfg.drivingPressureMaxCmH2O;
  const dpOk = dp <= dpLimit;
  const shown = round(perKg, 2);
  const reasons: Reason[] = [];
  if (perKg > VT_MAX_ML_PER_KG + EPSILON) reasons.push(reason('VT_ABOVE_MAX', `VT ${shown} mL/kg PBW is above ${VT_MAX_ML_PER_KG}`, shown, VT_MAX_ML_PER_KG));
  else if (perKg < VT_MIN_ML_PER_KG - EPSILON) reasons.push(reason('VT_BELOW_MIN', `VT ${shown} mL/kg PBW is below ${VT_MIN_ML_PER_KG}`, shown, VT_MIN_ML_PER_KG));
  if (!plateauOk) reasons.push(reason('PLATEAU_ABOVE_MAX', `Plateau ${plateau} cmH2O is above ${PLATEAU_MAX_CMH2O}: reduce VT by 1 mL/kg (minimum 4)`, plateau, PLATEAU_MAX_CMH2O));
  if (!dpOk) reasons.push(reason('DRIVING_PRESSURE_ABOVE_MAX', `Driving pressure ${dp} cmH2O is above ${dpLimit}`, dp, dpLimit));
  const cm = requiredHeightCm(o);
  if (cm < cfg.pbwReviewHeightCm.min || cm > cfg.pbwReviewHeightCm.max) reasons.push(...heightReview(o));
  return { mlPerKgPbw: shown, vtWithin4to8: vtOk, plateauOk, drivingPressure: dp, drivingPressureOk: dpOk, pbwKg: pbw, reasons };
}

/** Pplat - PEEP. */
export function drivingPressureCmH2O(input: { plateauPressure: number; peep: number }): number {
  const { plateau, peep } = pressures(fieldsOf(input, 'drivingPressureCmH2O'));
  return round(plateau - peep, 2);
}

/** VT / (Pplat - PEEP) in mL/cmH2O, 0.1 precision. */
export function staticComplianceMlPerCmH2O(input: { tidalVolumeMl: number; plateauPressure: number; peep: number }): number {
  const o = fieldsOf(input, 'staticComplianceMlPerCmH2O');
  const vt = requiredNumber(o, 'tidalVolumeMl', VT_ML);
  const { plateau, peep } = pressures(o);
  if (plateau - peep <= 0) throw new DomainInputError('plateauPressure', `a plateau pressure above PEEP (${peep} cmH2O)`, plateau);
  return round(vt / (plateau - peep), 1);
}
