/** Medical imaging rules (DOMAIN.md part B). */
export {
  iodinatedContrastKidneyRisk,
  iodinatedContrastKidneyRiskExplained,
  metforminActionForIodinatedContrast,
  metforminActionForIodinatedContrastExplained,
  gbcaRecommendation,
  gbcaRecommendationExplained,
  premedicationSchedule,
  premedicationRegimens,
  gbcaAgentGroups,
  gbcaGroups,
  dialysisStates,
  EGFR_HIGH_RISK_BELOW,
  EGFR_INTERMEDIATE_BELOW,
} from './contrast.js';
export type { IodinatedKidneyRisk, GbcaGroup, GbcaRecommendation, PremedicationRegimen } from './contrast.js';
export {
  pregnancyVerificationRequired,
  pregnancyVerificationRequiredExplained,
  mriZoneAccessAllowed,
  mriZoneAccessAllowedExplained,
  mriZones,
  mriPersons,
} from './screening.js';
export { effectiveDoseMsv, dlpFromCtdivol, exceedsAcrCtDoseLimit, exceedsAcrCtDoseLimitExplained, ctDoseCoefficients, acrCtDoseLimitsMgy } from './dose.js';
export {
  mwlRequiredMatchingKeys,
  mwlReturnKeyType,
  mppsTransitionAllowed,
  mppsCreateAllowed,
  mwlAttributes,
  mppsStatuses,
  mppsTransitions,
  MWL_FIND_SOP_CLASS_UID,
  MPPS_SOP_CLASS_UID,
} from './dicom.js';
export type { MwlAttribute, MwlReturnKeyType, MppsStatus } from './dicom.js';
