/** Code and identifier systems Allied uses, with their official URIs where one exists. */
export const systems = {
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  cpt: 'http://www.ama-assn.org/go/cpt',
  hcpcs: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  dicomModality: 'http://dicom.nema.org/resources/ontology/DCM',
  npi: 'http://hl7.org/fhir/sid/us-npi',
  v2IdentifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  v2ObservationInterpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  practitionerRole: 'http://terminology.hl7.org/CodeSystem/practitioner-role',
  encounterClass: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  locationType: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
  coverageType: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  allergyClinical: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  serviceRequestCategory: 'http://snomed.info/sct',
  // Allied's own systems (organisation-scoped identifiers and codes)
  mrn: 'urn:allied:mrn',
  accession: 'urn:allied:accession',
  username: 'urn:allied:username',
  alliedRole: 'urn:allied:role',
  taskCode: 'urn:allied:task',
  orderable: 'urn:allied:orderable',
  payerId: 'urn:allied:payer-id',
  memberId: 'urn:allied:member-id',
} as const;

/** The user roles of ARCHITECTURE.md "Security". */
export const roles = [
  'physician',
  'nurse',
  'phlebotomist',
  'lab',
  'imaging_technologist',
  'radiologist',
  'respiratory_therapist',
  'coder',
  'biller',
  'admin',
] as const;
export type Role = (typeof roles)[number];

/** Roles that perform orders: a Task for the order lands on this role's worklist. */
export const performerRoles = ['phlebotomist', 'imaging_technologist', 'respiratory_therapist', 'coder'] as const;
export type PerformerRole = (typeof performerRoles)[number];
