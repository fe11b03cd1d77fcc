/** Phlebotomy and specimen collection rules (DOMAIN.md part A). */
export * from './models.js';
export { containerCatalogue, venousOrderOfDraw, capillaryOrderOfDraw, additiveDrawClass, UNCLASSIFIED_VENOUS_RANK } from './containers.js';
export type { DrawClassRank } from './containers.js';
export { testCatalogue } from './tests-catalogue.js';
export { sortOrderOfDraw, sortOrderOfDrawExplained, discardTubeRequired, inversionsFor, drawClassOf } from './order-of-draw.js';
export type { OrderOfDrawResult } from './order-of-draw.js';
export { consolidateTubes, redundantPanelComponents, redundantPanelComponentsExplained } from './consolidate.js';
export type { PlannedTube, ConsolidateTubesInput, RedundantComponent } from './consolidate.js';
export { citrateFillAcceptable, citrateFillAcceptableExplained, citrateVolumeForHematocrit, HCT_ADJUST_ABOVE_PCT } from './citrate.js';
export type { CitrateAdjustment } from './citrate.js';
export { pediatricDrawLimits, pediatricDrawAllowed, bloodCultureTotalVolumeMl } from './pediatric.js';
export type { PediatricDrawLimits, PediatricDrawDecision } from './pediatric.js';
export {
  hasTwoPatientIdentifiers,
  hasTwoPatientIdentifiersExplained,
  labelMissingElements,
  patientIdentifierTypes,
  locationTypes,
} from './identification.js';
export type { SpecimenLabel } from './identification.js';
export { specimenRejectionDecision, rejectionReasons, hl7RejectReasonFor, labelStatuses } from './rejection.js';
export type { SpecimenRejectionInput, SpecimenRejectionDecision, RejectionReason, RejectionReasonCode } from './rejection.js';
export { troughTimingOk, troughTimingOkExplained, fastingSatisfied, fastingSatisfiedExplained } from './timed.js';
export { mllpFrame, hl7ResultStatusMeaning, hl7ResultStatuses, MLLP_START_BLOCK, MLLP_END_BLOCK, MLLP_CARRIAGE_RETURN } from './hl7.js';
export type { MllpFrame, Hl7ResultStatusCode, Hl7ResultStatusMeaning } from './hl7.js';
