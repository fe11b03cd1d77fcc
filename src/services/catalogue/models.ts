/** Types of the orderable catalogue: what a clinician can order and who performs it. */

export type OrderableKind = 'lab' | 'imaging' | 'respiratory';

/** The role whose worklist receives the order (a subset of `performerRoles` in fhir/systems.ts). */
export type OrderablePerformerRole = 'phlebotomist' | 'imaging_technologist' | 'respiratory_therapist';

/** DICOM modality codes (PS3.3 C.7.3.1.1.1) used by the catalogue. */
export type OrderableModality = 'CR' | 'DX' | 'CT' | 'MR' | 'US' | 'NM' | 'XA' | 'MG' | 'RF';

export interface OrderableCoding {
  system: string;
  code: string;
  display: string;
}

/** How a specimen travels from the draw to the lab (DOMAIN.md A.3 "Handling"). */
export type SpecimenHandling = 'ambient' | 'on_ice' | 'refrigerated';

export interface OrderableContainer {
  /** Container code of DOMAIN.md A.2 (blood) or our own code for non-blood containers (A.9). */
  container: string;
  /** Minimum volume to collect, mL (DOMAIN.md A.3 column "Min whole blood mL"). */
  volumeMl: number;
}

export interface OrderableSpecimen extends OrderableContainer {
  handling?: SpecimenHandling;
  /** Further containers filled for the same test (a blood-culture set is two bottles). */
  additionalContainers?: OrderableContainer[];
}

/**
 * A draw tied to a time (DOMAIN.md A.8). The order's time (ServiceRequest.occurrence) is the anchor:
 * trough = the next dose (window: the organisation's trough window before it); peak = the end of the
 * infusion (window: `afterMinutes`); clock = a local time of day (`between`, e.g. morning cortisol).
 */
export interface OrderableTimedDraw {
  kind: 'trough' | 'peak' | 'clock';
  afterMinutes?: { from: number; to: number };
  between?: { from: string; to: string };
}

export interface Orderable {
  /** Our orderable code: stable, never reused (e.g. 'LAB-CBC'). */
  code: string;
  /** Our own short label. */
  display: string;
  kind: OrderableKind;
  performerRole: OrderablePerformerRole;
  /** LOINC for lab tests; CPT numbers with our own short labels and DICOM modality for imaging; CPT for RT. */
  coding: OrderableCoding[];
  specimen?: OrderableSpecimen;
  modality?: OrderableModality;
  defaultDurationMinutes?: number;
  fasting?: boolean;
  timedDraw?: OrderableTimedDraw;
}
