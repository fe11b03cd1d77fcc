/** Respiratory therapy rules (DOMAIN.md part C). */
export {
  predictedBodyWeightKg,
  tidalVolumeTargetMl,
  tidalVolumeRangeMl,
  lungProtectiveCheck,
  drivingPressureCmH2O,
  staticComplianceMlPerCmH2O,
  sexes,
  PBW_BASE_KG,
  PBW_KG_PER_CM,
  PBW_REFERENCE_HEIGHT_CM,
  VT_MIN_ML_PER_KG,
  VT_TARGET_ML_PER_KG,
  VT_MAX_ML_PER_KG,
  PLATEAU_MAX_CMH2O,
} from './ventilation.js';
export type { Sex, TidalVolumeRange, LungProtectiveCheck, LungProtectiveInput } from './ventilation.js';
export { ardsnetLowerPeepOptions, ardsnetHigherPeepOptions, ardsnetLowerPeepTable, ardsnetHigherPeepTable } from './peep-tables.js';
export type { FiO2PeepPair } from './peep-tables.js';
export {
  pfRatio,
  berlinArdsSeverity,
  berlinArdsSeverityExplained,
  roxIndex,
  oxygenationIndex,
  BERLIN_MILD_MAX_PF,
  BERLIN_MODERATE_MAX_PF,
  BERLIN_SEVERE_MAX_PF,
  BERLIN_MIN_PEEP,
  ROX_LOW_RISK_MIN,
  ROX_FAILURE_BELOW,
} from './oxygenation.js';
export type { BerlinSeverity } from './oxygenation.js';
export { rsbi, sbtReadinessArdsnet, sbtReadinessArdsnetExplained, RSBI_SUCCESS_BELOW, SBT_GATES, SBT_MIN_SYSTOLIC_BP } from './weaning.js';
export type { RsbiResult, SbtReadinessInput } from './weaning.js';
export {
  neonatalTidalVolumeMl,
  surfactantCriteriaMet,
  surfactantCriteriaMetExplained,
  nrpPreductalSpo2Target,
  nrpPreductalSpo2Targets,
  SURFACTANT_FIO2_ABOVE,
  SURFACTANT_MIN_CPAP_CMH2O,
} from './neonatal.js';
export {
  peakFlowZone,
  peakFlowZoneExplained,
  goldGrade,
  goldGradeExplained,
  goldAbeGroup,
  goldAbeGroupExplained,
  goldGradeBands,
  GOLD_RATIO_BELOW,
  GOLD_E_MIN_MODERATE_EXACERBATIONS,
  GOLD_E_MIN_HOSPITALISATIONS,
  GOLD_B_MIN_MMRC,
  GOLD_B_MIN_CAT,
} from './chronic.js';
export type { PeakFlowZone, GoldAbeInput } from './chronic.js';
export { rtTriageFrequency } from './triage.js';
export type { RtTriage } from './triage.js';
