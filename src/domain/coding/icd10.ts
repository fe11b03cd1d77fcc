import { DomainInputError } from '../errors.js';
import { checkKey, fieldsOf, requiredEnum } from '../validate.js';

/*
 * ICD-10-CM codes for the work of parts A-C, DOMAIN.md D.2 [ICD10CM] (CDC/NCHS, public domain; official
 * descriptions). Sequencing: ICD-10-CM Official Guidelines I.C.1.g.1 [COVID-CODING]. FY2024 code set.
 */

export const ICD10CM_FISCAL_YEAR = 2024;

export const icd10Descriptions: Readonly<Record<string, string>> = {
  'J44.0': 'Chronic obstructive pulmonary disease with acute lower respiratory infection',
  'J44.1': 'Chronic obstructive pulmonary disease with (acute) exacerbation',
  'J44.9': 'Chronic obstructive pulmonary disease, unspecified',
  'J45.20': 'Mild intermittent asthma, uncomplicated',
  'J45.21': 'Mild intermittent asthma with (acute) exacerbation',
  'J45.22': 'Mild intermittent asthma with status asthmaticus',
  'J45.30': 'Mild persistent asthma, uncomplicated',
  'J45.31': 'Mild persistent asthma with (acute) exacerbation',
  'J45.32': 'Mild persistent asthma with status asthmaticus',
  'J45.40': 'Moderate persistent asthma, uncomplicated',
  'J45.41': 'Moderate persistent asthma with (acute) exacerbation',
  'J45.42': 'Moderate persistent asthma with status asthmaticus',
  'J45.50': 'Severe persistent asthma, uncomplicated',
  'J45.51': 'Severe persistent asthma with (acute) exacerbation',
  'J45.52': 'Severe persistent asthma with status asthmaticus',
  'J45.901': 'Unspecified asthma with (acute) exacerbation',
  'J45.902': 'Unspecified asthma with status asthmaticus',
  'J45.909': 'Unspecified asthma, uncomplicated',
  'J45.990': 'Exercise induced bronchospasm',
  'E84.0': 'Cystic fibrosis with pulmonary manifestations',
  'E84.11': 'Meconium ileus in cystic fibrosis',
  'P22.0': 'Respiratory distress syndrome of newborn',
  'P22.1': 'Transient tachypnea of newborn',
  'J96.00': 'Acute respiratory failure, unspecified whether with hypoxia or hypercapnia',
  'J96.01': 'Acute respiratory failure with hypoxia',
  'J96.02': 'Acute respiratory failure with hypercapnia',
  'J96.21': 'Acute and chronic respiratory failure with hypoxia',
  'J96.22': 'Acute and chronic respiratory failure with hypercapnia',
  J80: 'Acute respiratory distress syndrome',
  'U07.1': 'COVID-19',
  'J12.82': 'Pneumonia due to coronavirus disease 2019',
  'J18.9': 'Pneumonia, unspecified organism',
  'R06.00': 'Dyspnea, unspecified',
  'R06.02': 'Shortness of breath',
  'R06.03': 'Acute respiratory distress',
  'R09.02': 'Hypoxemia',
  'Z99.11': 'Dependence on respirator [ventilator] status',
  'Z99.81': 'Dependence on supplemental oxygen',
  'Z91.041': 'Radiographic dye allergy status',
  'N17.9': 'Acute kidney failure, unspecified',
  'N18.4': 'Chronic kidney disease, stage 4 (severe)',
  'N18.5': 'Chronic kidney disease, stage 5',
  'N18.6': 'End stage renal disease',
  'Z99.2': 'Dependence on renal dialysis',
  'Z01.812': 'Encounter for preprocedural laboratory examination',
  'Z12.31': 'Encounter for screening mammogram for malignant neoplasm of breast',
  'Z87.891': 'Personal history of nicotine dependence',
};

export const asthmaSeverities = ['mild_intermittent', 'mild_persistent', 'moderate_persistent', 'severe_persistent', 'unspecified'] as const;
export const asthmaStatuses = ['uncomplicated', 'exacerbation', 'status_asthmaticus'] as const;

/** Severity x status -> code (D.2). */
export const asthmaCodes: Readonly<Record<(typeof asthmaSeverities)[number], Record<(typeof asthmaStatuses)[number], string>>> = {
  mild_intermittent: { uncomplicated: 'J45.20', exacerbation: 'J45.21', status_asthmaticus: 'J45.22' },
  mild_persistent: { uncomplicated: 'J45.30', exacerbation: 'J45.31', status_asthmaticus: 'J45.32' },
  moderate_persistent: { uncomplicated: 'J45.40', exacerbation: 'J45.41', status_asthmaticus: 'J45.42' },
  severe_persistent: { uncomplicated: 'J45.50', exacerbation: 'J45.51', status_asthmaticus: 'J45.52' },
  unspecified: { uncomplicated: 'J45.909', exacerbation: 'J45.901', status_asthmaticus: 'J45.902' },
};

export function icd10Asthma(input: { severity: (typeof asthmaSeverities)[number]; status: (typeof asthmaStatuses)[number] }): string {
  const o = fieldsOf(input, 'icd10Asthma');
  return asthmaCodes[requiredEnum(o, 'severity', asthmaSeverities)][requiredEnum(o, 'status', asthmaStatuses)];
}

/** Conditions whose code order the guidelines fix: COVID-19 first, then the manifestation (I.C.1.g.1). */
export const icd10Sequences: Readonly<Record<string, readonly string[]>> = {
  covid19: ['U07.1'],
  covid19_pneumonia: ['U07.1', 'J12.82'],
  covid19_ards: ['U07.1', 'J80'],
};

export function icd10Sequence(input: { condition: string }): string[] {
  const o = fieldsOf(input, 'icd10Sequence');
  return [...icd10Sequences[checkKey(icd10Sequences, o.condition, 'condition', 'condition')]];
}

/** Official description of a code of the D.2 table; accepts the code with or without its dot. */
export function icd10Description(input: { code: string }): string {
  const o = fieldsOf(input, 'icd10Description');
  const raw = o.code;
  if (typeof raw !== 'string') throw new DomainInputError('code', 'an ICD-10-CM code such as J45.20', raw);
  const compact = raw.trim().toUpperCase().replace('.', '');
  const code = compact.length > 3 ? `${compact.slice(0, 3)}.${compact.slice(3)}` : compact;
  return icd10Descriptions[checkKey(icd10Descriptions, code, 'code', 'ICD-10-CM code of the DOMAIN.md D.2 table')];
}
