/** Defaults of the demo organisation and the FHIR code systems it uses beyond fhir/systems.ts. */

export const DEMO_DEFAULT_PATIENTS = 200;
export const DEMO_DEFAULT_SEED = 1;
/** The demo's fixed "now": early morning, before the phlebotomy round. */
export const DEMO_EPOCH = '2026-11-24T06:00:00Z';

/** Official HL7 terminology URIs not (yet) in fhir/systems.ts. */
export const demoSystems = {
  locationPhysicalType: 'http://terminology.hl7.org/CodeSystem/location-physical-type',
  organizationType: 'http://terminology.hl7.org/CodeSystem/organization-type',
  subscriberRelationship: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship',
  coverageClass: 'http://terminology.hl7.org/CodeSystem/coverage-class',
  conditionVerStatus: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  allergyVerification: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
  participationType: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  roleCode: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
} as const;

/** Reserved-for-fiction phone numbers (555-0100 to 555-0199). */
export function demoPhone(n: number): string {
  return `614-555-01${String(n % 100).padStart(2, '0')}`;
}
