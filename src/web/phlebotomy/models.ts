/** Phlebotomy shapes, as docs/api.md ("Phlebotomy") describes them. */
import type { PlannedSpecimen } from '../../services/phlebotomy/tube-plan.js';
import type { CollectionFacts } from '../worklist/collection.js';

export type Device = 'needle' | 'winged';
export const devices: readonly { id: Device; label: string }[] = [
  { id: 'needle', label: 'Needle (tube holder)' },
  { id: 'winged', label: 'Winged set (butterfly)' },
];

export interface PlannedTest {
  code: string;
  display: string;
  orderId: string | null;
}

export interface PlannedTube {
  container: string;
  display: string;
  capColor: string;
  additive: string;
  inversions: { min: number; max: number };
  volumeMl: number;
  /** the tube's nominal draw; volumeMl is less for a child */
  tubeMl?: number;
  handling: string;
  handlingNotes: string;
  tests: PlannedTest[];
}

export interface PlanWarning {
  code: string;
  message: string;
}

export interface PlannedOrder {
  id: string;
  display: string;
  priority: string;
  taskId: string | null;
  testCode: string | null;
  /** timed window, fasting answer, non-blood specimen */
  collection?: CollectionFacts | null;
}

/** A urine, swab, sputum or stool specimen, with what to do: the server's type. */
export type { PlannedSpecimen };

export interface TubePlan {
  patientId: string;
  device: Device;
  tubes: PlannedTube[];
  others?: PlannedSpecimen[];
  discardTube: boolean;
  warnings: PlanWarning[];
  orders: PlannedOrder[];
  /** timed draws whose window is not open now: not in these tubes */
  later?: (PlannedOrder & { reason: string })[];
}

export type SpecimenState = 'collected' | 'in-transit' | 'received' | 'accepted' | 'rejected';

export interface SpecimenSummary {
  id: string;
  version: number;
  containerId: string | null;
  accession: string | null;
  container: string | null;
  containerDisplay: string | null;
  state: SpecimenState;
  status: string;
  patientId: string | null;
  orderIds: string[];
  collectedAt: string | null;
  collector: string | null;
  receivedAt: string | null;
  notes: string[];
  reprints: number;
}

export interface Identification {
  patientId: string;
  scannedWristband: string;
  birthDate?: string;
  name?: string;
}

export const collectionMethods = ['venipuncture', 'capillary', 'arterial', 'line-draw'] as const;
export type CollectionMethod = (typeof collectionMethods)[number];

export interface CollectionRecord {
  specimenIds: string[];
  site?: string;
  method?: CollectionMethod;
  attempts?: number;
  complications?: string;
  note?: string;
}

export interface DispatchResult {
  manifest: string;
  specimens: SpecimenSummary[];
}

export interface UnableResult {
  failed: string[];
  recollectTasks: string[];
  notices: string[];
}

/** A specimen collected and not yet sent, from any collector or device (GET /api/specimens/pending-dispatch): the server's type. */
export type { PendingSpecimen } from '../../services/phlebotomy/pending-dispatch.js';
