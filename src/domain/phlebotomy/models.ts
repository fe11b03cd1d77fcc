/** Types of the phlebotomy rules (DOMAIN.md part A). */

/** The six CLSI GP41 venous classes (A.1), plus the capillary-only blood gas class (GP42). */
export const drawClasses = ['BLOOD_CULTURE', 'CITRATE', 'SERUM', 'HEPARIN', 'EDTA', 'GLYCOLYTIC_INHIBITOR'] as const;
export type DrawClass = (typeof drawClasses)[number];

export const additives = [
  'broth',
  'sodium_citrate',
  'none',
  'clot_activator',
  'clot_activator_gel',
  'heparin',
  'lithium_heparin_gel',
  'k2edta',
  'fluoride_oxalate',
  'acd',
  'other',
] as const;
export type Additive = (typeof additives)[number];

export const sections = ['HEME', 'CHEM', 'COAG', 'BLOOD_BANK', 'MICRO'] as const;
export type Section = (typeof sections)[number];

export const handlings = ['ambient', 'on_ice', 'protect_from_light', 'body_temperature'] as const;
export type Handling = (typeof handlings)[number];

export const hemolysisGrades = ['none', 'slight', 'moderate', 'gross'] as const;
export type HemolysisGrade = (typeof hemolysisGrades)[number];

export const devices = ['needle', 'winged'] as const;
export type Device = (typeof devices)[number];

export const collectionMethods = ['venous', 'capillary'] as const;
export type CollectionMethod = (typeof collectionMethods)[number];

export interface ContainerSpec {
  code: string;
  display: string;
  additive: Additive;
  /** Tie-break inside a class (A.1 rule 1); blood culture bottles share 1 and keep their device order. */
  subRank: number;
  /** Display only: cap colours are manufacturer conventions, never a rule key (A.1). */
  capColorBD: string;
  nominalDrawMl: number;
  /** What the consolidation algorithm may fill (A.4 rule 5). */
  capacityMl: number;
  inversions: { min: number; max: number };
  /** A clot in this tube makes it unusable (A.7 CLOTTED). */
  anticoagulated: boolean;
  handlingNotes: string;
}

/** How a hemolysed specimen is judged for a test (A.7). */
export type HemolysisRule = 'moderate' | 'gross' | 'review_only' | 'not_evaluated';

export interface LabTestSpec {
  code: string;
  display: string;
  /** LOINC codes of the order/result (verify in LOINC before use; DOMAIN.md A.10). */
  loinc: readonly string[];
  /** CPT code numbers the performing lab bills (D.1); numbers only, no AMA descriptors. */
  cpt: readonly string[];
  container: string;
  /** Other containers the lab accepts (A.3 alternatives); anything else is WRONG_CONTAINER. */
  acceptedContainers: readonly string[];
  section: Section;
  handling: Handling;
  /** Whole blood must not be refrigerated or iced (coag whole blood, blood cultures). */
  doNotChill: boolean;
  /** Minimum whole blood (QNS rule); null = a full tube is required (coag: fill rule) or volume is weight-based. */
  minWholeBloodMl: number | null;
  /** Volume the consolidation algorithm counts against capacity; coag tests 0 (they share one full tube). */
  consolidationVolumeMl: number;
  /** Never shares a tube (blood bank). */
  exclusive: boolean;
  /** Drawn as culture bottles, never shared (A.4 rule 4). */
  bloodCulture: boolean;
  analytes: readonly string[];
  hemolysis: HemolysisRule;
  /** Minutes from collection the specimen stays acceptable; null = not evaluated. */
  stabilityMinutes: number | null;
}
