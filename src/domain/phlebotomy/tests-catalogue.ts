import type { HemolysisRule, LabTestSpec, Section, Handling } from './models.js';

/*
 * Orderable blood tests and their specimen requirements: DOMAIN.md A.3 (tube, section, handling,
 * minimum volume; DEFAULT seed, the performing lab's directory overrides it), A.4 (panel contents,
 * from the CPT panel definitions 80048/80053), A.7 (hemolysis and stability, DEFAULT), D.1 (CPT numbers).
 * LOINC codes: A.10 examples plus common LOINC panel codes; verify in LOINC before use.
 */

const BMP_ANALYTES = ['glucose', 'calcium', 'sodium', 'potassium', 'carbon_dioxide', 'chloride', 'bun', 'creatinine'] as const;
const CMP_ANALYTES = [...BMP_ANALYTES, 'albumin', 'total_protein', 'alkaline_phosphatase', 'alt', 'ast', 'total_bilirubin'] as const;

interface Row {
  display: string;
  loinc: string[];
  cpt: string[];
  container: string;
  accepted?: string[];
  section: Section;
  handling: Handling;
  doNotChill?: boolean;
  minMl: number | null;
  exclusive?: boolean;
  bloodCulture?: boolean;
  analytes: readonly string[];
  hemolysis: HemolysisRule;
  stability: number | null;
}

const rows: Record<string, Row> = {
  CBC: { display: 'Complete blood count', loinc: ['57021-8'], cpt: ['85025'], container: 'EDTA_LAVENDER', section: 'HEME', handling: 'ambient', minMl: 1.0, analytes: ['cbc'], hemolysis: 'review_only', stability: 1440 },
  HBA1C: { display: 'Haemoglobin A1c', loinc: ['4548-4'], cpt: ['83036'], container: 'EDTA_LAVENDER', section: 'CHEM', handling: 'ambient', minMl: 1.0, analytes: ['hba1c'], hemolysis: 'review_only', stability: null },
  BMP: { display: 'Basic metabolic panel', loinc: ['24321-2'], cpt: ['80048'], container: 'SST_GOLD', accepted: ['PST_LT_GREEN'], section: 'CHEM', handling: 'ambient', minMl: 1.5, analytes: BMP_ANALYTES, hemolysis: 'moderate', stability: 120 },
  CMP: { display: 'Comprehensive metabolic panel', loinc: ['24323-8'], cpt: ['80053'], container: 'SST_GOLD', accepted: ['PST_LT_GREEN'], section: 'CHEM', handling: 'ambient', minMl: 2.0, analytes: CMP_ANALYTES, hemolysis: 'moderate', stability: 120 },
  LIPID: { display: 'Lipid panel', loinc: ['24331-1'], cpt: ['80061'], container: 'SST_GOLD', accepted: ['PST_LT_GREEN'], section: 'CHEM', handling: 'ambient', minMl: 1.5, analytes: ['cholesterol', 'triglycerides', 'hdl', 'ldl'], hemolysis: 'gross', stability: 120 },
  TSH: { display: 'Thyroid-stimulating hormone', loinc: ['3016-3'], cpt: ['84443'], container: 'SST_GOLD', accepted: ['PST_LT_GREEN'], section: 'CHEM', handling: 'ambient', minMl: 1.0, analytes: ['tsh'], hemolysis: 'gross', stability: 120 },
  TROPONIN: { display: 'Cardiac troponin', loinc: ['10839-9'], cpt: ['84484'], container: 'SST_GOLD', accepted: ['PST_LT_GREEN'], section: 'CHEM', handling: 'ambient', minMl: 1.0, analytes: ['troponin'], hemolysis: 'gross', stability: 120 },
  GLUCOSE: { display: 'Glucose', loinc: ['2345-7'], cpt: ['82947'], container: 'SST_GOLD', accepted: ['FLUORIDE_GRAY'], section: 'CHEM', handling: 'ambient', minMl: 0.5, analytes: ['glucose'], hemolysis: 'gross', stability: 120 },
  PT_INR: { display: 'Prothrombin time / INR', loinc: ['5902-2', '6301-6'], cpt: ['85610'], container: 'CITRATE_LT_BLUE', section: 'COAG', handling: 'ambient', doNotChill: true, minMl: null, analytes: ['pt', 'inr'], hemolysis: 'gross', stability: 1440 },
  APTT: { display: 'Activated partial thromboplastin time', loinc: ['14979-9'], cpt: ['85730'], container: 'CITRATE_LT_BLUE', section: 'COAG', handling: 'ambient', minMl: null, analytes: ['aptt'], hemolysis: 'gross', stability: 240 },
  TYPE_SCREEN: { display: 'ABO/Rh type and antibody screen', loinc: ['882-1', '890-4'], cpt: ['86900', '86901', '86850'], container: 'EDTA_PINK', section: 'BLOOD_BANK', handling: 'ambient', minMl: 6.0, exclusive: true, analytes: ['abo_rh', 'antibody_screen'], hemolysis: 'not_evaluated', stability: null },
  BLOOD_CULTURE: { display: 'Blood culture set', loinc: ['600-7'], cpt: ['87040'], container: 'BC_AEROBIC', accepted: ['BC_ANAEROBIC'], section: 'MICRO', handling: 'ambient', doNotChill: true, minMl: null, exclusive: true, bloodCulture: true, analytes: ['blood_culture'], hemolysis: 'not_evaluated', stability: 120 },
  LACTATE: { display: 'Lactate', loinc: ['2524-7'], cpt: ['83605'], container: 'FLUORIDE_GRAY', section: 'CHEM', handling: 'on_ice', minMl: 1.0, analytes: ['lactate'], hemolysis: 'gross', stability: 60 },
  AMMONIA: { display: 'Ammonia', loinc: ['16362-6'], cpt: ['82140'], container: 'HEP_DK_GREEN', accepted: ['EDTA_LAVENDER'], section: 'CHEM', handling: 'on_ice', minMl: 1.0, analytes: ['ammonia'], hemolysis: 'moderate', stability: 60 },
};

/** Test catalogue keyed by test code (DOMAIN.md A.3). */
export const testCatalogue: Readonly<Record<string, LabTestSpec>> = Object.fromEntries(
  Object.entries(rows).map(([code, r]): [string, LabTestSpec] => [
    code,
    {
      code,
      display: r.display,
      loinc: r.loinc,
      cpt: r.cpt,
      container: r.container,
      acceptedContainers: r.accepted ?? [],
      section: r.section,
      handling: r.handling,
      doNotChill: r.doNotChill ?? false,
      minWholeBloodMl: r.minMl,
      // Coag tests need a full tube and share it (A.4 step 2): they count 0 against capacity.
      consolidationVolumeMl: r.minMl ?? 0,
      exclusive: r.exclusive ?? false,
      bloodCulture: r.bloodCulture ?? false,
      analytes: r.analytes,
      hemolysis: r.hemolysis,
      stabilityMinutes: r.stability,
    },
  ]),
);
