/**
 * Where each rule table comes from, named once (DOMAIN.md section and its source keys).
 * Strength as in DOMAIN.md 0.1: STANDARD (hard-coded constant), DEFAULT (organisation config seed),
 * VARIES (configurable; guidelines disagree).
 */
export interface RuleSource {
  section: string;
  strength: 'STANDARD' | 'DEFAULT' | 'VARIES';
  source: string;
}

export const ruleSources = {
  orderOfDraw: { section: 'A.1', strength: 'STANDARD', source: 'CLSI GP41 (BD Vacutainer order of draw [GP41-BD]; WHO 2010); capillary order CLSI GP42 [OWEN-MUMFORD]' },
  containers: { section: 'A.2', strength: 'DEFAULT', source: 'BD Vacutainer volumes and inversions [GP41-BD]; the site\'s stocked SKUs override' },
  citrate: { section: 'A.2', strength: 'STANDARD', source: 'CLSI H21 6th ed. fill >= 90 % [H21-FILL] and haematocrit formula [H21-HCT]' },
  tests: { section: 'A.3, A.7, D.1', strength: 'DEFAULT', source: 'Public tube guides [YALETOWN], [DOCSLIB-GUIDE], [LEGACY-GHP]; CLSI GP44 via [ALLINA]; rejection policies [NHRMC], [NSHA], [NWH-REJECT]; LOINC (verify before use); CPT numbers' },
  consolidation: { section: 'A.4', strength: 'DEFAULT', source: 'DOMAIN.md A.4 deterministic algorithm; panel contents per CPT 80048/80053' },
  pediatric: { section: 'A.5', strength: 'DEFAULT', source: 'Howie, Bull WHO 2011 [HOWIE-2011]; hospital policies [DRGREENE], [NEOTERYX]; culture volumes IDSA/ASM via UW Health [UWH-BC]' },
  identification: { section: '1.1, A.6', strength: 'STANDARD', source: 'The Joint Commission NPSG.01.01.01 [TJC-NPSG]; CLSI GP41/AUTO12 label content [CLSI-AUTO12]' },
  rejection: { section: 'A.7', strength: 'DEFAULT', source: 'Public lab rejection policies [NHRMC], [NSHA], [UCSC-SHS], [NWH-REJECT], [APEX]; HL7 table 0490' },
  timed: { section: 'A.8', strength: 'DEFAULT', source: 'Trough window [SUNNYBROOK-NEO]; fasting >= 8 h (ADA)' },
  hl7: { section: 'A.10', strength: 'STANDARD', source: 'MLLP framing [MLLP]; HL7 v2 tables 0123 and 0085' },
  contrast: { section: 'B.4.3-B.4.5', strength: 'STANDARD', source: 'ACR-NKF 2020 [ACR-NKF]; ACR Manual metformin [WISC-METFORMIN]; ACR-NKF 2021 GBCA [ACR-NKF-GBCA]; ACR premedication [ACR-PREMED]' },
  screening: { section: 'B.4.1-B.4.2', strength: 'DEFAULT', source: 'ACR MR Safe Practices [ACR-MR]; ACR-SPR pregnancy practice parameter [ACR-SPR]' },
  dose: { section: 'B.5', strength: 'STANDARD', source: 'AAPM Report 96 k-coefficients [AAPM96]; ACR CT accreditation limits [OREGON-CT], [OSU-LIST]' },
  dicom: { section: 'B.6', strength: 'STANDARD', source: 'DICOM PS3.4 Annex K Table K.6-1 [DICOM-K] and Annex F [DICOM-F]' },
  ventilation: { section: 'C.2', strength: 'STANDARD', source: 'NIH NHLBI ARDS Network protocol [ARDSNET]; driving pressure Amato 2015 [AMATO] (limit DEFAULT)' },
  berlin: { section: 'C.3', strength: 'STANDARD', source: 'ARDS Definition Task Force, JAMA 2012 [BERLIN]' },
  weaning: { section: 'C.4', strength: 'STANDARD', source: 'ARDSNet SBT readiness [ARDSNET]; Yang & Tobin 1991 [RSBI]' },
  rox: { section: 'C.5', strength: 'STANDARD', source: 'Roca et al., AJRCCM 2019 [ROX]' },
  neonatal: { section: 'C.6', strength: 'STANDARD', source: 'European Consensus RDS 2022 [EU-RDS]; NRP algorithm [NRP]; neonatal VT mL/kg DEFAULT' },
  chronic: { section: 'C.7', strength: 'STANDARD', source: 'Peak-flow zones NHLBI/AAAAI/Mayo [PEAKFLOW] (cut-offs VARIES, per patient plan); GOLD 2024 [GOLD]' },
  triage: { section: 'C.8', strength: 'DEFAULT', source: 'Public RT consult forms [RT-CONSULT-FORM], [ASSESS-TOOL]' },
  procedureCodes: { section: 'D.1', strength: 'STANDARD', source: 'CMS respiratory billing article [CPT-CMS-RT]; [CXR-CODES]; [CODING-94640]. Numbers and our own labels only (AMA copyright)' },
  icd10: { section: 'D.2', strength: 'STANDARD', source: 'ICD-10-CM tabular, CDC/NCHS [ICD10CM]; Official Guidelines I.C.1.g.1 [COVID-CODING]' },
  charges: { section: 'D.3', strength: 'DEFAULT', source: 'DOMAIN.md D.3 event-to-charge mapping' },
} as const satisfies Record<string, RuleSource>;
