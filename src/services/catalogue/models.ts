/** Types of the orderable catalogue: what a clinician can order, how it is collected, who performs it. */

export const orderableKinds = ['lab', 'imaging', 'respiratory'] as const;
export type OrderableKind = (typeof orderableKinds)[number];

/** The role whose worklist receives the order (a subset of `performerRoles` in fhir/systems.ts). */
export const orderablePerformerRoles = ['phlebotomist', 'imaging_technologist', 'respiratory_therapist'] as const;
export type OrderablePerformerRole = (typeof orderablePerformerRoles)[number];

/** DICOM modality codes (PS3.3 C.7.3.1.1.1) used by the catalogue. */
export const orderableModalities = ['CR', 'DX', 'CT', 'MR', 'US', 'NM', 'XA', 'MG', 'RF'] as const;
export type OrderableModality = (typeof orderableModalities)[number];

export interface OrderableCoding {
  system: string;
  code: string;
  display: string;
}

/** How a specimen travels from the draw to the lab (DOMAIN.md A.3 "Handling", A.9 transport). */
export const specimenHandlings = ['ambient', 'on_ice', 'refrigerated'] as const;
export type SpecimenHandling = (typeof specimenHandlings)[number];

export interface OrderableContainer {
  /** Container code of DOMAIN.md A.2 (blood) or our own code for non-blood containers (A.9). */
  container: string;
  /** Volume to collect, mL (DOMAIN.md A.3 column "Min whole blood mL" is the seed). */
  volumeMl: number;
}

export interface OrderableSpecimen extends OrderableContainer {
  /** Least volume the lab can still test (QNS below it); absent = the volume to collect. */
  minVolumeMl?: number;
  /** Volume to collect from a child (microtainer), when the lab accepts less. */
  pediatricVolumeMl?: number;
  handling?: SpecimenHandling;
  protectFromLight?: boolean;
  /** Deliver to the lab within this many minutes of collection. */
  deliverWithinMinutes?: number;
  /** Minutes from collection the specimen stays acceptable (DOMAIN.md A.7 stability). */
  stabilityMinutes?: number;
  /** Further containers filled for the same test (a blood-culture set is two bottles). */
  additionalContainers?: OrderableContainer[];
}

export const timedDrawKinds = ['peak', 'trough', 'clock'] as const;

/**
 * A timed draw (DOMAIN.md A.8): the collection window in minutes relative to the next dose
 * (trough, e.g. -30..0), to the end of the infusion (peak, e.g. 30..60), or for a clock window
 * (morning cortisol, e.g. 07:00-09:00 = 420..540) in minutes after local midnight.
 */
export interface TimedDraw {
  kind: (typeof timedDrawKinds)[number];
  fromMinutes: number;
  toMinutes: number;
}

export type OrderableStatus = 'active' | 'retired';

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
  /** Hours without caloric intake before a fasting draw (DOMAIN.md A.8: glucose 8 h). */
  fastingHours?: number;
  timing?: TimedDraw;
  /** Id of the reference lab that performs the test (services/labs/reference-labs.ts); absent = in-house. */
  performingLab?: string;
  /** The lab's test code (DOMAIN.md A.3, `config.phlebotomy.tests`) the orderable is collected as. */
  labTestCode?: string;
  /** Retired orderables can no longer be ordered; orders already placed keep them. Absent = active. */
  status?: OrderableStatus;
}
