import type { ServiceRequest } from '@medplum/fhirtypes';
import type { Icd10Code } from './diagnoses.js';
import type { PhysicianKey } from './staff.js';
import type { UnitKey } from './places.js';

/**
 * Care settings and the clinical pictures seen in each: which diagnoses, at what ages, and what
 * gets ordered. Each demo patient is one picture in one setting.
 */

export type SettingKey = 'nicu' | 'icu' | 'ward' | 'ed' | 'imaging' | 'practice' | 'or';
export type Priority = NonNullable<ServiceRequest['priority']>;

export interface ClinicalPicture {
  /** ICD-10-CM codes, principal first. */
  diagnoses: Icd10Code[];
  /** Age range: years, or days when `ageUnit` is 'days' (neonates). */
  ages: [min: number, max: number];
  ageUnit?: 'days';
  sex?: 'female' | 'male';
  /** Orderable codes always ordered. */
  orders: string[];
  /** Orderable codes of which a few are added. */
  optional?: string[];
}

export interface CareSetting {
  key: SettingKey;
  /** Share of demo patients in this setting. */
  weight: number;
  encounterClass: 'IMP' | 'EMER' | 'AMB';
  units: UnitKey[];
  physician: PhysicianKey;
  priorities: [Priority, number][];
  pictures: ClinicalPicture[];
}

export const careSettings: CareSetting[] = [
  {
    key: 'nicu', weight: 6, encounterClass: 'IMP', units: ['nicu'], physician: 'neonatologist',
    priorities: [['stat', 3], ['urgent', 3], ['routine', 4]],
    pictures: [
      { diagnoses: ['P22.0'], ages: [0, 27], ageUnit: 'days', orders: ['RT-CPAP', 'RT-ABG', 'IMG-XR-CHEST-PORT'], optional: ['LAB-CBC', 'LAB-BLOOD-CULTURE', 'RT-VENT-INITIAL', 'RT-SPO2-SPOT'] },
      { diagnoses: ['P22.1'], ages: [0, 3], ageUnit: 'days', orders: ['RT-O2', 'RT-SPO2-SPOT', 'IMG-XR-CHEST-PORT'], optional: ['LAB-CBC', 'LAB-BLOOD-CULTURE'] },
      { diagnoses: ['P59.9'], ages: [1, 14], ageUnit: 'days', orders: ['LAB-BILI-TOTAL'], optional: ['LAB-CBC', 'LAB-TYPE-SCREEN'] },
    ],
  },
  {
    key: 'icu', weight: 10, encounterClass: 'IMP', units: ['icu'], physician: 'intensivist',
    priorities: [['stat', 35], ['urgent', 30], ['asap', 15], ['routine', 20]],
    pictures: [
      { diagnoses: ['A41.9', 'J18.9'], ages: [30, 92], orders: ['LAB-LACTATE', 'LAB-BLOOD-CULTURE', 'LAB-CBC', 'LAB-CMP'], optional: ['LAB-PROCALCITONIN', 'IMG-XR-CHEST-PORT', 'RT-ABG', 'LAB-PT-INR', 'LAB-URINE-CULTURE'] },
      { diagnoses: ['J96.01', 'J80'], ages: [25, 85], orders: ['RT-VENT-INITIAL', 'RT-ABG', 'IMG-XR-CHEST-PORT'], optional: ['LAB-CBC', 'LAB-BMP', 'LAB-PHOSPHORUS', 'RT-SUCTION'] },
      { diagnoses: ['U07.1', 'J12.82', 'J96.01'], ages: [40, 90], orders: ['RT-CPAP', 'RT-ABG', 'IMG-XR-CHEST-PORT'], optional: ['LAB-DDIMER', 'LAB-CRP', 'LAB-CBC', 'LAB-CMP'] },
      { diagnoses: ['J44.1', 'J96.02'], ages: [50, 90], orders: ['RT-CPAP', 'RT-ABG', 'RT-NEB'], optional: ['IMG-XR-CHEST-PORT', 'LAB-BMP', 'LAB-CBC', 'RT-VENT-SUBSEQ'] },
    ],
  },
  {
    key: 'ward', weight: 22, encounterClass: 'IMP', units: ['ms3w', 'ms4e'], physician: 'hospitalist',
    priorities: [['routine', 75], ['urgent', 14], ['asap', 6], ['stat', 5]],
    pictures: [
      { diagnoses: ['I50.9', 'I10'], ages: [55, 96], orders: ['LAB-BMP', 'LAB-BNP', 'IMG-XR-CHEST-2V'], optional: ['LAB-MAGNESIUM', 'IMG-ECHO-TTE', 'RT-O2', 'LAB-DIGOXIN', 'RT-SPO2-SPOT'] },
      { diagnoses: ['J18.9'], ages: [18, 95], orders: ['LAB-CBC', 'LAB-BMP', 'IMG-XR-CHEST-2V', 'RT-NEB'], optional: ['LAB-SPUTUM-CULTURE', 'LAB-BLOOD-CULTURE', 'RT-O2', 'RT-INCENTIVE-SPIRO', 'LAB-PROCALCITONIN'] },
      { diagnoses: ['J44.1'], ages: [50, 95], orders: ['RT-NEB', 'RT-SPO2-SPOT', 'IMG-XR-CHEST-1V'], optional: ['RT-MDI-TEACH', 'RT-O2', 'LAB-CBC', 'LAB-BMP', 'RT-AIRWAY-CLEARANCE'] },
      { diagnoses: ['N17.9', 'N18.4'], ages: [50, 90], orders: ['LAB-BMP', 'LAB-PHOSPHORUS', 'LAB-URINALYSIS', 'IMG-US-ABD'], optional: ['LAB-MAGNESIUM', 'LAB-CBC'] },
      { diagnoses: ['L03.115'], ages: [20, 85], orders: ['LAB-CBC', 'LAB-BMP'], optional: ['LAB-BLOOD-CULTURE', 'LAB-CRP'] },
      { diagnoses: ['N39.0'], ages: [65, 97], orders: ['LAB-URINALYSIS', 'LAB-URINE-CULTURE', 'LAB-CBC', 'LAB-BMP'], optional: ['LAB-BLOOD-CULTURE'] },
    ],
  },
  {
    key: 'ed', weight: 20, encounterClass: 'EMER', units: ['ed'], physician: 'emergency',
    priorities: [['stat', 45], ['asap', 25], ['urgent', 20], ['routine', 10]],
    pictures: [
      { diagnoses: ['R07.9'], ages: [30, 85], orders: ['LAB-TROPONIN', 'LAB-CBC', 'LAB-BMP', 'IMG-XR-CHEST-2V'], optional: ['LAB-DDIMER', 'IMG-CTA-CHEST-PE', 'LAB-LIPASE', 'LAB-PT-INR'] },
      { diagnoses: ['I21.4'], ages: [45, 90], orders: ['LAB-TROPONIN', 'LAB-PT-INR', 'LAB-APTT', 'LAB-CBC', 'LAB-BMP', 'IMG-XR-CHEST-1V'], optional: ['LAB-LIPID', 'LAB-MAGNESIUM'] },
      { diagnoses: ['J45.21'], ages: [5, 17], orders: ['RT-NEB', 'RT-SPO2-SPOT'], optional: ['IMG-XR-CHEST-2V', 'RT-MDI-TEACH', 'RT-PEAK-FLOW-TEACH'] },
      { diagnoses: ['J45.41'], ages: [18, 60], orders: ['RT-NEB', 'RT-SPO2-SPOT', 'RT-MDI-TEACH'], optional: ['IMG-XR-CHEST-2V', 'LAB-CBC', 'RT-NEB-CONT'] },
      { diagnoses: ['S06.0X0A'], ages: [5, 90], orders: ['IMG-CT-HEAD-WO'], optional: ['IMG-CT-CSPINE-WO'] },
      { diagnoses: ['R10.9'], ages: [15, 85], orders: ['LAB-CBC', 'LAB-CMP', 'LAB-LIPASE', 'IMG-CT-ABD-PEL-W'], optional: ['LAB-URINALYSIS', 'IMG-US-RUQ'] },
      { diagnoses: ['R06.02'], ages: [40, 90], orders: ['LAB-BNP', 'LAB-DDIMER', 'IMG-XR-CHEST-2V', 'RT-SPO2-SPOT'], optional: ['RT-ABG', 'IMG-CT-CHEST-W'] },
      { diagnoses: ['A41.9'], ages: [18, 95], orders: ['LAB-LACTATE', 'LAB-BLOOD-CULTURE', 'LAB-CBC', 'LAB-CMP'], optional: ['LAB-URINALYSIS', 'IMG-XR-CHEST-1V', 'LAB-SARS-COV-2'] },
    ],
  },
  {
    key: 'imaging', weight: 17, encounterClass: 'AMB', units: ['imagingCentre'], physician: 'familyMedicine',
    priorities: [['routine', 95], ['urgent', 5]],
    pictures: [
      { diagnoses: ['Z12.31'], ages: [40, 80], sex: 'female', orders: ['IMG-MG-SCREEN'] },
      { diagnoses: ['R51.9'], ages: [18, 75], orders: ['IMG-MR-BRAIN-WO'] },
      { diagnoses: ['M54.50'], ages: [25, 80], orders: ['IMG-MR-LSPINE-WO'] },
      { diagnoses: ['M25.561'], ages: [18, 75], orders: ['IMG-MR-KNEE-WO'] },
      { diagnoses: ['K80.20'], ages: [25, 80], orders: ['IMG-US-RUQ'] },
      { diagnoses: ['Z34.82'], ages: [18, 42], sex: 'female', orders: ['IMG-US-OB'] },
      { diagnoses: ['Z87.891'], ages: [50, 77], orders: ['IMG-CT-LUNG-SCREEN'] },
      { diagnoses: ['R91.1'], ages: [40, 85], orders: ['IMG-CT-CHEST-W'] },
    ],
  },
  {
    key: 'practice', weight: 20, encounterClass: 'AMB', units: ['practice'], physician: 'familyMedicine',
    priorities: [['routine', 95], ['asap', 5]],
    pictures: [
      { diagnoses: ['E11.9', 'I10'], ages: [35, 85], orders: ['LAB-HBA1C', 'LAB-CMP', 'LAB-LIPID'], optional: ['LAB-URINALYSIS', 'LAB-GLUCOSE-FASTING'] },
      { diagnoses: ['I10', 'E78.5'], ages: [30, 85], orders: ['LAB-LIPID', 'LAB-BMP'], optional: ['LAB-TSH'] },
      { diagnoses: ['E03.9'], ages: [20, 85], orders: ['LAB-TSH', 'LAB-FT4'] },
      { diagnoses: ['J45.30'], ages: [6, 17], orders: ['RT-PEAK-FLOW-TEACH', 'RT-MDI-TEACH'], optional: ['RT-SPIROMETRY'] },
      { diagnoses: ['J45.40'], ages: [18, 70], orders: ['RT-SPIROMETRY-BD', 'RT-MDI-TEACH'], optional: ['RT-PEAK-FLOW-TEACH'] },
      { diagnoses: ['J44.9', 'Z87.891'], ages: [45, 85], orders: ['RT-SPIROMETRY-BD', 'RT-SPO2-EXERTION'], optional: ['RT-6MWT', 'RT-MDI-TEACH', 'LAB-CBC'] },
      { diagnoses: ['E84.0'], ages: [6, 40], orders: ['RT-AIRWAY-VEST', 'RT-SPIROMETRY'], optional: ['LAB-SPUTUM-CULTURE', 'LAB-CMP'] },
      { diagnoses: ['N39.0'], ages: [18, 80], sex: 'female', orders: ['LAB-URINALYSIS', 'LAB-URINE-CULTURE'] },
      { diagnoses: ['I48.91', 'Z79.01'], ages: [55, 90], orders: ['LAB-PT-INR'], optional: ['LAB-CBC', 'LAB-BMP'] },
      { diagnoses: ['N18.4', 'I10'], ages: [50, 90], orders: ['LAB-CMP', 'LAB-CBC', 'LAB-PHOSPHORUS', 'LAB-URINALYSIS'] },
      { diagnoses: ['Z00.00'], ages: [25, 75], orders: ['LAB-CBC', 'LAB-CMP', 'LAB-LIPID'], optional: ['LAB-HBA1C', 'LAB-TSH'] },
      { diagnoses: ['G47.33'], ages: [30, 75], orders: ['RT-SPO2-OVERNIGHT'] },
    ],
  },
  {
    key: 'or', weight: 5, encounterClass: 'IMP', units: ['or'], physician: 'surgeon',
    priorities: [['routine', 50], ['urgent', 30], ['asap', 20]],
    pictures: [
      { diagnoses: ['M17.11'], ages: [55, 85], orders: ['LAB-TYPE-SCREEN', 'LAB-CBC', 'LAB-BMP', 'LAB-PT-INR'] },
      { diagnoses: ['S72.001A'], ages: [65, 97], orders: ['LAB-TYPE-SCREEN', 'LAB-CBC', 'LAB-PT-INR', 'IMG-XA-CARM-OR'], optional: ['LAB-BMP'] },
      { diagnoses: ['K80.20'], ages: [25, 80], orders: ['LAB-CBC', 'LAB-CMP', 'LAB-TYPE-SCREEN'], optional: ['IMG-XA-CARM-OR'] },
      { diagnoses: ['K35.80'], ages: [8, 60], orders: ['LAB-CBC', 'LAB-BMP', 'LAB-TYPE-SCREEN'] },
    ],
  },
];

/** Diagnoses added to older adults' problem lists (with their chance). */
export const comorbidities: [Icd10Code, number, minAge: number][] = [
  ['I10', 0.35, 45],
  ['E11.9', 0.18, 45],
  ['E78.5', 0.2, 45],
  ['Z87.891', 0.15, 40],
];
