import { reason, type Explained } from '../reasons.js';
import { checkKey, fieldsOf, requiredNumber, round } from '../validate.js';

/*
 * Radiation dose, DOMAIN.md B.5: adult k-coefficients, AAPM Report 96 [AAPM96] (STANDARD; ICRP 103
 * values differ slightly, VARIES); ACR CT accreditation phantom CTDIvol pass/fail limits [OREGON-CT].
 */

/** mSv per mGy.cm, adult. */
export const ctDoseCoefficients: Readonly<Record<string, number>> = {
  head: 0.0021,
  neck: 0.0059,
  chest: 0.014,
  abdomen: 0.015,
  pelvis: 0.015,
  abdomen_pelvis: 0.015,
  chest_abdomen_pelvis: 0.015,
};

/** CTDIvol limits (mGy); the paediatric abdomen limit is for the 16 cm phantom (ACR now states 10 mGy at 32 cm). */
export const acrCtDoseLimitsMgy: Readonly<Record<string, number>> = {
  adult_head: 80,
  adult_abdomen: 30,
  pediatric_head_1y: 40,
  pediatric_abdomen_5y_16cm: 20,
};

/** E = k x DLP, 3 decimals. Chest DLP 400 -> 5.6 mSv. A population-risk estimate, not an individual's risk. */
export function effectiveDoseMsv(input: { dlpMgyCm: number; region: string }): number {
  const o = fieldsOf(input, 'effectiveDoseMsv');
  const dlp = requiredNumber(o, 'dlpMgyCm', { min: 0, max: 100000, unit: 'mGy.cm' });
  const region = checkKey(ctDoseCoefficients, o.region, 'region', 'CT region');
  return round(ctDoseCoefficients[region] * dlp, 3);
}

/** DLP = CTDIvol x scan length (10 mGy x 35 cm = 350 mGy.cm). */
export function dlpFromCtdivol(input: { ctdiVolMgy: number; scanLengthCm: number }): number {
  const o = fieldsOf(input, 'dlpFromCtdivol');
  const ctdi = requiredNumber(o, 'ctdiVolMgy', { min: 0, max: 10000, unit: 'mGy' });
  const length = requiredNumber(o, 'scanLengthCm', { min: 0, minExclusive: true, max: 250, unit: 'cm' });
  return round(ctdi * length, 2);
}

export function exceedsAcrCtDoseLimitExplained(input: { protocol: string; ctdiVolMgy: number }): Explained<boolean> {
  const o = fieldsOf(input, 'exceedsAcrCtDoseLimit');
  const protocol = checkKey(acrCtDoseLimitsMgy, o.protocol, 'protocol', 'ACR CT protocol');
  const ctdi = requiredNumber(o, 'ctdiVolMgy', { min: 0, max: 10000, unit: 'mGy' });
  const limit = acrCtDoseLimitsMgy[protocol];
  const over = ctdi > limit;
  return { value: over, reasons: [reason(over ? 'ABOVE_ACR_LIMIT' : 'WITHIN_ACR_LIMIT', `CTDIvol ${ctdi} mGy ${over ? '>' : '<='} ${limit} mGy (${protocol})`, ctdi, limit)] };
}

/** CTDIvol > the ACR pass/fail limit of the protocol. */
export function exceedsAcrCtDoseLimit(input: { protocol: string; ctdiVolMgy: number }): boolean {
  return exceedsAcrCtDoseLimitExplained(input).value;
}
