import type { CodeableConcept, Condition, Encounter, ExtractResource, Practitioner, Reference, ResourceType, ServiceRequest } from '@medplum/fhirtypes';
import { systems } from '../../fhir/systems.js';
import type { Orderable } from '../catalogue/index.js';
import { demoSystems } from './constants.js';
import { icd10Descriptions } from './diagnoses.js';
import type { Icd10Code } from './diagnoses.js';
import type { Priority } from './scenarios.js';

/** Builders for the clinical resources of a demo patient: encounters, diagnoses and orders. */

export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;

/** ISO-8601 instant without milliseconds. */
export const instant = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
export const date = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export function ref<K extends ResourceType>(type: K, id: string, display?: string): Reference<ExtractResource<K>> {
  return { reference: `${type}/${id}`, ...(display ? { display } : {}) };
}

export const icd10 = (code: Icd10Code): CodeableConcept => ({
  coding: [{ system: systems.icd10cm, code, display: icd10Descriptions[code] }],
  text: icd10Descriptions[code],
});

const encounterClassDisplay = { IMP: 'inpatient encounter', EMER: 'emergency', AMB: 'ambulatory' } as const;

export interface EncounterInput {
  id: string;
  patientId: string;
  encounterClass: keyof typeof encounterClassDisplay;
  status: Encounter['status'];
  startMs: number;
  endMs?: number;
  physicianId: string;
  /** Outer location first (ward or building), then the bed or room. */
  locationIds: string[];
  serviceProviderId: string;
  reasons: Icd10Code[];
  admittedFromEd?: boolean;
}

export function encounter(input: EncounterInput): Encounter {
  const active = input.status === 'in-progress' || input.status === 'arrived';
  return {
    resourceType: 'Encounter', id: input.id, status: input.status,
    class: { system: systems.encounterClass, code: input.encounterClass, display: encounterClassDisplay[input.encounterClass] },
    subject: ref('Patient', input.patientId),
    participant: [{
      type: [{ coding: [{ system: demoSystems.participationType, code: 'ATND', display: 'attender' }] }],
      individual: ref('Practitioner', input.physicianId),
    }],
    period: { start: instant(input.startMs), ...(input.endMs !== undefined ? { end: instant(input.endMs) } : {}) },
    reasonCode: input.reasons.map(icd10),
    ...(input.admittedFromEd ? {
      hospitalization: { admitSource: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/admit-source', code: 'emd', display: 'From accident/emergency department' }] } },
    } : {}),
    location: input.locationIds.map((id) => ({ location: ref('Location', id), status: active ? 'active' : input.status === 'planned' ? 'planned' : 'completed' })),
    serviceProvider: ref('Organization', input.serviceProviderId),
  };
}

export function condition(id: string, patientId: string, encounterId: string, code: Icd10Code, kind: 'encounter-diagnosis' | 'problem-list-item', recordedMs: number): Condition {
  return {
    resourceType: 'Condition', id,
    clinicalStatus: { coding: [{ system: systems.conditionClinical, code: 'active', display: 'Active' }] },
    verificationStatus: { coding: [{ system: demoSystems.conditionVerStatus, code: 'confirmed', display: 'Confirmed' }] },
    category: [{ coding: [{ system: systems.conditionCategory, code: kind, display: kind === 'encounter-diagnosis' ? 'Encounter Diagnosis' : 'Problem List Item' }] }],
    code: icd10(code),
    subject: ref('Patient', patientId),
    encounter: ref('Encounter', encounterId),
    recordedDate: date(recordedMs),
  };
}

/** SNOMED CT categories for orders (as used by US Core ServiceRequest). */
const orderCategory: Record<Orderable['kind'], [string, string]> = {
  lab: ['108252007', 'Laboratory procedure'],
  imaging: ['363679005', 'Imaging'],
  respiratory: ['53950000', 'Respiratory therapy'],
};

export interface OrderInput {
  id: string;
  orderable: Orderable;
  priority: Priority;
  patientId: string;
  encounterId: string;
  coverageId: string;
  requester: Reference<Practitioner>;
  reason: Icd10Code;
  reasonConditionId: string;
  locationId: string;
  authoredMs: number;
  occurrenceMs: number;
}

export function serviceRequest(input: OrderInput): ServiceRequest {
  const o = input.orderable;
  const [categoryCode, categoryDisplay] = orderCategory[o.kind];
  return {
    resourceType: 'ServiceRequest', id: input.id, status: 'active', intent: 'order',
    category: [{ coding: [{ system: systems.serviceRequestCategory, code: categoryCode, display: categoryDisplay }] }],
    priority: input.priority,
    code: { coding: [...o.coding.map((c) => ({ ...c })), { system: systems.orderable, code: o.code, display: o.display }], text: o.display },
    subject: ref('Patient', input.patientId),
    encounter: ref('Encounter', input.encounterId),
    occurrenceDateTime: instant(input.occurrenceMs),
    authoredOn: instant(input.authoredMs),
    requester: input.requester,
    performerType: { coding: [{ system: systems.alliedRole, code: o.performerRole }] },
    locationReference: [ref('Location', input.locationId)],
    reasonCode: [icd10(input.reason)],
    reasonReference: [ref('Condition', input.reasonConditionId)],
    insurance: [ref('Coverage', input.coverageId)],
    ...(o.fasting ? { patientInstruction: 'Nothing to eat or drink except water for 8 hours before the draw.' } : {}),
  };
}

/** When an order is due, from its priority: STAT now, ASAP within the hour, routine on the next round. */
export function dueOffsetMinutes(priority: Priority, roll: number): number {
  switch (priority) {
    case 'stat': return Math.floor(roll * 15);
    case 'asap': return 15 + Math.floor(roll * 45);
    case 'urgent': return 30 + Math.floor(roll * 90);
    default: return 30 * Math.floor(roll * 7);
  }
}
