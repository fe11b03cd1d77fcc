/** A lab order as Allied sends it, before any lab's quirks are applied. Dates are ISO 8601. */
export interface OrderMessage {
  /** MSH-10; the outbox's idempotency key is a good choice */
  controlId: string;
  /** MSH-7, ISO dateTime with offset */
  sentAt: string;
  patient: OrderPatient;
  visit?: OrderVisit;
  insurance?: OrderInsurance[];
  orderingProvider: OrderProvider;
  /** one ORC/OBR group each */
  orders: OrderItem[];
}

export interface OrderPatient {
  identifiers: OrderIdentifier[];
  name: { family: string; given: string[]; suffix?: string; prefix?: string };
  /** YYYY-MM-DD */
  birthDate?: string;
  /** HL7 table 0001: F, M, O, U, A, N */
  sex?: string;
  address?: { lines: string[]; city?: string; state?: string; postalCode?: string; country?: string };
  phone?: string;
}

export interface OrderIdentifier {
  value: string;
  /** CX-4, e.g. the MRN's issuing organisation */
  assigningAuthority?: string;
  /** CX-5 identifier type (HL7 table 0203): MR, PI, SS... */
  type?: string;
}

export interface OrderVisit {
  /** PV1-2 (HL7 table 0004): I, O, E... */
  patientClass: string;
  location?: { pointOfCare?: string; room?: string; bed?: string; facility?: string };
  visitNumber?: string;
}

export interface OrderInsurance {
  planId: string;
  companyId?: string;
  companyName?: string;
  groupNumber?: string;
  policyNumber?: string;
  /** IN1-17 (HL7 table 0063): SEL self, SPO spouse, CHD child... */
  relationship?: string;
}

export interface OrderProvider {
  id: string;
  family?: string;
  given?: string;
  /** XCN-9, e.g. NPI */
  assigningAuthority?: string;
}

export interface CodeRef {
  code: string;
  display?: string;
  /** HL7 coding-system mnemonic: LN (LOINC), L (local), SCT, HL70487, I10C... */
  system?: string;
}

export type OrderPriority = 'S' | 'A' | 'R';

export interface OrderItem {
  /** our order number; the profile decides how it looks on the wire */
  placerOrderNumber: string;
  fillerOrderNumber?: string;
  /** ORC-1 (HL7 table 0119); default NW */
  orderControl?: string;
  /** our test code, normally LOINC */
  test: CodeRef;
  /** S stat, A ASAP, R routine */
  priority: OrderPriority;
  /** OBR-7 collection date/time */
  collectedAt?: string;
  specimen?: OrderSpecimen;
  /** ICD-10-CM reasons for the test (DG1) */
  diagnoses?: CodeRef[];
  notes?: string[];
}

export interface OrderSpecimen {
  /** container barcode */
  id: string;
  /** HL7 table 0487: BLD, SER, PLAS, UR... */
  type: CodeRef;
  collectedAt?: string;
  /** source site (SPM-8) */
  source?: CodeRef;
}
