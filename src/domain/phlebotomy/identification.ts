import { resolveDomainConfig, type LabelElement } from '../config.js';
import { DomainInputError } from '../errors.js';
import { reason, type Explained } from '../reasons.js';
import { checkEnum, fieldsOf, requiredArray } from '../validate.js';

/*
 * Patient identification and specimen labels.
 * Two identifiers: The Joint Commission NPSG.01.01.01 [TJC-NPSG], DOMAIN.md 1.1 (STANDARD).
 * Label elements: CLSI GP41/AUTO12 via DOMAIN.md A.6 (DEFAULT required set in config).
 */

/** Person-specific identifiers (1.1). */
export const patientIdentifierTypes = ['fullName', 'dateOfBirth', 'mrn', 'accountNumber', 'phoneNumber', 'assignedIdNumber', 'nationalId'] as const;
/** Locations are never identifiers (1.1 rule 3); they are accepted and ignored. */
export const locationTypes = ['roomNumber', 'bedNumber', 'location', 'unit'] as const;
const allTypes = [...patientIdentifierTypes, ...locationTypes];
const personal = new Set<string>(patientIdentifierTypes);

export function hasTwoPatientIdentifiersExplained(input: { identifiers: string[] }): Explained<boolean> & { counted: string[]; ignored: string[] } {
  const o = fieldsOf(input, 'hasTwoPatientIdentifiers');
  const list = requiredArray(o, 'identifiers', 'an array of identifier types (fullName, dateOfBirth, mrn, ...)');
  const counted: string[] = [];
  const ignored: string[] = [];
  list.forEach((v, i) => {
    const t = checkEnum(v, `identifiers[${i}]`, allTypes);
    if (!personal.has(t)) ignored.push(t);
    else if (!counted.includes(t)) counted.push(t);
  });
  const ok = counted.length >= 2;
  const reasons = ok ? [] : [reason('FEWER_THAN_TWO_IDENTIFIERS', `${counted.length} distinct person-specific identifier(s); two are required`, counted.length, 2)];
  if (ignored.length) reasons.push(reason('LOCATION_NOT_AN_IDENTIFIER', `Ignored (a location is never an identifier): ${ignored.join(', ')}`));
  return { value: ok, counted, ignored, reasons };
}

/** True iff at least two distinct person-specific identifier types were verified (1.1). */
export function hasTwoPatientIdentifiers(input: { identifiers: string[] }): boolean {
  return hasTwoPatientIdentifiersExplained(input).value;
}

export interface SpecimenLabel {
  patientName?: string | null;
  dateOfBirth?: string | null;
  mrn?: string | null;
  specimenId?: string | null;
  collectionDateTime?: string | null;
  collectorId?: string | null;
  [other: string]: unknown;
}

const labelFields = ['patientName', 'dateOfBirth', 'mrn', 'specimenId', 'collectionDateTime', 'collectorId'] as const;

/** Names from {patientName, secondIdentifier, specimenId, collectionDateTime, collectorId} that the label lacks (A.6). */
export function labelMissingElements(input: { label: SpecimenLabel; config?: unknown }): LabelElement[] {
  const o = fieldsOf(input, 'labelMissingElements');
  const label = o.label;
  if (label === null || typeof label !== 'object' || Array.isArray(label)) throw new DomainInputError('label', 'an object of label fields', label);
  const l = label as Record<string, unknown>;
  const present = (k: string): boolean => {
    const v = l[k];
    if (v === undefined || v === null) return false;
    if (typeof v !== 'string') throw new DomainInputError(`label.${k}`, 'a string (or null when absent)', v);
    return v.trim() !== '';
  };
  const has: Record<string, boolean> = {};
  for (const f of labelFields) has[f] = present(f);
  const required = resolveDomainConfig(o.config).phlebotomy.labelRequiredElements;
  return required.filter((e) => (e === 'secondIdentifier' ? !(has.dateOfBirth || has.mrn) : !has[e]));
}
