import type { CodeableConcept, Coding } from '@medplum/fhirtypes';
import { hl7ResultStatusMeaning, hl7ResultStatuses, type Hl7ResultStatusCode } from '../../../domain/index.js';
import type { CodedValue } from '../coded.js';

/** HL7 v2 coding-system mnemonics (table 0396) -> FHIR system URIs. */
export const CODE_SYSTEMS: Record<string, string> = {
  LN: 'http://loinc.org',
  SCT: 'http://snomed.info/sct',
  SNM: 'http://snomed.info/sct',
  UCUM: 'http://unitsofmeasure.org',
  I10: 'http://hl7.org/fhir/sid/icd-10',
  I10C: 'http://hl7.org/fhir/sid/icd-10-cm',
  'ICD10CM': 'http://hl7.org/fhir/sid/icd-10-cm',
  I9C: 'http://hl7.org/fhir/sid/icd-9-cm',
  CPT: 'http://www.ama-assn.org/go/cpt',
  C4: 'http://www.ama-assn.org/go/cpt',
  HL70078: 'http://terminology.hl7.org/CodeSystem/v2-0078',
  HL70136: 'http://terminology.hl7.org/CodeSystem/v2-0136',
  HL70487: 'http://terminology.hl7.org/CodeSystem/v2-0487',
  HL70070: 'http://terminology.hl7.org/CodeSystem/v2-0070',
};

export const INTERPRETATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

/** Codes of HL7 table 0078 that v3 ObservationInterpretation has under the same code. */
const INTERPRETATION_CODES = new Set(['L', 'H', 'LL', 'HH', 'N', 'A', 'AA', '<', '>', 'S', 'R', 'I', 'U', 'D', 'B', 'W', 'IND', 'NEG', 'POS', 'DET', 'ND', 'NR', 'RR', 'E', 'EX', 'HU', 'LU', 'H>', 'L<', 'SDD', 'NS']);
const INTERPRETATION_DISPLAY: Record<string, string> = {
  L: 'Low', H: 'High', LL: 'Critical low', HH: 'Critical high', N: 'Normal', A: 'Abnormal', AA: 'Critical abnormal',
  '<': 'Off scale low', '>': 'Off scale high', S: 'Susceptible', R: 'Resistant', I: 'Intermediate', POS: 'Positive', NEG: 'Negative', DET: 'Detected', ND: 'Not detected', IND: 'Indeterminate',
};

export function interpretationFor(flag: string): CodeableConcept {
  if (INTERPRETATION_CODES.has(flag)) {
    const coding: Coding = { system: INTERPRETATION_SYSTEM, code: flag };
    const display = INTERPRETATION_DISPLAY[flag];
    if (display) coding.display = display;
    return { coding: [coding] };
  }
  return { text: flag };
}

export function codeableConcept(v: CodedValue | undefined, localSystem: string): CodeableConcept | undefined {
  if (!v) return undefined;
  const coding: Coding[] = [];
  const add = (raw: string, display: string, system: string) => {
    const code = fhirCode(raw);
    if (!code) return;
    const c: Coding = { system: systemUri(system, localSystem), code };
    if (display) c.display = display;
    coding.push(c);
  };
  add(v.code, v.display, v.system);
  if (v.alternate) add(v.alternate.code, v.alternate.display, v.alternate.system);
  const cc: CodeableConcept = {};
  if (coding.length) cc.coding = coding;
  const text = v.originalText || v.display || v.alternate?.display;
  if (text) cc.text = text;
  return coding.length || text ? cc : undefined;
}

/** A FHIR code: no leading, trailing or repeated whitespace (labs pad codes); undefined when nothing is left. */
export function fhirCode(raw: string | undefined): string | undefined {
  const code = raw?.trim().replace(/\s+/g, ' ');
  return code ? code : undefined;
}

export function systemUri(mnemonic: string, localSystem: string): string {
  const known = CODE_SYSTEMS[mnemonic.toUpperCase()];
  if (known) return known;
  if (/^\d+(\.\d+)+$/.test(mnemonic)) return `urn:oid:${mnemonic}`;
  return localSystem;
}

export type ObservationStatus = 'registered' | 'preliminary' | 'final' | 'amended' | 'corrected' | 'cancelled' | 'entered-in-error' | 'unknown';
export type ReportStatus = 'registered' | 'partial' | 'preliminary' | 'final' | 'amended' | 'corrected' | 'appended' | 'cancelled' | 'entered-in-error' | 'unknown';

const BY_MEANING: Record<(typeof hl7ResultStatuses)[Hl7ResultStatusCode], ObservationStatus> = {
  final: 'final', preliminary: 'preliminary', corrected: 'corrected', cannot_be_obtained: 'cancelled', pending: 'registered', not_verified: 'preliminary',
};

/** OBX-11 (HL7 table 0085) codes outside the domain library's list. */
const OTHER_OBX_STATUS: Record<string, ObservationStatus> = {
  D: 'entered-in-error', W: 'entered-in-error', S: 'preliminary', O: 'registered', N: 'cancelled', U: 'final', A: 'amended',
};

export function observationStatus(code: string): ObservationStatus {
  const c = code.trim().toUpperCase();
  if (c in hl7ResultStatuses) return BY_MEANING[hl7ResultStatusMeaning({ code: c as Hl7ResultStatusCode })];
  return OTHER_OBX_STATUS[c] ?? 'unknown';
}

/** OBR-25 (HL7 table 0123) -> DiagnosticReport.status. */
const REPORT_STATUS: Record<string, ReportStatus> = {
  O: 'registered', I: 'registered', S: 'partial', A: 'partial', P: 'preliminary', R: 'preliminary', C: 'corrected', F: 'final', X: 'cancelled', Y: 'unknown', Z: 'unknown',
};

export function reportStatus(code: string): ReportStatus {
  return REPORT_STATUS[code.trim().toUpperCase()] ?? 'unknown';
}
