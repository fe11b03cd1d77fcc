import type { Role } from '../../fhir/systems.js';
import { storedResourceTypes } from '../../fhir/search/registry.js';

/**
 * Access policies as data: per role, which resource types and which operations.
 * r = read/vread, s = search, h = history, c = create, u = update/patch, d = delete.
 * Everything not listed is denied. Tenancy is enforced below this, in every query.
 */
export type Operation = 'read' | 'search' | 'history' | 'create' | 'update' | 'delete';
const LETTER: Record<Operation, string> = { read: 'r', search: 's', history: 'h', create: 'c', update: 'u', delete: 'd' };

const REFERENCE = ['Organization', 'Location', 'Practitioner', 'PractitionerRole', 'ActivityDefinition', 'ObservationDefinition', 'SpecimenDefinition', 'ChargeItemDefinition', 'Schedule', 'Slot'];
const BILLING = ['Claim', 'ClaimResponse', 'ExplanationOfBenefit', 'PaymentReconciliation', 'Invoice', 'Account'];
const CHART = ['Patient', 'Encounter', 'Condition', 'AllergyIntolerance', 'Coverage'];
const RESULTS = ['Observation', 'DiagnosticReport', 'ImagingStudy', 'Procedure', 'Specimen', 'MedicationAdministration', 'Device', 'Provenance'];

type Grants = Record<string, string>;
const grant = (types: string[], ops: string): Grants => Object.fromEntries(types.map((t) => [t, ops]));

export const policies: Record<Role, Grants> = {
  admin: grant(storedResourceTypes, 'rshcud'),
  physician: {
    ...grant(REFERENCE, 'rs'), ...grant(CHART, 'rshcu'), ...grant(RESULTS, 'rsh'),
    ServiceRequest: 'rshcud', Task: 'rsh', Communication: 'rshc', Appointment: 'rs', ChargeItem: 'rs',
  },
  nurse: {
    ...grant(REFERENCE, 'rs'), ...grant(CHART, 'rshu'), ...grant(RESULTS, 'rsh'),
    ServiceRequest: 'rsh', Task: 'rshu', Communication: 'rshc', Observation: 'rshcu', MedicationAdministration: 'rshcu', Appointment: 'rs',
  },
  phlebotomist: {
    ...grant(REFERENCE, 'rs'), Patient: 'rs', Encounter: 'rs', AllergyIntolerance: 'rs', Coverage: 'rs',
    ServiceRequest: 'rs', Task: 'rsu', Specimen: 'rshcu', Communication: 'rsc', ChargeItem: 'c', Provenance: 'c',
  },
  lab: {
    ...grant(REFERENCE, 'rs'), Patient: 'rs', Encounter: 'rs', ServiceRequest: 'rs', Task: 'rsu',
    Specimen: 'rshcu', Observation: 'rshcu', DiagnosticReport: 'rshcu', Communication: 'rsc', Provenance: 'c',
  },
  imaging_technologist: {
    ...grant(REFERENCE, 'rs'), Patient: 'rs', Encounter: 'rs', AllergyIntolerance: 'rs', Condition: 'rs', Coverage: 'rs',
    ServiceRequest: 'rs', Task: 'rsu', ImagingStudy: 'rshcu', Procedure: 'rshcu', Observation: 'rshc', Appointment: 'rshcu',
    Schedule: 'rs', Slot: 'rsu', Device: 'rs', MedicationAdministration: 'rshc', Communication: 'rsc', ChargeItem: 'c', Provenance: 'c',
  },
  radiologist: {
    ...grant(REFERENCE, 'rs'), ...grant(CHART, 'rs'), ServiceRequest: 'rs', Task: 'rs', ImagingStudy: 'rsh', Procedure: 'rs',
    Observation: 'rshc', DiagnosticReport: 'rshcu', Communication: 'rsc', Provenance: 'c',
  },
  respiratory_therapist: {
    ...grant(REFERENCE, 'rs'), Patient: 'rs', Encounter: 'rs', AllergyIntolerance: 'rs', Condition: 'rs', Coverage: 'rs',
    ServiceRequest: 'rs', Task: 'rsu', Observation: 'rshcu', Procedure: 'rshcu', MedicationAdministration: 'rshcu', Device: 'rshcu',
    Communication: 'rsc', ChargeItem: 'c', Provenance: 'c',
  },
  coder: {
    ...grant(REFERENCE, 'rs'), ...grant(CHART, 'rs'), ...grant(RESULTS, 'rs'),
    ServiceRequest: 'rs', Task: 'rsu', ChargeItem: 'rshcu', Claim: 'rsh', Communication: 'rsc',
  },
  biller: {
    ...grant(REFERENCE, 'rs'), Patient: 'rs', Encounter: 'rs', Coverage: 'rshcu', ChargeItem: 'rshu', Task: 'rsu',
    ...grant(BILLING, 'rshcu'), Communication: 'rsc',
  },
};

export function allowed(role: string, resourceType: string, op: Operation): boolean {
  const grants = policies[role as Role];
  return !!grants?.[resourceType]?.includes(LETTER[op]);
}

/** The roles that work a worklist (a physician has none: they order). */
export function mayViewWorklist(userRole: string, worklistRole: string): boolean {
  if (userRole === 'admin') return true;
  if (userRole === worklistRole) return true;
  return userRole === 'lab' && worklistRole === 'phlebotomist';
}

export const mayPlaceOrders = (role: string) => role === 'physician' || role === 'admin';
export const mayReadAudit = (role: string) => role === 'admin';
