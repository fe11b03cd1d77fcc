import type { Claim837, EligibilityRequest } from '../models.js';

/** A complete professional claim, used by tests, the CLI smoke check and the benchmark generator. */
export function sampleClaim(id: string, overrides: Partial<Claim837> = {}): Claim837 {
  return {
    kind: 'professional',
    id,
    chargeAmount: 150,
    facilityCode: '11',
    facilityQualifier: 'B',
    frequencyCode: '1',
    providerSignature: 'Y',
    assignment: 'A',
    benefitsAssignment: 'Y',
    releaseOfInformation: 'Y',
    diagnosisCodes: ['J4520', 'R0602'],
    submitter: { name: 'ALLIED BILLING', entityType: '2', idQualifier: '46', id: 'ALLIED01' },
    receiver: { name: 'CLEARINGHOUSE', entityType: '2', idQualifier: '46', id: 'CH0001' },
    billingProvider: { name: 'ALLIED RESPIRATORY CLINIC', entityType: '2', idQualifier: 'XX', id: '1234567893', address: { line1: '1 MAIN ST', city: 'SPRINGFIELD', state: 'IL', postalCode: '627040001' } },
    billingProviderTaxId: '123456789',
    subscriber: { name: 'DOE', firstName: 'JANE', entityType: '1', idQualifier: 'MI', id: 'W123456789', payerResponsibility: 'P', relationship: '18', filingIndicator: 'CI', dateOfBirth: '19800101', gender: 'F', address: { line1: '5 ELM ST', city: 'SPRINGFIELD', state: 'IL', postalCode: '62701' } },
    payer: { name: 'ACME HEALTH PLAN', entityType: '2', idQualifier: 'PI', id: '99999' },
    serviceLines: [
      { lineNumber: 1, procedure: { qualifier: 'HC', code: '94640', modifiers: [] }, chargeAmount: 100, unitCode: 'UN', units: 1, placeOfService: '11', diagnosisPointers: [1], serviceDate: '20240105', controlNumber: `${id}-1` },
      { lineNumber: 2, procedure: { qualifier: 'HC', code: '94760', modifiers: ['59'] }, chargeAmount: 50, unitCode: 'UN', units: 1, diagnosisPointers: [1, 2], serviceDate: '20240105', controlNumber: `${id}-2` },
    ],
    ...overrides,
  };
}

export function sampleEligibilityRequest(trace: string): EligibilityRequest {
  return {
    traceNumber: trace,
    informationSource: { name: 'ACME HEALTH PLAN', entityType: '2', idQualifier: 'PI', id: '99999' },
    informationReceiver: { name: 'ALLIED RESPIRATORY CLINIC', entityType: '2', idQualifier: 'XX', id: '1234567893' },
    subscriber: { name: 'DOE', firstName: 'JANE', entityType: '1', idQualifier: 'MI', id: 'W123456789', dateOfBirth: '19800101', gender: 'F' },
    serviceTypes: ['30'],
  };
}
