/** Valid R4 resources of the kinds Allied stores, for tests and the validation benchmark. */
import type { Bundle, Claim, Coverage, Element, Encounter, Observation, Patient, ServiceRequest, Specimen, Task } from '@medplum/fhirtypes';

/** Medplum's types leave out primitive extensions (`_birthDate`); JSON carries them. */
export const patient: Patient & { _birthDate?: Element } = {
  resourceType: 'Patient',
  id: 'p1',
  meta: { versionId: '1', lastUpdated: '2024-05-01T10:15:00.000Z' },
  identifier: [{ system: 'urn:allied:mrn', value: 'MRN-000123', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] } }],
  active: true,
  name: [{ use: 'official', family: 'Okafor', given: ['Ada', 'N.'] }],
  telecom: [{ system: 'phone', value: '+1 555 0100', use: 'mobile' }],
  gender: 'female',
  birthDate: '1984-07-12',
  _birthDate: { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/patient-birthTime', valueDateTime: '1984-07-12T08:30:00-05:00' }] },
  address: [{ line: ['12 Elm St'], city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' }],
  maritalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus', code: 'M' }] },
  contact: [{ relationship: [{ text: 'sister' }], name: { family: 'Okafor', given: ['Ife'] }, telecom: [{ system: 'phone', value: '+1 555 0101' }] }],
  communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'en-US' }] }, preferred: true }],
};

export const serviceRequest: ServiceRequest = {
  resourceType: 'ServiceRequest',
  id: 'sr1',
  identifier: [{ system: 'urn:allied:accession', value: 'ACC-2024-0001' }],
  status: 'active',
  intent: 'order',
  priority: 'stat',
  category: [{ coding: [{ system: 'http://snomed.info/sct', code: '108252007', display: 'Laboratory procedure' }] }],
  code: { coding: [{ system: 'http://loinc.org', code: '58410-2', display: 'CBC panel - Blood by Automated count' }], text: 'CBC' },
  subject: { reference: 'Patient/p1', display: 'Ada Okafor' },
  encounter: { reference: 'Encounter/e1' },
  occurrenceDateTime: '2024-05-01T11:00:00Z',
  authoredOn: '2024-05-01T10:20:00Z',
  requester: { reference: 'Practitioner/dr1' },
  reasonCode: [{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'D64.9' }] }],
  specimen: [{ reference: 'Specimen/s1' }],
  note: [{ text: 'Draw before transfusion.', time: '2024-05-01T10:21:00Z' }],
};

export const observation: Observation = {
  resourceType: 'Observation',
  status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
  code: { coding: [{ system: 'http://loinc.org', code: '718-7', display: 'Hemoglobin [Mass/volume] in Blood' }] },
  subject: { reference: 'Patient/p1' },
  basedOn: [{ reference: 'ServiceRequest/sr1' }],
  effectiveDateTime: '2024-05-01T11:05:00Z',
  issued: '2024-05-01T12:00:00.000Z',
  valueQuantity: { value: 13.2, unit: 'g/dL', system: 'http://unitsofmeasure.org', code: 'g/dL' },
  interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'N' }] }],
  referenceRange: [{ low: { value: 12, unit: 'g/dL' }, high: { value: 15.5, unit: 'g/dL' } }],
};

export const task: Task = {
  resourceType: 'Task',
  status: 'requested',
  intent: 'order',
  priority: 'stat',
  code: { coding: [{ system: 'urn:allied:task', code: 'collect-specimen' }] },
  focus: { reference: 'ServiceRequest/sr1' },
  for: { reference: 'Patient/p1' },
  basedOn: [{ reference: 'ServiceRequest/sr1' }],
  authoredOn: '2024-05-01T10:20:00Z',
  restriction: { period: { end: '2024-05-01T12:00:00Z' } },
  input: [{ type: { text: 'tube' }, valueString: 'Lavender EDTA 3 mL' }],
};

export const specimen: Specimen = {
  resourceType: 'Specimen',
  accessionIdentifier: { system: 'urn:allied:accession', value: 'ACC-2024-0001' },
  status: 'available',
  type: { coding: [{ system: 'http://snomed.info/sct', code: '119297000', display: 'Blood specimen' }] },
  subject: { reference: 'Patient/p1' },
  request: [{ reference: 'ServiceRequest/sr1' }],
  collection: {
    collector: { reference: 'Practitioner/phleb1' },
    collectedDateTime: '2024-05-01T11:02:00-05:00',
    quantity: { value: 3, unit: 'mL', system: 'http://unitsofmeasure.org', code: 'mL' },
    bodySite: { coding: [{ system: 'http://snomed.info/sct', code: '368208006', display: 'Left upper arm' }] },
  },
  container: [{ type: { text: 'Lavender top EDTA' }, capacity: { value: 3, unit: 'mL' } }],
};

export const coverage: Coverage = {
  resourceType: 'Coverage',
  status: 'active',
  type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'EHCPOL' }] },
  subscriberId: 'W123456789',
  beneficiary: { reference: 'Patient/p1' },
  relationship: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship', code: 'self' }] },
  period: { start: '2024-01-01', end: '2024-12-31' },
  payor: [{ reference: 'Organization/payer1' }],
  class: [{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/coverage-class', code: 'group' }] }, value: 'GRP-42' }],
  order: 1,
};

export const encounter: Encounter = {
  resourceType: 'Encounter',
  status: 'in-progress',
  class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
  subject: { reference: 'Patient/p1' },
  participant: [{ individual: { reference: 'Practitioner/dr1' } }],
  period: { start: '2024-05-01T10:00:00Z' },
  location: [{ location: { reference: 'Location/draw-station-2' }, status: 'active' }],
  serviceProvider: { reference: 'Organization/clinic1' },
};

export const claim: Claim = {
  resourceType: 'Claim',
  status: 'active',
  type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'professional' }] },
  use: 'claim',
  patient: { reference: 'Patient/p1' },
  created: '2024-05-02',
  provider: { reference: 'Organization/clinic1' },
  priority: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/processpriority', code: 'normal' }] },
  diagnosis: [{ sequence: 1, diagnosisCodeableConcept: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'D64.9' }] } }],
  insurance: [{ sequence: 1, focal: true, coverage: { reference: 'Coverage/cov1' } }],
  item: [
    {
      sequence: 1,
      diagnosisSequence: [1],
      productOrService: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '85025' }] },
      servicedDate: '2024-05-01',
      quantity: { value: 1 },
      unitPrice: { value: 42.5, currency: 'USD' },
      net: { value: 42.5, currency: 'USD' },
    },
  ],
  total: { value: 42.5, currency: 'USD' },
};

function withoutId<T extends { id?: string }>(resource: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = resource;
  return rest;
}

export const transaction: Bundle = {
  resourceType: 'Bundle',
  type: 'transaction',
  entry: [
    {
      fullUrl: 'urn:uuid:0f2d3c4b-1a2b-4c3d-8e9f-a0b1c2d3e4f5',
      resource: { resourceType: 'Patient', name: [{ family: 'Nakamura', given: ['Ken'] }], gender: 'male' },
      request: { method: 'POST', url: 'Patient' },
    },
    {
      resource: { ...withoutId(serviceRequest), subject: { reference: 'urn:uuid:0f2d3c4b-1a2b-4c3d-8e9f-a0b1c2d3e4f5' } },
      request: { method: 'POST', url: 'ServiceRequest' },
    },
    {
      resource: {
        resourceType: 'Observation',
        status: 'preliminary',
        code: { text: 'Pulse oximetry' },
        subject: { reference: 'Patient?identifier=urn:allied:mrn|MRN-000123' },
        valueQuantity: { value: 97, unit: '%' },
        contained: [{ resourceType: 'Device', id: 'oximeter', deviceName: [{ name: 'Finger oximeter', type: 'user-friendly-name' }] }],
        device: { reference: '#oximeter' },
      },
      request: { method: 'POST', url: 'Observation' },
    },
  ],
};

export const validExamples = { patient, serviceRequest, observation, task, specimen, coverage, encounter, claim, transaction };
