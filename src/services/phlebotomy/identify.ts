import type { Patient } from '@medplum/fhirtypes';
import { systems } from '../../fhir/systems.js';
import { normaliseText } from '../../fhir/search/extract.js';

export interface IdentifyInput {
  /** what the wristband barcode scan gave (the MRN) */
  scannedWristband: string;
  /** the second identifier, confirmed with the patient: date of birth (YYYY-MM-DD) or full name */
  birthDate?: string;
  name?: string;
}

export interface IdentifyResult {
  match: boolean;
  reasons: string[];
}

/**
 * Positive patient identification (TJC NPSG.01.01.01, DOMAIN.md 1.1 and A.6): the wristband must be
 * this patient's, and a second identifier must agree. Any mismatch blocks the collection.
 */
export function identifyPatient(patient: Patient, input: IdentifyInput): IdentifyResult {
  const reasons: string[] = [];
  const mrn = patient.identifier?.find((i) => i.system === systems.mrn)?.value;
  const scanned = String(input.scannedWristband ?? '').trim();
  if (!scanned) reasons.push('Scan the wristband first');
  else if (!mrn) reasons.push('The patient has no MRN on record: use the downtime procedure');
  else if (scanned !== mrn) reasons.push(`The wristband (${scanned}) belongs to another patient than the order (MRN ${mrn})`);
  if (!input.birthDate && !input.name) reasons.push('Confirm a second identifier with the patient: date of birth or full name');
  if (input.birthDate && input.birthDate !== patient.birthDate) reasons.push('The date of birth given does not match the record');
  if (input.name) {
    const names = (patient.name ?? []).map((n) => normaliseText([...(n.given ?? []), n.family].filter(Boolean).join(' ')));
    if (!names.includes(normaliseText(input.name))) reasons.push('The name given does not match the record');
  }
  return { match: reasons.length === 0, reasons };
}
