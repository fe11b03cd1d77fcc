import type { CodedValue, Hl7Identifier, PersonName, Provider } from '../coded.js';
import type { Hl7Issue } from '../errors.js';

/** OBX-5 read by its OBX-2 value type. */
export type ObservationValue =
  | { type: 'NM'; value: number; raw: string }
  | { type: 'ST' | 'TX' | 'FT'; text: string }
  | { type: 'CE' | 'CWE'; coded: CodedValue }
  /** SN: comparator, number, separator/suffix, second number (`<^10`, `^1^:^160`, `^10^-^20`) */
  | { type: 'SN'; comparator: string; value1: number | undefined; separator: string; value2: number | undefined; raw: string }
  | { type: 'DT' | 'TS' | 'DTM'; raw: string; fhir: string | undefined }
  /** ED/RP and other references: kept as their components, not decoded */
  | { type: 'ED' | 'RP'; components: string[] }
  | { type: 'other'; valueType: string; raw: string };

export interface ReferenceRange {
  text: string;
  low?: number;
  high?: number;
}

export interface ResultObservation {
  setId: string;
  valueType: string;
  code: CodedValue | undefined;
  subId: string;
  values: ObservationValue[];
  units: CodedValue | undefined;
  referenceRange: ReferenceRange | undefined;
  /** OBX-8 codes (HL7 table 0078), repetitions kept */
  abnormalFlags: string[];
  /** a panic value (HH, LL, AA or a profile's own critical flags): the ordering clinician must be told */
  critical: boolean;
  /** OBX-11 (HL7 table 0085) */
  status: string;
  observedAt: string | undefined;
  /** OBX-23 performing organisation name, when sent */
  performingOrganization: string | undefined;
  notes: string[];
  /** 1-based segment number inside the message */
  segment: number;
}

export interface ResultSpecimen {
  /** SPM-2 placer/filler specimen id (EIP: placer EI first, filler EI second) */
  placerId: string;
  fillerId: string;
  type: CodedValue | undefined;
  sourceSite: CodedValue | undefined;
  collectedAt: string | undefined;
  receivedAt: string | undefined;
  rejectReasons: CodedValue[];
  condition: CodedValue | undefined;
  /** OBX segments that follow the SPM (observations about the specimen) */
  observations: ResultObservation[];
  segment: number;
}

export interface ResultOrder {
  /** which `patients` entry this order belongs to */
  patientIndex: number;
  orderControl: string;
  placerOrderNumber: Hl7Identifier | undefined;
  fillerOrderNumber: Hl7Identifier | undefined;
  service: CodedValue | undefined;
  /** OBR-7 observation (collection) date/time */
  observedAt: string | undefined;
  /** OBR-22 results reported / status changed */
  reportedAt: string | undefined;
  /** OBR-25 (HL7 table 0123) */
  status: string;
  orderingProvider: Provider | undefined;
  notes: string[];
  observations: ResultObservation[];
  specimens: ResultSpecimen[];
  segment: number;
}

export interface ResultPatient {
  identifiers: Hl7Identifier[];
  name: PersonName | undefined;
  birthDate: string | undefined;
  /** PID-8 (HL7 table 0001) */
  sex: string;
  notes: string[];
  segment: number;
}

/** An ORU^R01 read into plain values. */
export interface LabResult {
  /** MSH-10: the idempotency key */
  controlId: string;
  messageType: string;
  version: string;
  sendingApplication: string;
  sendingFacility: string;
  sentAt: string | undefined;
  patients: ResultPatient[];
  orders: ResultOrder[];
  /** things the reader could not take as they were (bad numbers, OBX outside an order...) */
  issues: Hl7Issue[];
}
