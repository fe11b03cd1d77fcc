/** Code links for the work of parts A-C (DOMAIN.md part D): CPT/HCPCS numbers with our own labels, ICD-10-CM. */
export {
  cptChestRadiograph,
  cptCtChest,
  cptVentilationManagement,
  cptPulseOximetry,
  cptForService,
  procedureCodes,
  serviceCodes,
  ctChestContrast,
  ventilationSettings,
  ventilationDays,
  pulseOximetryTypes,
} from './cpt.js';
export type { ProcedureCode } from './cpt.js';
export {
  icd10Asthma,
  icd10Sequence,
  icd10Description,
  icd10Descriptions,
  icd10Sequences,
  asthmaCodes,
  asthmaSeverities,
  asthmaStatuses,
  ICD10CM_FISCAL_YEAR,
} from './icd10.js';
