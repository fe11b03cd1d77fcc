import { systems } from '../../fhir/systems.js';
import type { Orderable, OrderableCoding, OrderableSpecimen } from './models.js';

/*
 * Laboratory orderables.
 * Codes: LOINC (https://loinc.org, long common names; LOINC is free to use with attribution).
 * Containers and volumes: ../shared/DOMAIN.md A.2 (container codes) and A.3 (test -> tube,
 * minimum whole-blood mL). Non-blood containers (urine cup, swab in transport medium, sputum cup)
 * are our own codes for the specimens of DOMAIN.md A.9.
 */

/** Our container codes for specimens that are not blood tubes (DOMAIN.md A.9). */
export const nonBloodContainers = {
  urineCup: 'URINE_CUP',
  urineSterileCup: 'URINE_STERILE_CUP',
  sputumCup: 'SPUTUM_STERILE_CUP',
  swabTransportMedium: 'SWAB_VTM',
  stoolCup: 'STOOL_CUP',
  stoolPreservative: 'STOOL_OP_VIAL',
  bloodGasSyringe: 'ABG_SYRINGE',
} as const;

/**
 * The code an order for this catalogue entry carries to a reference lab (what a lab profile's
 * `testCodes` is keyed by): its LOINC, else its first coding, else the entry's own code; as the
 * outbox builds it.
 */
export function orderCodeOf(o: Pick<Orderable, 'code' | 'coding'>): { code: string; system: 'LN' | 'L' } {
  const code = o.coding.find((c) => c.system === systems.loinc);
  return code ? { code: code.code, system: 'LN' } : { code: o.coding[0]?.code ?? o.code, system: 'L' };
}

const loinc = (code: string, display: string): OrderableCoding[] => [{ system: systems.loinc, code, display }];

const tube = (container: string, volumeMl: number, handling?: OrderableSpecimen['handling']): OrderableSpecimen =>
  handling ? { container, volumeMl, handling } : { container, volumeMl };

type LabRow = [code: string, display: string, loincCode: string, loincDisplay: string, specimen: OrderableSpecimen, fasting?: boolean];

const FULL_CITRATE_TUBE_ML = 2.7; // A.2 nominal draw of the light-blue tube; citrate tubes must be >= 90 % full

const rows: LabRow[] = [
  // Haematology, EDTA lavender
  ['LAB-CBC', 'CBC with differential', '57021-8', 'CBC W Auto Differential panel - Blood', tube('EDTA_LAVENDER', 1.0)],
  ['LAB-CBC-NODIFF', 'CBC without differential', '58410-2', 'CBC panel - Blood by Automated count', tube('EDTA_LAVENDER', 1.0)],
  ['LAB-ESR', 'Sedimentation rate (ESR)', '4537-7', 'Erythrocyte sedimentation rate by Westergren method', tube('EDTA_LAVENDER', 2.0)],
  ['LAB-HBA1C', 'Hemoglobin A1c', '4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood', tube('EDTA_LAVENDER', 1.0)],
  ['LAB-BNP', 'BNP', '30934-4', 'Natriuretic peptide B [Mass/volume] in Serum or Plasma', tube('EDTA_LAVENDER', 1.0)],
  // Blood bank, EDTA pink (never shared)
  ['LAB-TYPE-SCREEN', 'Type and screen', '34532-2', 'Blood type and Indirect antibody screen panel - Blood', tube('EDTA_PINK', 6.0)],
  // Coagulation, light-blue citrate
  ['LAB-PT-INR', 'PT/INR', '5902-2', 'Prothrombin time (PT)', tube('CITRATE_LT_BLUE', FULL_CITRATE_TUBE_ML)],
  ['LAB-APTT', 'aPTT', '14979-9', 'aPTT in Platelet poor plasma by Coagulation assay', tube('CITRATE_LT_BLUE', FULL_CITRATE_TUBE_ML)],
  ['LAB-FIBRINOGEN', 'Fibrinogen', '3255-7', 'Fibrinogen [Mass/volume] in Platelet poor plasma by Coagulation assay', tube('CITRATE_LT_BLUE', FULL_CITRATE_TUBE_ML)],
  ['LAB-DDIMER', 'D-dimer', '48065-7', 'Fibrin D-dimer FEU [Mass/volume] in Platelet poor plasma', tube('CITRATE_LT_BLUE', FULL_CITRATE_TUBE_ML)],
  // Chemistry, gold SST
  ['LAB-BMP', 'Basic metabolic panel', '24321-2', 'Basic metabolic 2000 panel - Serum or Plasma', tube('SST_GOLD', 1.5)],
  ['LAB-CMP', 'Comprehensive metabolic panel', '24323-8', 'Comprehensive metabolic 2000 panel - Serum or Plasma', tube('SST_GOLD', 2.0)],
  ['LAB-HEPATIC', 'Hepatic function panel', '24325-3', 'Hepatic function 2000 panel - Serum or Plasma', tube('SST_GOLD', 1.5)],
  ['LAB-LIPID', 'Lipid panel', '24331-1', 'Lipid 1996 panel - Serum or Plasma', tube('SST_GOLD', 1.5)],
  ['LAB-GLUCOSE', 'Glucose', '2345-7', 'Glucose [Mass/volume] in Serum or Plasma', tube('SST_GOLD', 0.5)],
  ['LAB-GLUCOSE-FASTING', 'Glucose, fasting', '1558-6', 'Fasting glucose [Mass/volume] in Serum or Plasma', tube('SST_GOLD', 0.5), true],
  ['LAB-TSH', 'TSH', '3016-3', 'Thyrotropin [Units/volume] in Serum or Plasma', tube('SST_GOLD', 1.0)],
  ['LAB-FT4', 'Free T4', '3024-7', 'Thyroxine (T4) free [Mass/volume] in Serum or Plasma', tube('SST_GOLD', 1.0)],
  ['LAB-TROPONIN', 'Troponin I, high-sensitivity', '89579-7', 'Troponin I.cardiac [Mass/volume] in Serum or Plasma by High sensitivity method', tube('SST_GOLD', 1.0)],
  ['LAB-MAGNESIUM', 'Magnesium', '19123-9', 'Magnesium [Mass/volume] in Serum or Plasma', tube('SST_GOLD', 1.0)],
  ['LAB-PHOSPHORUS', 'Phosphorus', '2777-1', 'Phosphate [Mass/volume] in Serum or Plasma', tube('SST_GOLD', 1.0)],
  ['LAB-LIPASE', 'Lipase', '3040-3', 'Lipase [Enzymatic activity/volume] in Serum or Plasma', tube('SST_GOLD', 1.0)],
  ['LAB-CRP', 'C-reactive protein', '1988-5', 'C reactive protein [Mass/volume] in Serum or Plasma', tube('SST_GOLD', 1.0)],
  ['LAB-PROCALCITONIN', 'Procalcitonin', '33959-8', 'Procalcitonin [Mass/volume] in Serum or Plasma', tube('SST_GOLD', 1.0)],
  ['LAB-FERRITIN', 'Ferritin', '2276-4', 'Ferritin [Mass/volume] in Serum or Plasma', tube('SST_GOLD', 1.0)],
  ['LAB-B12', 'Vitamin B12', '2132-9', 'Cobalamin (Vitamin B12) [Mass/volume] in Serum or Plasma', tube('SST_GOLD', 1.0)],
  ['LAB-PSA', 'PSA', '2857-1', 'Prostate specific Ag [Mass/volume] in Serum or Plasma', tube('SST_GOLD', 1.0)],
  ['LAB-HCG-QUANT', 'hCG, quantitative (serum)', '21198-7', 'Choriogonadotropin.beta subunit [Units/volume] in Serum or Plasma', tube('SST_GOLD', 1.0)],
  ['LAB-BILI-TOTAL', 'Bilirubin, total', '1975-2', 'Bilirubin.total [Mass/volume] in Serum or Plasma', tube('SST_GOLD', 0.5)],
  // Therapeutic drug levels: plain red, because separator gel can absorb some drugs
  ['LAB-DIGOXIN', 'Digoxin level', '10535-3', 'Digoxin [Mass/volume] in Serum or Plasma', tube('SERUM_RED', 1.0)],
  // On ice (A.3)
  ['LAB-LACTATE', 'Lactate', '2524-7', 'Lactate [Moles/volume] in Serum or Plasma', tube('FLUORIDE_GRAY', 1.0, 'on_ice')],
  ['LAB-AMMONIA', 'Ammonia', '16362-6', 'Ammonia [Moles/volume] in Plasma', tube('HEP_DK_GREEN', 1.0, 'on_ice')],
  // Microbiology and other specimens (A.3, A.9)
  ['LAB-BLOOD-CULTURE', 'Blood culture set', '600-7', 'Bacteria identified in Blood by Culture', { container: 'BC_AEROBIC', volumeMl: 10, handling: 'ambient', additionalContainers: [{ container: 'BC_ANAEROBIC', volumeMl: 10 }] }],
  ['LAB-URINALYSIS', 'Urinalysis', '24356-8', 'Urinalysis complete panel - Urine', tube(nonBloodContainers.urineCup, 10, 'refrigerated')],
  ['LAB-URINE-CULTURE', 'Urine culture', '630-4', 'Bacteria identified in Urine by Culture', tube(nonBloodContainers.urineSterileCup, 10, 'refrigerated')],
  ['LAB-UHCG', 'Pregnancy test, urine', '2106-3', 'Choriogonadotropin (pregnancy test) [Presence] in Urine', tube(nonBloodContainers.urineCup, 5)],
  ['LAB-SPUTUM-CULTURE', 'Sputum culture', '624-7', 'Bacteria identified in Sputum by Respiratory culture', tube(nonBloodContainers.sputumCup, 2, 'refrigerated')],
  // Stool (A.9 lists stool with the other non-blood specimens): fresh unpreserved stool for toxin and
  // occult blood, the fixative vial of an O&P kit for parasites
  ['LAB-CDIFF-TOXIN', 'C. difficile toxin A+B', '34468-9', 'Clostridioides difficile toxin A+B [Presence] in Stool', tube(nonBloodContainers.stoolCup, 5, 'refrigerated')],
  ['LAB-OCCULT-BLOOD', 'Occult blood, stool', '2335-8', 'Hemoglobin.gastrointestinal [Presence] in Stool', tube(nonBloodContainers.stoolCup, 2)],
  ['LAB-OVA-PARASITES', 'Ova and parasites, stool', '673-4', 'Ova and parasites identified in Specimen by Light microscopy', tube(nonBloodContainers.stoolPreservative, 5)],
  ['LAB-SARS-COV-2', 'SARS-CoV-2 PCR', '94500-6', 'SARS-CoV-2 (COVID-19) RNA [Presence] in Respiratory system specimen by NAA with probe detection', tube(nonBloodContainers.swabTransportMedium, 3, 'refrigerated')],
];

export const labOrderables: Orderable[] = rows.map(([code, display, loincCode, loincDisplay, specimen, fasting]) => ({
  code,
  display,
  kind: 'lab',
  performerRole: 'phlebotomist',
  coding: loinc(loincCode, loincDisplay),
  specimen,
  ...(fasting ? { fasting } : {}),
}));
