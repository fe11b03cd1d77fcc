import { resolveDomainConfig } from '../config.js';
import { reason, type Explained } from '../reasons.js';
import { DomainInputError } from '../errors.js';
import { fieldsOf, optionalBoolean, requiredBoolean, requiredEnum, requiredNumber, requiredString } from '../validate.js';

/*
 * Safety screening, DOMAIN.md B.4.1 (MRI zones, ACR Guidance on MR Safe Practices [ACR-MR], DEFAULT
 * encoding) and B.4.2 (pregnancy, ACR-SPR practice parameter [ACR-SPR]; ages and exam sets DEFAULT in config).
 */

export const mriZones = ['I', 'II', 'III', 'IV'] as const;
export const mriPersons = ['patient', 'visitor', 'non_mr_staff', 'mr_level1', 'mr_level2'] as const;

function matches(patterns: readonly string[], exam: string): boolean {
  return patterns.some((p) => (p.endsWith('*') ? exam.startsWith(p.slice(0, -1)) : p === exam));
}

export function pregnancyVerificationRequiredExplained(input: { sex: 'male' | 'female'; ageYears: number; exam: string; hasUterus?: boolean; config?: unknown }): Explained<boolean> {
  const o = fieldsOf(input, 'pregnancyVerificationRequired');
  const sex = requiredEnum(o, 'sex', ['male', 'female'] as const);
  const age = requiredNumber(o, 'ageYears', { min: 0, max: 130, unit: 'years' });
  const exam = requiredString(o, 'exam', 'an exam code such as CT_ABDOMEN_PELVIS');
  const hasUterus = optionalBoolean(o, 'hasUterus');
  const cfg = resolveDomainConfig(o.config).imaging;
  const requires = matches(cfg.pregnancyVerificationExams, exam);
  if (!requires && !matches(cfg.pregnancyExemptExams, exam)) {
    throw new DomainInputError('exam', `an exam code of the configured sets (${[...cfg.pregnancyVerificationExams, ...cfg.pregnancyExemptExams].join(', ')})`, exam);
  }
  // Recorded anatomy wins over recorded sex.
  const uterus = hasUterus ?? sex === 'female';
  if (!uterus) return { value: false, reasons: [reason('NO_UTERUS', 'Patient has no uterus on record')] };
  if (age < cfg.pregnancyAgeMinYears || age > cfg.pregnancyAgeMaxYears) {
    return { value: false, reasons: [reason('AGE_OUTSIDE_RANGE', `Age ${age} is outside ${cfg.pregnancyAgeMinYears}-${cfg.pregnancyAgeMaxYears}`, age, `${cfg.pregnancyAgeMinYears}-${cfg.pregnancyAgeMaxYears}`)] };
  }
  if (!requires) return { value: false, reasons: [reason('EXAM_EXEMPT', `${exam} does not directly expose the abdomen/pelvis (or is non-ionizing)`, exam)] };
  return { value: true, reasons: [reason('PELVIS_EXPOSED', `${exam} directly exposes the abdomen/pelvis or is nuclear medicine: determine pregnancy status (urgent exams may proceed with a documented waiver)`, exam)] };
}

/** Person with a uterus aged 12-50 AND an exam that directly exposes the abdomen/pelvis or is NM (B.4.2). */
export function pregnancyVerificationRequired(input: { sex: 'male' | 'female'; ageYears: number; exam: string; hasUterus?: boolean; config?: unknown }): boolean {
  return pregnancyVerificationRequiredExplained(input).value;
}

export function mriZoneAccessAllowedExplained(input: { zone: (typeof mriZones)[number]; person: (typeof mriPersons)[number]; screened: boolean; escortLevel: null | 1 | 2; config?: unknown }): Explained<boolean> {
  const o = fieldsOf(input, 'mriZoneAccessAllowed');
  const zone = requiredEnum(o, 'zone', mriZones);
  const person = requiredEnum(o, 'person', mriPersons);
  const screened = requiredBoolean(o, 'screened');
  if (o.escortLevel !== null && o.escortLevel !== 1 && o.escortLevel !== 2) throw new DomainInputError('escortLevel', 'null, 1 or 2', o.escortLevel);
  const escort = o.escortLevel as null | 1 | 2;
  if (zone === 'I' || zone === 'II') return { value: true, reasons: [reason('PUBLIC_OR_SCREENING_ZONE', `Zone ${zone} is not restricted`)] };
  if (person === 'mr_level2') return { value: true, reasons: [reason('MR_LEVEL2', 'Level 2 MR personnel')] };
  if (person === 'mr_level1') {
    if (zone === 'IV' && !resolveDomainConfig(o.config).imaging.mrLevel1MayEnterZoneIV && !(screened && escort === 2)) {
      return { value: false, reasons: [reason('LEVEL1_ZONE_IV_RESTRICTED', 'Site policy: Level 1 MR personnel enter Zone IV only screened and escorted by Level 2')] };
    }
    return { value: true, reasons: [reason('MR_LEVEL1', 'Level 1 MR personnel')] };
  }
  if (screened && escort === 2) return { value: true, reasons: [reason('SCREENED_WITH_LEVEL2_ESCORT', 'Screened and under direct supervision of Level 2 MR personnel')] };
  const reasons = [];
  if (!screened) reasons.push(reason('NOT_SCREENED', 'MR safety screening not completed'));
  if (escort !== 2) reasons.push(reason('NO_LEVEL2_ESCORT', `Zone ${zone} needs direct supervision by Level 2 MR personnel`, escort));
  return { value: false, reasons };
}

/** Zones I-II: anyone; III-IV: MR personnel, or screened and escorted by Level 2 (B.4.1). */
export function mriZoneAccessAllowed(input: { zone: (typeof mriZones)[number]; person: (typeof mriPersons)[number]; screened: boolean; escortLevel: null | 1 | 2; config?: unknown }): boolean {
  return mriZoneAccessAllowedExplained(input).value;
}
