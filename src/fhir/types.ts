/** The FHIR R4 types. The rest of Allied imports FHIR types from here, not from the package. */
export type * from '@medplum/fhirtypes';
