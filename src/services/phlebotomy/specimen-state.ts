import type { Specimen } from '@medplum/fhirtypes';

/**
 * Where a specimen is in its journey. FHIR's Specimen.status only says available/unavailable/
 * unsatisfactory, so the chain of custody lives in an extension; every step is a new version.
 */
export const SPECIMEN_STATE_URL = 'urn:allied:fhir:specimen-state';
export const REPRINTS_URL = 'urn:allied:fhir:label-reprints';
export const MANIFEST_URL = 'urn:allied:fhir:transport-manifest';

export type SpecimenState = 'collected' | 'in-transit' | 'received' | 'accepted' | 'rejected';

export const specimenTransitions: Record<SpecimenState, SpecimenState[]> = {
  collected: ['in-transit', 'received', 'rejected'],
  'in-transit': ['received', 'rejected'],
  received: ['accepted', 'rejected'],
  accepted: ['rejected'],
  rejected: ['accepted'],
};

export function stateOf(s: Specimen): SpecimenState {
  return (s.extension?.find((e) => e.url === SPECIMEN_STATE_URL)?.valueCode as SpecimenState) ?? 'collected';
}

export function withState(s: Specimen, state: SpecimenState): Specimen {
  const others = (s.extension ?? []).filter((e) => e.url !== SPECIMEN_STATE_URL);
  const status: Specimen['status'] = state === 'rejected' ? 'unsatisfactory' : 'available';
  return { ...s, status, extension: [...others, { url: SPECIMEN_STATE_URL, valueCode: state }] };
}

export function reprintsOf(s: Specimen): number {
  return s.extension?.find((e) => e.url === REPRINTS_URL)?.valueInteger ?? 0;
}

export function containerIdOf(s: Specimen): string | undefined {
  return s.identifier?.[0]?.value;
}
